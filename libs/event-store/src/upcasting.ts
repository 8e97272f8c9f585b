import type { EventStore, JsonObject, StoredEvent } from './event-store.port';

/**
 * Turns the data of one event type from one schema version into the next. Events are never
 * rewritten in the store: old versions are upcast each time they are read.
 */
export interface Upcaster {
  readonly type: string;
  /** the version this upcaster reads; it produces `fromVersion + 1` */
  readonly fromVersion: number;
  upcast(data: JsonObject): JsonObject;
}

/** Applies every upcaster in turn until the event is at the newest version they know. */
export function upcastEvent(event: StoredEvent, upcasters: readonly Upcaster[]): StoredEvent {
  let current = event;
  for (;;) {
    const next = upcasters.find(
      (u) => u.type === current.type && u.fromVersion === current.schemaVersion,
    );
    if (!next) return current;
    current = { ...current, schemaVersion: next.fromVersion + 1, data: next.upcast(current.data) };
  }
}

/**
 * The store as readers should see it: every event read (a stream, the global log, a command's
 * events) at its current schema version. With no upcasters it is the store itself.
 */
/**
 * `store` with what it reads upcast to the current versions. `named` says where `upcasters` can
 * be required from (a module and its export); only then can another thread read this log by
 * itself (`threadLog`), since functions do not cross threads.
 */
export function withUpcasting(
  store: EventStore,
  upcasters: readonly Upcaster[],
  named?: { readonly module: string; readonly name: string },
): EventStore {
  if (upcasters.length === 0) return store;
  const seen = new Set<string>();
  for (const u of upcasters) {
    const key = `${u.type}@${u.fromVersion}`;
    if (seen.has(key)) throw new Error(`two upcasters read ${key}`);
    seen.add(key);
  }
  const up = (events: readonly StoredEvent[]): StoredEvent[] =>
    events.map((e) => upcastEvent(e, upcasters));
  const readStreamAfter = store.readStreamAfter?.bind(store);
  return {
    append: (streamId, events, expected) => store.append(streamId, events, expected),
    readStream: async (streamId) => up(await store.readStream(streamId)),
    ...(readStreamAfter
      ? {
          readStreamAfter: async (streamId: string, version: number) =>
            up(await readStreamAfter(streamId, version)),
        }
      : {}),
    readAll: async (after, limit) => {
      const page = await store.readAll(after, limit);
      return { ...page, events: up(page.events) };
    },
    covers: (checkpoint, position) => store.covers(checkpoint, position),
    positionOf: (checkpoint) => store.positionOf(checkpoint),
    findByCommandId: async (commandId) => up(await store.findByCommandId(commandId)),
    lagOf: (checkpoint) => store.lagOf(checkpoint),
    onAppended: (listener) => store.onAppended(listener),
    threadLog: () => {
      const inner = store.threadLog?.() ?? null;
      return named && inner?.upcasters === null ? { ...inner, upcasters: named } : null;
    },
    close: () => store.close(),
  };
}
