import {
  DOMAIN_EVENT_TYPES,
  EVENT_CATALOGUE,
  eventDataErrors,
  eventDataSchema,
  eventSchemaVersion,
} from './event-catalogue';

describe('the event catalogue', () => {
  it('has one entry for every event type of the domain', () => {
    // the mapped type makes a missing entry a compile error; this pins the list itself
    expect([...DOMAIN_EVENT_TYPES].sort()).toEqual(
      [
        'MesaProposed',
        'MesaViabilityAssessed',
        'MesaLaunched',
        'MesaTransferred',
        'MesaClosed',
        'ParticipantJoined',
        'ParticipantLeft',
        'SessionHeld',
        'ProblemRaised',
        'ProblemClassified',
        'ProblemFiltered',
        'ProblemPrioritized',
        'SolutionProposed',
        'SolutionRevised',
        'TaskAssigned',
        'TaskProgressReported',
        'TaskDeadlineMoved',
        'TaskCompleted',
        'TaskCancelled',
        'Escalated',
        'EscalationResolved',
        'ProblemResolved',
        'ProblemReopened',
        'ImpactRecorded',
      ].sort(),
    );
  });

  it.each(DOMAIN_EVENT_TYPES)(
    '%s: its example conforms, and every stream names its mesa',
    (type) => {
      const entry = EVENT_CATALOGUE[type];
      expect(entry.summary.length).toBeGreaterThan(0);
      expect(eventDataErrors(type, entry.example)).toEqual([]);
      const schema = eventDataSchema(type);
      expect(schema.required).toContain('mesaId');
      if (entry.stream === 'problem') expect(schema.required).toContain('problemId');
      expect(eventSchemaVersion(type)).toBe(1);
    },
  );

  it('says what is wrong: missing, extra, mistyped, out of vocabulary, malformed', () => {
    const example = EVENT_CATALOGUE.ProblemRaised.example;
    const { title: _title, ...noTitle } = example;
    void _title;
    expect(eventDataErrors('ProblemRaised', noTitle)).toEqual(['data.title: missing']);
    expect(eventDataErrors('ProblemRaised', { ...example, colour: 'red' })).toEqual([
      'data.colour: not allowed',
    ]);
    expect(eventDataErrors('ProblemRaised', { ...example, barrier: 'weather' })).toEqual([
      'data.barrier: "weather" is not one of regulation, red_tape, innovation, funding, infrastructure, market_access, skills, other',
    ]);
    expect(eventDataErrors('ProblemRaised', { ...example, mesaId: 'Not An Id' })[0]).toMatch(
      /^data.mesaId: does not match/,
    );
    expect(eventDataErrors('ProblemRaised', { ...example, description: 7 })[0]).toMatch(
      /^data.description: matches none of 2 alternatives/,
    );
    expect(eventDataErrors('ProblemPrioritized', { ...example, rank: 1.5 })).toContain(
      'data.rank: expected integer, got number',
    );
    expect(
      eventDataErrors('TaskAssigned', {
        ...EVENT_CATALOGUE.TaskAssigned.example,
        dueOn: '2015-02-30',
      }),
    ).toEqual(['data.dueOn: not a calendar date']);
    expect(
      eventDataErrors('SolutionProposed', {
        ...EVENT_CATALOGUE.SolutionProposed.example,
        revision: 2,
      }),
    ).toEqual(['data.revision: must be 1']);
    expect(eventDataErrors('Sneezed', {})).toEqual(['unknown event type Sneezed']);
  });
});
