import { Body, Controller, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
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
  @HttpCode(201)
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
  @HttpCode(201)
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
  @HttpCode(201)
  launch(
    @Param('mesaId', IdParamPipe) mesaId: string,
    @Body() _body: LaunchMesaRequest,
    @CommandContext() context: RequestContext,
  ): Promise<CommandResult> {
    return this.send(mesaId, { type: 'LaunchMesa', data: {} }, context);
  }

  @Post(':mesaId/participants')
  @HttpCode(201)
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
  @HttpCode(201)
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
  @HttpCode(201)
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
  @HttpCode(201)
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
  @HttpCode(201)
  close(
    @Param('mesaId', IdParamPipe) mesaId: string,
    @Body() body: CloseMesaRequest,
    @CommandContext() context: RequestContext,
  ): Promise<CommandResult> {
    return this.send(mesaId, { type: 'CloseMesa', data: { reason: body.reason } }, context);
  }
}
