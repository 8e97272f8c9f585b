import type { MesaCommand } from '../mesa/mesa.decider';
import type { ProblemCommand } from '../problem/problem.decider';
import type { Actor } from './command-meta';
import type { Role } from './vocabularies';
import { Forbidden } from './domain-errors';

export type CommandType = MesaCommand['type'] | ProblemCommand['type'];

/** Who may do what (docs/API.md): the dedicated team runs the mesa; others act in their lane. */
const permitted: Readonly<Record<Role, 'every' | ReadonlySet<CommandType>>> = {
  coordinator: 'every',
  private_rep: new Set<CommandType>(['RaiseProblem', 'ProposeSolution']),
  public_rep: new Set<CommandType>(['ProposeSolution', 'ReportTaskProgress', 'CompleteTask']),
  high_level: new Set<CommandType>(['DecideEscalation', 'TransferMesa']),
  auditor: new Set<CommandType>(),
};

/** Commands a public representative may issue only on tasks of the entity it acts for. */
const entityScoped: ReadonlySet<CommandType> = new Set(['ReportTaskProgress', 'CompleteTask']);

export interface AccessTarget {
  readonly mesaId: string;
  /** for task commands: the entity responsible for the task (undefined: no such task) */
  readonly responsibleEntity?: string;
}

/** Throws Forbidden unless the actor's role may issue this kind of command at all. */
export function authorizeRole(actor: Actor, command: CommandType): void {
  const allowed = permitted[actor.role];
  if (allowed !== 'every' && !allowed.has(command)) {
    throw new Forbidden(`role ${actor.role} may not ${describe(command)}`);
  }
}

/** Throws Forbidden unless the actor's role and scope allow this command on this target. */
export function authorize(actor: Actor, command: CommandType, target: AccessTarget): void {
  authorizeRole(actor, command);
  if (actor.mesaId !== undefined && actor.mesaId !== target.mesaId) {
    throw new Forbidden(`this token acts in mesa ${actor.mesaId} only`);
  }
  if (actor.role === 'public_rep' && entityScoped.has(command)) {
    if (actor.entity === undefined) {
      throw new Forbidden('a public_rep token needs an entity to act on tasks');
    }
    if (target.responsibleEntity !== undefined && target.responsibleEntity !== actor.entity) {
      throw new Forbidden(
        `the task belongs to ${target.responsibleEntity}; this token acts for ${actor.entity}`,
      );
    }
  }
}

function describe(command: CommandType): string {
  return command.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}
