import type { EventStore } from '@mesas/event-store';
import { demoCommandId } from './demo-actors';
import type { DemoCommand } from './demo-script';

export interface DemoMesaProgress {
  readonly mesa: string;
  readonly done: number;
  readonly total: number;
}

/**
 * What a load would do with this store:
 * - `load`: the store is empty; the whole demo goes in;
 * - `resume`: some steps are recorded; the others go in;
 * - `complete`: every step is recorded; nothing to do;
 * - `refuse`: the store holds events and none of the demo's: it is someone's real log, and
 *   the demo never goes into it.
 */
export type DemoVerdict = 'load' | 'resume' | 'complete' | 'refuse';

export interface DemoProgress {
  readonly verdict: DemoVerdict;
  readonly done: number;
  readonly total: number;
  /** per mesa, in the order the mesas first appear in the script (forestry first) */
  readonly mesas: readonly DemoMesaProgress[];
  /** the steps not recorded yet, in the order they are sent */
  readonly pending: readonly DemoCommand[];
}

export type DemoStoreReader = Pick<EventStore, 'findByCommandId' | 'readAll'>;

/**
 * Which steps the store already holds, found by each step's command id (its events carry it):
 * a step is recorded or not, whatever happened around it, so an interrupted load is picked up
 * exactly where it stopped and no step is sent twice.
 */
export async function demoProgress(
  store: DemoStoreReader,
  commands: readonly DemoCommand[],
): Promise<DemoProgress> {
  const pending: DemoCommand[] = [];
  const mesas = new Map<string, { done: number; total: number }>();
  for (const command of commands) {
    const recorded = (await store.findByCommandId(demoCommandId(command))).length > 0;
    const mesa = mesas.get(command.mesa) ?? { done: 0, total: 0 };
    mesas.set(command.mesa, { done: mesa.done + (recorded ? 1 : 0), total: mesa.total + 1 });
    if (!recorded) pending.push(command);
  }
  const done = commands.length - pending.length;
  const empty = (await store.readAll(null, 1)).events.length === 0;
  const verdict: DemoVerdict =
    done === 0 ? (empty ? 'load' : 'refuse') : pending.length === 0 ? 'complete' : 'resume';
  return {
    verdict,
    done,
    total: commands.length,
    mesas: [...mesas].map(([mesa, p]) => ({ mesa, ...p })),
    pending,
  };
}
