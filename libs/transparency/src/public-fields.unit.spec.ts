import { INTERNAL_FIELDS, publicData } from './public-fields';

describe('the internal-fields catalogue', () => {
  const meeting = {
    mesaId: 'm',
    sessionId: 's',
    type: 'inter_session',
    heldOn: '2015-02-12',
    attendees: ['serfor'],
    problemIds: [],
    summary: 'notas internas',
  };

  it('keeps the notes of inter-session meetings out, and everything else of them in', () => {
    const { summary: _internal, ...rest } = meeting;
    expect(publicData('SessionHeld', meeting)).toEqual(rest);
  });

  it('publishes the minutes of regular sessions whole', () => {
    const regular = { ...meeting, type: 'regular', summary: 'acta' };
    expect(publicData('SessionHeld', regular)).toEqual(regular);
  });

  it('keeps why a participant left out, but not that they left', () => {
    const left = publicData('ParticipantLeft', {
      mesaId: 'm',
      participantId: 'p',
      reason: 'salud',
    });
    expect(left).toEqual({ mesaId: 'm', participantId: 'p' });
    expect(left).not.toHaveProperty('reason');
    expect(
      Object.keys(publicData('ParticipantLeft', { mesaId: 'm', participantId: 'p', reason: null })),
    ).toEqual(['mesaId', 'participantId']);
  });

  it('passes other events, and event types it does not know, through unchanged (same object)', () => {
    const raised = {
      mesaId: 'm',
      problemId: 'p',
      title: 't',
      description: null,
      barrier: 'other',
      raisedBy: 'x',
    };
    expect(publicData('ProblemRaised', raised)).toBe(raised);
    const unknown = { anything: 1 };
    expect(publicData('SomethingNew', unknown)).toBe(unknown);
  });

  it('gives a reason for every field it hides', () => {
    for (const fields of Object.values(INTERNAL_FIELDS)) {
      for (const f of fields) expect(f.why.length).toBeGreaterThan(20);
    }
  });
});
