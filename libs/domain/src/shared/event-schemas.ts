/**
 * Event schema versions (docs/domain.md, "The event envelope"). Stored events are immutable: when an event's data
 * changes shape, its old versions are upcast each time they are read, by the upcasters listed
 * here, and new events are written at the current version.
 */
export interface EventUpcaster {
  readonly type: string;
  /** the version this upcaster reads; it produces `fromVersion + 1` */
  readonly fromVersion: number;
  upcast(data: Readonly<Record<string, unknown>>): Record<string, unknown>;
}

/**
 * Every upcaster of the catalogue. Empty: every event type is still at version 1. A change of
 * shape adds one here (and, for the public history, see docs/decisions/0008).
 */
export const EVENT_UPCASTERS: readonly EventUpcaster[] = [];

/** The version new events of `type` are written at: one past the newest upcaster's input. */
export function currentSchemaVersion(
  type: string,
  upcasters: readonly EventUpcaster[] = EVENT_UPCASTERS,
): number {
  return upcasters
    .filter((u) => u.type === type)
    .reduce((version, u) => Math.max(version, u.fromVersion + 1), 1);
}
