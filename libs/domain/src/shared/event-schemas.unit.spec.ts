import { EVENT_UPCASTERS, EventUpcaster, currentSchemaVersion } from './event-schemas';

describe('event schema versions', () => {
  const upcasters: EventUpcaster[] = [
    { type: 'TaskAssigned', fromVersion: 1, upcast: (d) => d },
    { type: 'TaskAssigned', fromVersion: 2, upcast: (d) => d },
  ];

  it('writes a type at one past its newest upcaster, and at 1 when it has none', () => {
    expect(currentSchemaVersion('TaskAssigned', upcasters)).toBe(3);
    expect(currentSchemaVersion('ProblemRaised', upcasters)).toBe(1);
  });

  it('has every catalogue upcaster read a version of its own type only once', () => {
    const keys = EVENT_UPCASTERS.map((u) => `${u.type}@${u.fromVersion}`);
    expect(new Set(keys).size).toBe(keys.length);
  });
});
