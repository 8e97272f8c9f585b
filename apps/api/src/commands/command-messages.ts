import { Command } from '@nestjs/cqrs';
import type { Actor, HoldSession, MesaCommand, ProblemCommand } from '@mesas/domain';

/** What the HTTP edge knows about a request, besides the command itself. */
export interface RequestContext {
  readonly actor: Actor;
  /** business time as sent; the server's clock when absent */
  readonly occurredAt?: string;
  readonly sessionId?: string;
  readonly idempotencyKey?: string;
  /** digest of route and body: the same idempotency key with another request is refused */
  readonly requestHash: string;
  readonly correlationId: string;
}

export interface CommandResult {
  readonly id: string;
  readonly streamId: string;
  readonly version: number;
  /** global position of the command's last event, as a decimal string */
  readonly position: string;
}

type Intent<C extends { meta: unknown }> = C extends unknown ? Omit<C, 'meta'> : never;
/** HoldSession's problem lookups are the handler's to make, not the client's to claim. */
export type MesaIntent =
  | Exclude<Intent<MesaCommand>, { type: 'HoldSession' }>
  | { readonly type: 'HoldSession'; readonly data: Omit<HoldSession['data'], 'problemMesas'> };
export type ProblemIntent = Intent<ProblemCommand>;

/** A command on a mesa stream; `resultId` is the id the response reports. */
export class ExecuteMesaCommand extends Command<CommandResult> {
  constructor(
    readonly mesaId: string,
    readonly intent: MesaIntent,
    readonly context: RequestContext,
    readonly resultId: string,
  ) {
    super();
  }
}

/** A command on a problem stream, decided in the context of its mesa. */
export class ExecuteProblemCommand extends Command<CommandResult> {
  constructor(
    readonly problemId: string,
    /** the mesa in the path (raising a problem); other commands find it in the problem */
    readonly mesaId: string | null,
    readonly intent: ProblemIntent,
    readonly context: RequestContext,
    readonly resultId: string,
  ) {
    super();
  }
}
