import { Logger } from '@nestjs/common';
import type { EventStore } from '@mesas/event-store';
import { signToken } from '@mesas/runtime';
import { DemoStep, demoScript } from './demo-script';

export interface DemoLoadReport {
  readonly loaded: number;
  readonly lastPosition: string | null;
}

/**
 * Loads the paper's mesas on an empty store by sending each step to the running API over HTTP,
 * with a coordinator's or a minister's token: the same path, rules and validation as any user.
 * Each step carries an Idempotency-Key, so a load interrupted and restarted does not repeat
 * what was already recorded. Stops at the first refusal and says which step it was.
 */
export async function loadDemoData(
  baseUrl: string,
  secret: string,
  store: EventStore,
  steps: readonly DemoStep[] = demoScript,
  logger: Pick<Logger, 'log'> = new Logger('Demo'),
): Promise<DemoLoadReport | null> {
  const first = await store.readAll(null, 1);
  if (first.events.length > 0) return null;
  const tokens = {
    coordinator: signToken(secret, { sub: 'demo-equipo-dedicado', role: 'coordinator' }),
    high_level: signToken(secret, { sub: 'demo-alto-nivel', role: 'high_level' }),
  };
  let lastPosition: string | null = null;
  for (const [i, step] of steps.entries()) {
    const response = await fetch(`${baseUrl}${step.path}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${tokens[step.as]}`,
        'idempotency-key': `demo-${i}`,
      },
      body: JSON.stringify(step.body),
    });
    const body = (await response.json()) as { position?: string; message?: unknown };
    if (response.status !== 201) {
      throw new Error(
        `demo step ${i} (POST ${step.path}) was refused with ${response.status}: ${JSON.stringify(body.message)}`,
      );
    }
    lastPosition = body.position ?? lastPosition;
  }
  logger.log(`loaded ${steps.length} demo commands (mesas of the paper)`);
  return { loaded: steps.length, lastPosition };
}
