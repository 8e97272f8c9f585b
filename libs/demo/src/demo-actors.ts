import { createHash } from 'node:crypto';
import type { DemoRole } from './demo-file.schema';
import type { DemoCommand } from './demo-script';

/** Whom a token is signed for: the claims the API reads (docs/API.md's {sub, role}). */
export interface DemoActor {
  readonly sub: string;
  readonly role: DemoRole | 'auditor';
}

/** The two actors that send the demo's commands; their subjects scope the idempotency keys. */
export const DEMO_ACTORS: Readonly<Record<DemoRole, DemoActor>> = {
  coordinator: { sub: 'demo-equipo-dedicado', role: 'coordinator' },
  high_level: { sub: 'demo-alto-nivel', role: 'high_level' },
};

/** Reads the first event of the API's log, to check that it serves the store the loader reads. */
export const DEMO_AUDITOR: DemoActor = { sub: 'demo-auditor', role: 'auditor' };

/**
 * The id the API gives the command sent under this step's Idempotency-Key: SHA-256 of the
 * actor's subject and the key (decision 0005). Its events carry it, so a step is recorded
 * exactly when `findByCommandId` finds events for it.
 */
export function demoCommandId(command: Pick<DemoCommand, 'as' | 'key'>): string {
  return createHash('sha256')
    .update(`${DEMO_ACTORS[command.as].sub}\n${command.key}`)
    .digest('hex');
}
