import { AccessTarget, CommandType, authorize, authorizeRole } from './access-policy';
import type { Actor } from './command-meta';
import type { Role } from './vocabularies';
import { Forbidden } from './domain-errors';

/** A record, so that a command added to either union and forgotten here fails to compile. */
const commandTypes: Record<CommandType, true> = {
  ProposeMesa: true,
  AssessMesaViability: true,
  LaunchMesa: true,
  JoinParticipant: true,
  RemoveParticipant: true,
  HoldSession: true,
  TransferMesa: true,
  CloseMesa: true,
  RaiseProblem: true,
  ClassifyProblem: true,
  FilterProblem: true,
  PrioritizeProblem: true,
  ProposeSolution: true,
  AssignTask: true,
  ReportTaskProgress: true,
  MoveTaskDeadline: true,
  CompleteTask: true,
  CancelTask: true,
  EscalateProblem: true,
  DecideEscalation: true,
  ResolveProblem: true,
  ReopenProblem: true,
  RecordImpact: true,
};
const ALL = Object.keys(commandTypes) as CommandType[];
const except = (allowed: readonly CommandType[]): CommandType[] =>
  ALL.filter((command) => !allowed.includes(command));

const M = 'm-forestal';
const inMesa: AccessTarget = { mesaId: M };
const serforTask: AccessTarget = { mesaId: M, responsibleEntity: 'SERFOR' };
const actor = (role: Role, extra: Partial<Actor> = {}): Actor => ({
  sub: `${role}-1`,
  role,
  ...extra,
});

const allowed = (who: Actor, command: CommandType, target: AccessTarget = serforTask): void => {
  expect(() => authorize(who, command, target)).not.toThrow();
};
const forbidden = (
  who: Actor,
  command: CommandType,
  message: RegExp,
  target: AccessTarget = serforTask,
): void => {
  let thrown: unknown;
  try {
    authorize(who, command, target);
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(Forbidden);
  expect((thrown as Error).message).toMatch(message);
};

describe('access policy', () => {
  describe('coordinator', () => {
    it.each(ALL)('may %s', (command) => {
      allowed(actor('coordinator'), command);
    });

    it('acts on any task, whatever entity is responsible', () => {
      allowed(actor('coordinator'), 'CompleteTask', {
        mesaId: M,
        responsibleEntity: 'MEF',
      });
    });
  });

  describe('private_rep', () => {
    const privateRep = actor('private_rep');
    const mine: CommandType[] = ['RaiseProblem', 'ProposeSolution'];

    it.each(mine)('may %s', (command) => {
      allowed(privateRep, command);
    });

    it.each(except(mine))('may not %s', (command) => {
      forbidden(privateRep, command, /role private_rep may not/);
    });

    it('the refusal names the command in words', () => {
      forbidden(privateRep, 'AssignTask', /role private_rep may not assign task$/);
    });
  });

  describe('public_rep', () => {
    const serfor = actor('public_rep', { entity: 'SERFOR' });
    const taskScoped: CommandType[] = ['ReportTaskProgress', 'CompleteTask'];

    it('may ProposeSolution', () => {
      allowed(serfor, 'ProposeSolution', inMesa);
    });

    it.each(taskScoped)('may %s on a task its entity is responsible for', (command) => {
      allowed(serfor, command, serforTask);
    });

    it.each(taskScoped)('may not %s on a task of another entity', (command) => {
      forbidden(serfor, command, /the task belongs to MEF; this token acts for SERFOR/, {
        mesaId: M,
        responsibleEntity: 'MEF',
      });
    });

    it.each(taskScoped)('may not %s with a token that names no entity', (command) => {
      forbidden(actor('public_rep'), command, /needs an entity/, serforTask);
    });

    it.each(taskScoped)(
      'on a task that does not exist, %s is left to the decider (404, not 403)',
      (command) => {
        allowed(serfor, command, inMesa);
      },
    );

    it.each(except(['ProposeSolution', ...taskScoped]))('may not %s', (command) => {
      forbidden(serfor, command, /role public_rep may not/);
    });
  });

  describe('high_level', () => {
    const highLevel = actor('high_level');
    const mine: CommandType[] = ['DecideEscalation', 'TransferMesa'];

    it.each(mine)('may %s', (command) => {
      allowed(highLevel, command, inMesa);
    });

    it.each(except(mine))('may not %s', (command) => {
      forbidden(highLevel, command, /role high_level may not/);
    });
  });

  describe('auditor', () => {
    it.each(ALL)('may not %s', (command) => {
      forbidden(actor('auditor'), command, /role auditor may not/);
    });
  });

  describe('a token bound to a mesa', () => {
    it('acts in its mesa', () => {
      allowed(actor('coordinator', { mesaId: M }), 'CloseMesa', inMesa);
    });

    it.each<[Role, CommandType, Partial<Actor>]>([
      ['coordinator', 'CloseMesa', {}],
      ['private_rep', 'RaiseProblem', {}],
      ['public_rep', 'CompleteTask', { entity: 'SERFOR' }],
      ['high_level', 'DecideEscalation', {}],
    ])('a %s token does not act in another mesa (%s)', (role, command, extra) => {
      forbidden(
        actor(role, { ...extra, mesaId: 'm-acuicola' }),
        command,
        /this token acts in mesa m-acuicola only/,
      );
    });

    it('authorizeRole judges the role alone, before any mesa is known', () => {
      expect(() =>
        authorizeRole(actor('private_rep', { mesaId: 'm-acuicola' }), 'RaiseProblem'),
      ).not.toThrow();
      expect(() => authorizeRole(actor('auditor'), 'RaiseProblem')).toThrow(Forbidden);
    });

    it('a token without a mesa acts in every mesa', () => {
      allowed(actor('high_level'), 'TransferMesa', { mesaId: 'm-acuicola' });
    });
  });
});
