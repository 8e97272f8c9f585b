import { eventDataErrors } from '../shared/event-catalogue';

/**
 * given(events).when(command).then(events | error) for any decider. Only for tests: the state
 * is always built by folding the given events, never set by hand, so a spec exercises `evolve`
 * as well as `decide`. Every event a decider decides is also checked against the event
 * catalogue's schema of its type, so the published schemas cannot drift from what is decided.
 */
export interface SpecDecider<C, E, S> {
  decide(command: C, state: S): E[];
  evolve(state: S, event: E): S;
  initialState: S;
}

type ErrorClass = abstract new (...args: never[]) => Error;

export function deciderSpecification<C, E extends { type: string; data: unknown }, S>(
  decider: SpecDecider<C, E, S>,
) {
  return {
    given(events: readonly E[]) {
      return {
        when(command: C) {
          const run = (): E[] =>
            decider.decide(command, events.reduce(decider.evolve, decider.initialState));
          return {
            then(expected: readonly E[]): void {
              const decided = run();
              expect(decided).toEqual(expected);
              for (const event of decided) {
                expect({
                  type: event.type,
                  errors: eventDataErrors(event.type, event.data),
                }).toEqual({ type: event.type, errors: [] });
              }
            },
            thenThrows(errorClass: ErrorClass, message?: string | RegExp): void {
              let thrown: unknown;
              try {
                run();
              } catch (error) {
                thrown = error;
              }
              expect(thrown).toBeInstanceOf(errorClass);
              if (message !== undefined) expect((thrown as Error).message).toMatch(message);
            },
          };
        },
      };
    },
  };
}
