import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import {
  ConcurrencyError,
  DuplicateEventError,
  EventStore,
  ExpectedVersion,
  LogCheckpoint,
  NewEvent,
  StoredEvent,
} from './event-store.port';

/**
 * The event-store contract as a model-based property: random sequences of appends (every kind of
 * expected version, right and wrong), duplicate ids, stream reads, log reads in random page
 * sizes, and appends racing on one stream in an order fast-check's scheduler picks, run against
 * a real adapter and against a model small enough to be obviously right (a map of streams and
 * a list for the log). After every step the adapter must agree with the model.
 */

interface Model {
  /** stream index → the event ids of the stream, in version order */
  readonly streams: string[][];
  /** the event ids of this run, in log order */
  readonly log: string[];
}

interface Real {
  readonly store: EventStore;
  /** stream index → stream id, fresh for every run (the store is shared) */
  readonly ids: readonly string[];
  /** where the log stood when the run began */
  readonly start: LogCheckpoint | null;
}

type Kind = 'any' | 'no_stream' | 'stream_exists' | 'exact';
const STREAMS = 3;

function expectedOf(kind: Kind, actual: number, offset: number): ExpectedVersion {
  switch (kind) {
    case 'any':
      return ExpectedVersion.any;
    case 'no_stream':
      return ExpectedVersion.noStream;
    case 'stream_exists':
      return ExpectedVersion.streamExists;
    case 'exact':
      return ExpectedVersion.exact(Math.max(0, actual + offset));
  }
}

function accepts(expected: ExpectedVersion, actual: number): boolean {
  switch (expected.kind) {
    case 'any':
      return true;
    case 'no_stream':
      return actual === 0;
    case 'stream_exists':
      return actual > 0;
    case 'exact':
      return expected.version === actual;
  }
}

function newEvent(type: string): NewEvent {
  return {
    eventId: randomUUID(),
    type,
    schemaVersion: 1,
    occurredAt: '2015-09-30T15:00:00.000Z',
    data: { type },
    metadata: {
      actor: 'coordinator:model',
      correlationId: randomUUID(),
      causationId: null,
      commandId: randomUUID(),
    },
  };
}

class Append implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly stream: number,
    readonly kind: Kind,
    readonly offset: number,
    readonly count: number,
  ) {}
  check(): boolean {
    return true;
  }
  async run(model: Model, real: Real): Promise<void> {
    const actual = model.streams[this.stream].length;
    const expected = expectedOf(this.kind, actual, this.offset);
    const events = Array.from({ length: this.count }, (_, i) => newEvent(`E${i}`));
    const outcome = await real.store
      .append(real.ids[this.stream], events, expected)
      .catch((e: unknown) => e);
    if (accepts(expected, actual)) {
      if (outcome instanceof Error) throw outcome;
      const result = outcome as Awaited<ReturnType<EventStore['append']>>;
      expect(result.streamVersion).toBe(actual + this.count);
      expect(result.events.map((e) => e.streamVersion)).toEqual(
        events.map((_, i) => actual + i + 1),
      );
      model.streams[this.stream].push(...events.map((e) => e.eventId));
      model.log.push(...events.map((e) => e.eventId));
    } else {
      expect(outcome).toBeInstanceOf(ConcurrencyError);
    }
  }
  toString(): string {
    return `append(s${this.stream}, ${this.kind}${this.kind === 'exact' ? `${this.offset >= 0 ? '+' : ''}${this.offset}` : ''}, ×${this.count})`;
  }
}

/** An event id already stored, sent again: refused, nothing of the append is written. */
class AppendDuplicate implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly stream: number,
    readonly pick: number,
  ) {}
  check(model: Model): boolean {
    return model.log.length > 0;
  }
  async run(model: Model, real: Real): Promise<void> {
    const dupId = model.log[this.pick % model.log.length];
    const events = [newEvent('Fresh'), { ...newEvent('Again'), eventId: dupId }];
    const outcome = await real.store
      .append(real.ids[this.stream], events, ExpectedVersion.any)
      .catch((e: unknown) => e);
    expect(outcome).toBeInstanceOf(DuplicateEventError);
  }
  toString(): string {
    return `appendDuplicate(s${this.stream}, #${this.pick})`;
  }
}

class ReadStream implements fc.AsyncCommand<Model, Real> {
  constructor(readonly stream: number) {}
  check(): boolean {
    return true;
  }
  async run(model: Model, real: Real): Promise<void> {
    const read = await real.store.readStream(real.ids[this.stream]);
    expect(read.map((e) => e.eventId)).toEqual(model.streams[this.stream]);
    expect(read.map((e) => e.streamVersion)).toEqual(read.map((_, i) => i + 1));
  }
  toString(): string {
    return `readStream(s${this.stream})`;
  }
}

class ReadAll implements fc.AsyncCommand<Model, Real> {
  constructor(readonly pageSize: number) {}
  check(): boolean {
    return true;
  }
  async run(model: Model, real: Real): Promise<void> {
    const seen: StoredEvent[] = [];
    let checkpoint = real.start;
    for (;;) {
      const page = await real.store.readAll(checkpoint, this.pageSize);
      expect(page.events.length).toBeLessThanOrEqual(this.pageSize);
      if (page.events.length === 0) break;
      seen.push(...page.events);
      checkpoint = page.checkpoint;
    }
    const ours = seen.filter((e) => real.ids.includes(e.streamId));
    expect(ours.map((e) => e.eventId)).toEqual(model.log);
    expect(await real.store.lagOf(checkpoint)).toBe(0);
    const last = ours[ours.length - 1];
    if (last) expect(await real.store.covers(checkpoint, last.globalPosition)).toBe(true);
  }
  toString(): string {
    return `readAll(pages of ${this.pageSize})`;
  }
}

/**
 * Several appends to one stream, all expecting what the stream is now, started in an order the
 * scheduler picks and running concurrently: with an exact version (or "no stream") exactly one
 * wins; with "any" all do, in some order.
 */
class RacingAppends implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly scheduler: fc.Scheduler,
    readonly stream: number,
    readonly kind: 'any' | 'exact',
    readonly racers: number,
  ) {}
  check(): boolean {
    return true;
  }
  async run(model: Model, real: Real): Promise<void> {
    const actual = model.streams[this.stream].length;
    const expected = expectedOf(this.kind, actual, 0);
    const append = this.scheduler.scheduleFunction((event: NewEvent) =>
      real.store.append(real.ids[this.stream], [event], expected),
    );
    const events = Array.from({ length: this.racers }, (_, i) => newEvent(`Racer${i}`));
    const settled = Promise.allSettled(events.map((e) => append(e)));
    await this.scheduler.waitAll();
    const outcomes = await settled;
    const won = outcomes.flatMap((o, i) => (o.status === 'fulfilled' ? [{ i, v: o.value }] : []));
    const lost = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
    expect(lost.every((o) => o.reason instanceof ConcurrencyError)).toBe(true);
    if (this.kind === 'exact') expect(won).toHaveLength(1);
    else expect(won).toHaveLength(this.racers);
    // the winners in the order the stream took them
    won.sort((a, b) => a.v.streamVersion - b.v.streamVersion);
    expect(won.map((w) => w.v.streamVersion)).toEqual(won.map((_, i) => actual + i + 1));
    for (const w of won) {
      model.streams[this.stream].push(events[w.i].eventId);
      model.log.push(events[w.i].eventId);
    }
  }
  toString(): string {
    return `race(s${this.stream}, ${this.kind}, ×${this.racers}) ${this.scheduler.report().length} scheduled`;
  }
}

const stream = fc.nat({ max: STREAMS - 1 });
const commands = fc.commands(
  [
    fc
      .tuple(
        stream,
        fc.constantFrom<Kind>('any', 'no_stream', 'stream_exists', 'exact', 'exact'),
        fc.integer({ min: -1, max: 1 }),
        fc.integer({ min: 1, max: 3 }),
      )
      .map(([s, k, o, n]) => new Append(s, k, o, n)),
    fc.tuple(stream, fc.nat()).map(([s, p]) => new AppendDuplicate(s, p)),
    stream.map((s) => new ReadStream(s)),
    fc.integer({ min: 1, max: 5 }).map((n) => new ReadAll(n)),
    fc
      .tuple(
        fc.scheduler(),
        stream,
        fc.constantFrom('any' as const, 'exact' as const),
        fc.integer({ min: 2, max: 4 }),
      )
      .map(([sch, s, k, n]) => new RacingAppends(sch, s, k, n)),
  ],
  { maxCommands: 20 },
);

async function readToEnd(store: EventStore): Promise<LogCheckpoint | null> {
  let checkpoint: LogCheckpoint | null = null;
  for (;;) {
    const page = await store.readAll(checkpoint, 1000);
    if (page.events.length === 0) return checkpoint;
    checkpoint = page.checkpoint;
  }
}

/** The model-based property, against a store made by `store()` (shared between runs). */
export function eventStoreModelProperty(store: () => EventStore, numRuns = 25): void {
  it('agrees with a model over random appends, reads and races (model-based property)', async () => {
    await fc.assert(
      fc.asyncProperty(commands, async (cmds) => {
        const s = store();
        const real: Real = {
          store: s,
          ids: Array.from({ length: STREAMS }, () => `problem-${randomUUID()}`),
          start: await readToEnd(s),
        };
        const model: Model = { streams: Array.from({ length: STREAMS }, () => []), log: [] };
        await fc.asyncModelRun(() => ({ model, real }), cmds);
        // and at the end, the whole log of this run once more
        await new ReadAll(1000).run(model, real);
      }),
      { numRuns },
    );
  }, 240_000);
}
