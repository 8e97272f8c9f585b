import { Body, Controller, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiCommandContract, ApiCommandResult } from '../http/openapi-shapes';
import { BearerAuthGuard } from '../auth/bearer-auth.guard';
import {
  CommandResult,
  ExecuteMesaCommand,
  MesaIntent,
  RequestContext,
} from '../commands/command-messages';
import { CommandContext } from '../http/command-context.decorator';
import { IdParamPipe, newId } from '../http/id-param.pipe';
import {
  AssessViabilityRequest,
  CloseMesaRequest,
  HoldSessionRequest,
  JoinParticipantRequest,
  LaunchMesaRequest,
  LeaveRequest,
  ProposeMesaRequest,
  TransferMesaRequest,
} from './mesa-commands.request.dto';

/** The mesa's lifecycle, participants and sessions: each route maps its body to one command. */
@ApiTags('mesas (commands)')
@ApiBearerAuth()
@ApiCommandContract()
@UseGuards(BearerAuthGuard)
@Controller('mesas')
export class MesaCommandsController {
  constructor(private readonly commands: CommandBus) {}

  private send(
    mesaId: string,
    intent: MesaIntent,
    context: RequestContext,
    resultId = mesaId,
  ): Promise<CommandResult> {
    return this.commands.execute(new ExecuteMesaCommand(mesaId, intent, context, resultId));
  }

  @Post()
  @ApiOperation({
    summary: 'Propose a mesa',
    description:
      'Records MesaProposed for a sector or factor, with its convener and cadence. Coordinator only. The mesa id is made by the server when the body has none.',
  })
  @HttpCode(201)
  @ApiCommandResult()
  propose(
    @Body() body: ProposeMesaRequest,
    @CommandContext() context: RequestContext,
  ): Promise<CommandResult> {
    const mesaId = body.mesaId ?? newId();
    return this.send(
      mesaId,
      {
        type: 'ProposeMesa',
        data: {
          mesaId,
          name: body.name,
          kind: body.kind,
          scope: body.scope,
          level: body.level ?? 'national',
          region: body.region ?? null,
          convener: body.convener,
          cadenceDays: body.cadenceDays ?? 14,
        },
      },
      context,
    );
  }

  @Post(':mesaId/viability')
  @ApiOperation({
    summary: 'Assess viability',
    description:
      'Records whether the mesa is viable (only a viable mesa can be launched). Coordinator only.',
  })
  @HttpCode(201)
  @ApiCommandResult()
  assess(
    @Param('mesaId', IdParamPipe) mesaId: string,
    @Body() body: AssessViabilityRequest,
    @CommandContext() context: RequestContext,
  ): Promise<CommandResult> {
    return this.send(
      mesaId,
      { type: 'AssessMesaViability', data: { viable: body.viable, notes: body.notes } },
      context,
    );
  }

  @Post(':mesaId/launch')
  @ApiOperation({
    summary: 'Launch the mesa',
    description:
      'Starts the mesa after a positive viability assessment; sessions and problems need a launched mesa. Coordinator only.',
  })
  @HttpCode(201)
  @ApiCommandResult()
  launch(
    @Param('mesaId', IdParamPipe) mesaId: string,
    @Body() _body: LaunchMesaRequest,
    @CommandContext() context: RequestContext,
  ): Promise<CommandResult> {
    return this.send(mesaId, { type: 'LaunchMesa', data: {} }, context);
  }

  @Post(':mesaId/participants')
  @ApiOperation({
    summary: 'Add a participant',
    description:
      'A person joins the mesa for an organisation, as private, public, dedicated_team or high_level. Coordinator only.',
  })
  @HttpCode(201)
  @ApiCommandResult()
  join(
    @Param('mesaId', IdParamPipe) mesaId: string,
    @Body() body: JoinParticipantRequest,
    @CommandContext() context: RequestContext,
  ): Promise<CommandResult> {
    const { participantId, name, organisation, role } = body;
    return this.send(
      mesaId,
      { type: 'JoinParticipant', data: { participantId, name, organisation, role } },
      context,
      participantId,
    );
  }

  @Post(':mesaId/participants/:participantId/leave')
  @ApiOperation({
    summary: 'A participant leaves',
    description: 'Records ParticipantLeft. Coordinator only.',
  })
  @HttpCode(201)
  @ApiCommandResult()
  leave(
    @Param('mesaId', IdParamPipe) mesaId: string,
    @Param('participantId', IdParamPipe) participantId: string,
    @Body() body: LeaveRequest,
    @CommandContext() context: RequestContext,
  ): Promise<CommandResult> {
    return this.send(
      mesaId,
      { type: 'RemoveParticipant', data: { participantId, reason: body.reason ?? null } },
      context,
      participantId,
    );
  }

  @Post(':mesaId/sessions')
  @ApiOperation({
    summary: 'Record a session',
    description:
      'A regular or inter-session meeting held on a day, with its attendees (participants) and the problems discussed. Coordinator only.',
  })
  @HttpCode(201)
  @ApiCommandResult()
  holdSession(
    @Param('mesaId', IdParamPipe) mesaId: string,
    @Body() body: HoldSessionRequest,
    @CommandContext() context: RequestContext,
  ): Promise<CommandResult> {
    const sessionId = body.sessionId ?? newId('session');
    return this.send(
      mesaId,
      {
        type: 'HoldSession',
        data: {
          sessionId,
          type: body.type,
          heldOn: body.heldOn,
          attendees: body.attendees,
          problemIds: body.problemIds ?? [],
          summary: body.summary ?? null,
        },
      },
      context,
      sessionId,
    );
  }

  @Post(':mesaId/transfer')
  @ApiOperation({
    summary: 'Transfer the mesa',
    description: 'Moves the mesa to another convener, with the reason. Coordinator or high level.',
  })
  @HttpCode(201)
  @ApiCommandResult()
  transfer(
    @Param('mesaId', IdParamPipe) mesaId: string,
    @Body() body: TransferMesaRequest,
    @CommandContext() context: RequestContext,
  ): Promise<CommandResult> {
    return this.send(
      mesaId,
      { type: 'TransferMesa', data: { convener: body.convener, reason: body.reason } },
      context,
    );
  }

  @Post(':mesaId/close')
  @ApiOperation({
    summary: 'Close the mesa',
    description: 'A closed mesa accepts nothing more. Coordinator only.',
  })
  @HttpCode(201)
  @ApiCommandResult()
  close(
    @Param('mesaId', IdParamPipe) mesaId: string,
    @Body() body: CloseMesaRequest,
    @CommandContext() context: RequestContext,
  ): Promise<CommandResult> {
    return this.send(mesaId, { type: 'CloseMesa', data: { reason: body.reason } }, context);
  }
}
