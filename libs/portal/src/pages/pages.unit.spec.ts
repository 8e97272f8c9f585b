import type { MatrixRowView, MesaDoc, ProblemStory } from '@mesas/projections';
import { PageContext } from '../page-layout';
import type { AnalyticsPageView } from '../portal-views';
import { renderAnalyticsPage } from './analytics.page';
import { renderHistoryPage } from './history.page';
import { renderMesaPage } from './mesa.page';
import { renderMesasListPage } from './mesas-list.page';
import { renderProblemPage } from './problem.page';
import { renderVerifyPage } from './verify.page';

const EVIL = '<script>alert(1)</script><img src=x onerror=alert(2)>';

const mesa: MesaDoc = {
  mesaId: 'forestal',
  name: `Mesa ${EVIL}`,
  kind: 'sector',
  scope: 'forestal',
  level: 'national',
  region: null,
  convener: 'PRODUCE',
  cadenceDays: 14,
  status: 'launched',
  viability: null,
  proposedAt: '2014-10-30T15:00:00.000Z',
  launchedAt: '2014-12-04T14:00:00.000Z',
  closedAt: null,
  closeReason: null,
  participants: [
    {
      participantId: 'p1',
      name: 'Ana',
      organisation: 'X',
      role: 'private',
      joinedAt: '2014-12-04T14:00:00.000Z',
      leftAt: null,
      active: true,
    },
  ],
  sessions: [
    {
      sessionId: 's1',
      type: 'regular',
      heldOn: '2014-12-04',
      attendees: ['p1'],
      problemIds: [],
      summary: EVIL,
    },
  ],
  convenerHistory: [{ convener: 'PRODUCE', since: '2014-10-30T15:00:00.000Z', reason: null }],
};

const row: MatrixRowView = {
  problemId: 'p-1',
  title: EVIL,
  barrier: 'red_tape',
  ownership: 'MP',
  rootCause: 'implementation',
  rank: 1,
  status: 'resolved',
  solution: { revision: 2, text: EVIL },
  tasks: [
    {
      taskId: 't1',
      title: EVIL,
      responsibleEntity: 'SERFOR',
      dueOn: '2015-06-30',
      status: 'open',
      overdue: true,
    },
  ],
  escalation: null,
  raisedAt: '2014-12-04T14:20:00.000Z',
  resolvedAt: '2015-09-30T15:05:00.000Z',
  decidedIn: [],
};

/** The page with every run of whitespace as one space (templates are formatted freely). */
function flat(page: string): string {
  return page.replace(/\s+/g, ' ');
}

/** No markup of the data survives: every `<` of it is escaped. */
function expectEscaped(page: string): void {
  expect(page).not.toContain('<script>alert');
  expect(page).not.toContain('<img src=x');
  expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
}

describe('portal pages', () => {
  it('the mesas list: escaped names, plural counts, codes as words, a title, one main and a skip link', () => {
    const page = renderMesasListPage(new PageContext('es', '/'), [
      {
        mesaId: 'forestal',
        name: mesa.name,
        kind: 'sector',
        scope: 'forestal',
        level: 'national',
        region: null,
        convener: EVIL,
        status: 'launched',
        launchedAt: mesa.launchedAt,
        problems: { raised: 0, rejected: 1, open: 3, escalated: 0, resolved: 8 },
      },
    ]);
    expectEscaped(page);
    expect(page).toContain('<html lang="es">');
    expect(page).toMatch(/<title>Mesas Ejecutivas — Mesas Ejecutivas<\/title>/);
    expect(page).toContain('8 resueltos');
    expect(page).toContain('1 rechazado');
    expect(page).toContain('3 en curso');
    expect(page).toContain('12 problemas');
    expect(page).toContain('nacional');
    expect(page.match(/<main /g)).toHaveLength(1);
    expect(page).toContain('<a class="skip-link" href="#main">');
    expect(page).toContain('href="/?lang=en"');
  });

  it('English pages keep lang=en on every portal link and name the language', () => {
    const page = renderMesaPage(new PageContext('en', '/mesas/forestal'), {
      mesa,
      rows: [row],
      counts: { raised: 0, rejected: 0, open: 0, escalated: 0, resolved: 1 },
      asOf: null,
      asOfDay: null,
      cadence: null,
      impacts: [],
      today: '2026-11-29',
    });
    expect(page).toContain('<html lang="en">');
    const portalLinks = [...page.matchAll(/href="(\/[^"]*)"/g)]
      .map((m) => m[1].replace(/&amp;/g, '&'))
      .filter(
        (href) => !href.startsWith('/api/') && !href.startsWith('/docs') && !href.endsWith('.css'),
      );
    expect(portalLinks.length).toBeGreaterThan(3);
    for (const href of portalLinks) {
      if (href.startsWith('/mesas/forestal') && href.includes('lang=')) continue;
      if (href === '/mesas/forestal' || href === '/') {
        // only the switch to Spanish may drop lang
        expect(page).toContain(`hreflang="es"`);
        continue;
      }
      expect([href, href.includes('lang=en')]).toEqual([href, true]);
    }
    expect(page).toContain('red tape');
    expect(page).not.toContain('red_tape');
    expectEscaped(page);
    // the GET forms keep the language too
    expect(flat(page)).toContain('<input type="hidden" name="lang" value="en" />');
  });

  it('an as-of page says so in a banner, with its date as <time>, and titles itself with it', () => {
    const page = renderMesaPage(new PageContext('es', '/mesas/forestal', { asOf: '2015-06-30' }), {
      mesa,
      rows: [row],
      counts: { raised: 0, rejected: 0, open: 0, escalated: 0, resolved: 1 },
      asOf: '2015-07-01T04:59:59.999Z',
      asOfDay: '2015-06-30',
      cadence: null,
      impacts: [],
      today: '2026-11-29',
    });
    expect(page).toMatch(/class="banner"[^]*<time datetime="2015-07-01T04:59:59.999Z">30 jun/);
    expect(page).toMatch(/<title>Mesa [^<]*\(30 jun/);
    expect(page).toContain('/api/v1/mesas/forestal/matrix?asOf=2015-06-30&amp;format=csv');
  });

  it("a problem's story: each step with <time datetime>, its session and links to its entry and proof", () => {
    const story: ProblemStory = {
      problemId: 'p-1',
      mesaId: 'forestal',
      row: { ...row, mesaId: 'forestal', description: EVIL },
      timeline: [
        {
          type: 'TaskAssigned',
          occurredAt: '2015-01-08T14:22:00.000Z',
          recordedAt: '2026-01-01T00:00:00.000Z',
          sessionId: 's1',
          summary: EVIL,
          historyIndex: 46,
          data: { taskId: 't1', dueOn: '2015-04-30' },
        },
        {
          type: 'SolutionRevised',
          occurredAt: '2015-02-08T14:22:00.000Z',
          recordedAt: '2026-01-01T00:00:00.000Z',
          summary: 'revised',
          historyIndex: 50,
          data: { rationale: `because ${EVIL}` },
        },
        {
          type: 'TaskCompleted',
          occurredAt: '2015-05-02T14:22:00.000Z',
          recordedAt: '2026-01-01T00:00:00.000Z',
          summary: 'done',
          historyIndex: 60,
          data: { taskId: 't1' },
        },
      ],
    };
    const page = renderProblemPage(new PageContext('es', '/mesas/forestal/problems/p-1'), {
      mesa,
      story,
      treeSize: 100,
    });
    expectEscaped(page);
    expect(page).toContain('<time datetime="2015-01-08T14:22:00.000Z">');
    expect(page).toContain('href="/mesas/forestal#session-s1"');
    expect(page).toContain('href="/history?before=47#entry-46"');
    expect(page).toContain('/api/v1/transparency/proof/inclusion?index=46&amp;treeSize=100');
    expect(page).toContain('data-history-index="60"');
    expect(page).toContain('Tarea asignada');
    expect(page).toMatch(/Motivo:<\/strong> because &lt;script&gt;/);
    expect(page).toContain('cumplida después del plazo');
  });

  it('the history page keeps its filters in the pager and offers the downloads', () => {
    const page = renderHistoryPage(new PageContext('en', '/history', { mesa: 'forestal' }), {
      entries: [],
      nextBefore: 120,
      before: 170,
      filter: { mesa: 'forestal', problem: '', type: 'Escalated', from: '', to: '' },
      scanStoppedAt: 120,
      mesas: [{ mesaId: 'forestal', name: mesa.name }],
      checkpoint: { treeSize: 385, rootHash: 'ab'.repeat(32), signature: 'c2ln' },
    });
    expectEscaped(page);
    expect(page).toContain(
      'href="/history?mesa=forestal&amp;type=Escalated&amp;before=120&amp;lang=en"',
    );
    expect(page).toContain('/api/v1/mesas/forestal/history?lang=en&amp;format=ndjson');
    expect(flat(page)).toMatch(
      /<option value="Escalated"\s+selected>\s?Escalated to the higher level\s?<\/option>/,
    );
  });

  it('the verify page prints the commands for this site and leaves a place for witnesses', () => {
    const page = renderVerifyPage(new PageContext('es', '/verify'), {
      origin: 'https://mesas.example',
      checkpoint: { treeSize: 385, rootHash: 'ab'.repeat(32), signature: 'c2ln' },
      publicKeyPem: '-----BEGIN PUBLIC KEY-----\nMCow\n-----END PUBLIC KEY-----',
      tlog: {
        note: 'mesas.example/log\n385\nq83=\n\n— mesas.example/log abc=\n— witness.test/w1 def=\n',
        vkey: 'mesas.example/log+01020304+AQ==',
      },
      witnesses: [
        {
          name: 'witness.test/w1',
          vkey: 'witness.test/w1+aabbccdd+BA==',
          cosignedSize: 385,
          cosignedAt: '2026-11-29T13:00:00.000Z',
          lastError: null,
        },
        {
          name: '<b>w2</b>',
          vkey: 'w2+00+BA==',
          cosignedSize: null,
          cosignedAt: null,
          lastError: 'timeout',
        },
      ],
    });
    expect(page).toContain('npx mesas audit verify --url https://mesas.example');
    expect(page).toContain('npx mesas export --url https://mesas.example --out mesas-export');
    expect(flat(page)).toContain(
      'npx mesas audit verify --url https://mesas.example --witness &#39;witness.test/w1+aabbccdd+BA==&#39; --witness &#39;w2+00+BA==&#39; --quorum 2',
    );
    expect(page).toContain('— witness.test/w1 def=');
    expect(flat(page)).toMatch(/witness\.test\/w1.*385.*cofirma el checkpoint actual/);
    expect(page).toContain('&lt;b&gt;w2&lt;/b&gt;');
    expect(flat(page)).toMatch(/aún no cofirma el checkpoint actual.*timeout/);
    expect(page).toContain('mesas-transparency-log\n385\n' + 'ab'.repeat(32));
  });

  it('analytics: who holds the ball (chart and table) and screening, escaped, in either language', () => {
    const view = (mesaId: string): AnalyticsPageView => ({
      mesaId,
      groupBy: '',
      mesas: [{ mesaId: 'forestal', name: mesa.name }],
      timeToResolution: { asOf: '2026-01-01T00:00:00.000Z', groups: [] },
      cadence: null,
      cadenceByMesa: [],
      tasks: { asOf: '2026-01-01T00:00:00.000Z', asOfDate: '2026-01-01', groups: [] },
      whoseMove: {
        asOf: '2026-01-01T00:00:00.000Z',
        groups: [
          { court: 'dedicated_team', days: 12.345, share: 0.5, problems: 3 },
          { court: EVIL, days: 8.2, share: 0.3333, problems: 1 },
          { court: 'high_level', days: 4, share: 0.1667, problems: 1 },
        ],
        problems: [{ problemId: 'p-1', courts: { dedicated_team: 12.345 } }],
      },
      screening: {
        groupBy: 'organisation',
        groups: [
          {
            key: EVIL,
            raised: 5,
            accepted: 2,
            rejected: 2,
            pending: 1,
            rejectedShare: 0.5,
            reasons: [
              { reason: 'subsidio', n: 2 },
              { reason: `no es barrera ${EVIL}`, n: 1 },
              { reason: 'duplicado', n: 1 },
              { reason: 'fuera de alcance', n: 1 },
            ],
          },
          {
            key: 'unknown',
            raised: 1,
            accepted: 0,
            rejected: 0,
            pending: 1,
            rejectedShare: null,
            reasons: [],
          },
        ],
      },
    });
    // Peru writes decimals with a point (es-PE)
    const es = flat(renderAnalyticsPage(new PageContext('es', '/analytics'), view('')));
    expectEscaped(es);
    expect(es).toContain('<h2 id="whose-move-h">Quién tiene la pelota</h2>');
    expect(es).toContain('Sobre 1 problema planteado');
    expect(es).toContain('<title id="whose-move-chart-title">');
    expect(es.match(/<rect class="bar"/g)).toHaveLength(3);
    expect(es).toContain(
      '<th scope="row">Equipo dedicado</th> <td>12.3</td> <td>50.0 %</td> <td>3</td>',
    );
    expect(es).toContain('<th scope="row">Alto nivel</th> <td>4.0</td> <td>16.7 %</td>');
    expect(es).toContain('<caption> Días y participación por instancia </caption>');
    expect(es).toContain('href="/api/v1/analytics/whose-move?format=csv"');
    expect(es).toContain('<h2 id="screening-h">Filtro de lo planteado</h2>');
    expect(es).toMatch(
      /<td>5<\/td> <td>2<\/td> <td>2<\/td> <td>1<\/td> <td>50.0 %<\/td> <td> subsidio \(2\); no es barrera &lt;script&gt;.*\(1\); duplicado \(1\) <\/td>/,
    );
    expect(es).not.toContain('fuera de alcance');
    expect(es).toMatch(
      /<th scope="row">sin dato<\/th> <td>1<\/td> <td>0<\/td> <td>0<\/td> <td>1<\/td> <td>—<\/td> <td> — <\/td>/,
    );
    expect(es).toContain('href="/api/v1/analytics/screening?groupBy=organisation&amp;format=csv"');

    const en = flat(
      renderAnalyticsPage(
        new PageContext('en', '/analytics', { mesaId: 'forestal' }),
        view('forestal'),
      ),
    );
    expectEscaped(en);
    expect(en).toContain('Who holds the ball');
    expect(en).toContain('<th scope="row">Dedicated team</th> <td>12.3</td> <td>50.0 %</td>');
    expect(en).toContain('<th scope="row">High level</th>');
    expect(en).toContain('Over 1 problem raised');
    expect(en).toContain('<th scope="col">% rejected</th>');
    expect(en).toContain('href="/api/v1/analytics/whose-move?mesaId=forestal&amp;format=csv"');
    expect(en).toContain(
      'href="/api/v1/analytics/screening?groupBy=organisation&amp;mesaId=forestal&amp;format=csv"',
    );
  });
});
