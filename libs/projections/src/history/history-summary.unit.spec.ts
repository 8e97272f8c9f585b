import fc from 'fast-check';
import type { JsonObject } from '@mesas/event-store';
import { HistoryLeaf } from './history-entry';
import { SummaryNames, oneLine, summarize } from './history-summary';

const names: SummaryNames = {
  mesa: (id) => (id === 'm1' ? 'Mesa Forestal' : null),
  problem: (id) => (id === 'p1' ? 'Registro lento' : null),
  task: (p, t) => (p === 'p1' && t === 't1' ? 'Lineamientos' : null),
  participant: (_mesa, id) => (id === 'gremio' ? 'Gremio maderero' : null),
  session: (_mesa, id) => (id === 's1' ? '2015-02-10' : null),
};

function leaf(type: string, data: JsonObject, extra: Partial<HistoryLeaf> = {}): HistoryLeaf {
  return {
    index: 0,
    eventId: 'e',
    type,
    mesaId: 'm1',
    ...(typeof data.problemId === 'string' ? { problemId: data.problemId } : {}),
    occurredAt: '2015-01-01T00:00:00.000Z',
    recordedAt: '2015-01-01T00:00:00.000Z',
    data: { mesaId: 'm1', ...data },
    ...extra,
  };
}

describe('history summaries', () => {
  it('says what happened in one Spanish and one English line', () => {
    expect(
      summarize(
        leaf('ProblemRaised', { problemId: 'p9', title: 'Permisos', barrier: 'red_tape' }),
        names,
      ),
    ).toEqual({
      es: 'Se planteó el problema «Permisos» (barrera: trámites) en la mesa «Mesa Forestal»',
      en: 'Problem «Permisos» raised (barrier: red tape) in mesa «Mesa Forestal»',
    });
    expect(
      summarize(leaf('TaskCompleted', { problemId: 'p1', taskId: 't1', outcome: null }), names),
    ).toEqual({
      es: 'Se completó la tarea «Lineamientos» de «Registro lento»',
      en: 'Task «Lineamientos» of «Registro lento» completed',
    });
    expect(
      summarize(leaf('Escalated', { problemId: 'p1', reason: 'budget', note: null }), names).es,
    ).toBe('Se escaló el problema «Registro lento» al nivel superior (motivo: presupuesto)');
    expect(summarize(leaf('ParticipantLeft', { participantId: 'gremio' }), names).en).toBe(
      'Gremio maderero left mesa «Mesa Forestal»',
    );
  });

  it("names codes with the domain's labels, and shows a code it has no label for as it is", () => {
    const classified = leaf('ProblemClassified', {
      problemId: 'p1',
      ownership: 'MP',
      rootCause: 'regulation',
    });
    expect(summarize(classified, names)).toEqual({
      es: 'El problema «Registro lento» se clasificó como MP (del Estado); causa: reglamento',
      en: 'Problem «Registro lento» classified as MP (state); root cause: regulation',
    });
    const session = (type: string) =>
      summarize(
        leaf('SessionHeld', { sessionId: 's2', type, heldOn: '2015-03-10', attendees: ['a'] }),
        names,
      );
    expect(session('inter_session').en).toMatch(/held an inter-session meeting on 2015-03-10/);
    expect(session('regular').es).toMatch(/realizó una sesión ordinaria el 2015-03-10/);
    expect(summarize(leaf('ProblemRaised', { problemId: 'p1', barrier: 'piracy' }), names).en).toBe(
      'Problem «Registro lento» raised (barrier: piracy) in mesa «Mesa Forestal»',
    );
  });

  it('names the session a decision was taken in, with its date when known', () => {
    const filtered = leaf(
      'ProblemFiltered',
      { problemId: 'p1', decision: 'rejected', reason: 'es un subsidio' },
      { sessionId: 's1' },
    );
    expect(summarize(filtered, names)).toEqual({
      es: 'Se rechazó el problema «Registro lento»: es un subsidio (decidido en la sesión s1 del 2015-02-10)',
      en: 'Problem «Registro lento» rejected: es un subsidio (decided in session s1 of 2015-02-10)',
    });
    const elsewhere = leaf('ProblemPrioritized', { problemId: 'p1', rank: 2 }, { sessionId: 's7' });
    expect(summarize(elsewhere, names).es).toBe(
      'El problema «Registro lento» recibió la prioridad 2 (decidido en la sesión s7)',
    );
  });

  it('stays on one line and bounded, whatever the texts hold', () => {
    const text = `línea uno\nlínea dos\t${'x'.repeat(400)}`;
    const s = summarize(
      leaf('SolutionProposed', { problemId: 'p1', revision: 1, text, rationale: null }),
      names,
    );
    for (const line of [s.es, s.en]) {
      expect(line).not.toMatch(/[\r\n\t]/);
      expect(line.length).toBeLessThan(260);
      expect(line).toContain('línea uno línea dos');
      expect(line.endsWith('…')).toBe(true);
    }
  });

  it('summarises every event type of the catalogue, and an unknown one generically', () => {
    const types = [
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
    ];
    const seen = new Set<string>();
    for (const type of types) {
      const s = summarize(leaf(type, { problemId: 'p1' }), names);
      expect(s.es).not.toMatch(/^Evento /);
      seen.add(s.es);
    }
    expect(seen.size).toBe(types.length);
    expect(summarize(leaf('Unheard', {}), names)).toEqual({
      es: 'Evento Unheard',
      en: 'Unheard event',
    });
  });
});

describe('summaries are one line', () => {
  // the plain definitions the summaries keep to: white space collapsed, trimmed, clipped
  const flat = (v: string) => v.replace(/\s+/g, ' ').trim();
  const clipped = (v: string) => (flat(v).length > 160 ? `${flat(v).slice(0, 159)}…` : flat(v));
  const spaced = fc
    .array(fc.constantFrom('a', 'ñ', ' ', '  ', '\t', '\n', '\u00a0', '\u2028', '\ufeff', 'x'), {
      maxLength: 30,
    })
    .map((parts) => parts.join(''));

  it('whatever white space the texts hold', () => {
    fc.assert(
      fc.property(spaced, spaced, (type, reason) => {
        expect(summarize(leaf(type, {}), names).es).toBe(flat(`Evento ${type}`));
        const reopened = summarize(leaf('ProblemReopened', { problemId: 'p1', reason }), names);
        expect(reopened.es).toBe(
          flat(`Se reabrió el problema «Registro lento»: ${clipped(reason)}`),
        );
      }),
      { numRuns: 2000 },
    );
  });

  it('oneLine is the collapse of \\s and trim() for every white space and control character', () => {
    // every code unit \s matches, the other C0 controls, and the ends of the ranges around them
    const units = [
      ...Array.from({ length: 0x21 }, (_, c) => c),
      0x7f,
      0x9f,
      0xa0,
      0xa1,
      0x1680,
      0x1fff,
      0x2000,
      0x2005,
      0x200a,
      0x200b,
      0x2027,
      0x2028,
      0x2029,
      0x202f,
      0x205f,
      0x3000,
      0xfeff,
      0xfffe,
    ].map((c) => String.fromCharCode(c));
    const text = fc
      .array(fc.oneof(fc.constantFrom(...units), fc.constantFrom('a', 'ñ', '«')), { maxLength: 12 })
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(text, (value) => {
        expect(oneLine(value)).toBe(flat(value));
      }),
      { numRuns: 5000 },
    );
  });
});
