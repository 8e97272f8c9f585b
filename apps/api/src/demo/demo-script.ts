/**
 * Demo data loaded on an empty store: the eight Mesas Ejecutivas of Ghezzi, "Mesas Ejecutivas in
 * Peru: Lessons for Productive Development Policies" (seed/000_878e49e186754d68.txt), as HTTP commands
 * sent through the real API, in order. The forestry mesa is told in detail, as the paper tells it.
 *
 * - Steps are in non-decreasing `occurredAt` across the whole script, so every stream (`mesa-{id}`,
 *   `problem-{id}`) is appended in business-time order and the public history reads chronologically.
 * - Times are UTC; Lima is UTC-5, so 14:00Z is a 9:00 session in Lima (same calendar day).
 * - The paper gives months, not days: every day below is assumed unless a comment says otherwise.
 * - Forestry records the paper's 83 regular sessions (Dec 2014 – Jul 2016, weekly; Thursdays assumed)
 *   and the 4 held in Aug – Dec 2016, so /analytics/cadence reproduces the drop the paper describes.
 * - A rank orders the open part of a mesa's list: it is reused once a problem is resolved (the 2017
 *   MINAGRI mesa puts small producers' formalisation first), so it is not an id.
 * - Conveners are ministry codes, as the API documents them: PRODUCE, then MINAGRI for forestry.
 * - Routine weekly forestry sessions go through `sesionOrdinariaForestal`; every session with
 *   something to tell is written out in full.
 * - Named people are never invented: participants are roles ("Representante de ...").
 */
export type DemoRole = 'coordinator' | 'high_level';

export interface DemoStep {
  /** who sends it; escalation decisions and transfers are sent as high_level, all else as coordinator */
  readonly as: DemoRole;
  /** an API.md command route without the /api/v1 prefix, e.g. '/mesas/forestal/problems' */
  readonly path: string;
  /** the JSON body; always includes `occurredAt` (ISO-8601 with a Z offset) */
  readonly body: Readonly<Record<string, unknown>>;
}

/** Everyone taking part in the forestry mesa from 2014-12-11 on (the high-level body aside). */
const FORESTAL_PLENO_2014_12_11: readonly string[] = [
  'forestal-equipo-produce',
  'forestal-adex',
  'forestal-sni',
  'forestal-cnf',
  'forestal-serfor',
  'forestal-osinfor',
  'forestal-minagri',
  'forestal-produce',
  'forestal-gore-ucayali',
];

/** Everyone taking part in the forestry mesa from 2015-02-05 on (the high-level body aside). */
const FORESTAL_PLENO_2015_02_05: readonly string[] = [
  'forestal-equipo-produce',
  'forestal-adex',
  'forestal-sni',
  'forestal-cnf',
  'forestal-serfor',
  'forestal-osinfor',
  'forestal-minagri',
  'forestal-produce',
  'forestal-gore-ucayali',
  'forestal-minam',
];

/** Everyone taking part in the forestry mesa from 2015-03-05 on (the high-level body aside). */
const FORESTAL_PLENO_2015_03_05: readonly string[] = [
  'forestal-equipo-produce',
  'forestal-adex',
  'forestal-sni',
  'forestal-cnf',
  'forestal-serfor',
  'forestal-osinfor',
  'forestal-minagri',
  'forestal-produce',
  'forestal-gore-ucayali',
  'forestal-minam',
  'forestal-itp',
];

/** Everyone taking part in the forestry mesa from 2015-04-09 on (the high-level body aside). */
const FORESTAL_PLENO_2015_04_09: readonly string[] = [
  'forestal-equipo-produce',
  'forestal-adex',
  'forestal-sni',
  'forestal-cnf',
  'forestal-serfor',
  'forestal-osinfor',
  'forestal-minagri',
  'forestal-produce',
  'forestal-gore-ucayali',
  'forestal-minam',
  'forestal-itp',
  'forestal-cofide',
];

/** Everyone taking part in the forestry mesa from 2016-01-14 on (the high-level body aside). */
const FORESTAL_PLENO_2016_01_14: readonly string[] = [
  'forestal-equipo-produce',
  'forestal-adex',
  'forestal-sni',
  'forestal-cnf',
  'forestal-serfor',
  'forestal-osinfor',
  'forestal-minagri',
  'forestal-produce',
  'forestal-gore-ucayali',
  'forestal-minam',
  'forestal-itp',
  'forestal-cofide',
  'forestal-gore-san-martin',
  'forestal-gore-huanuco',
];

/** Everyone taking part in the forestry mesa from 2016-08-25 on (the high-level body aside). */
const FORESTAL_PLENO_2016_08_25: readonly string[] = [
  'forestal-adex',
  'forestal-sni',
  'forestal-cnf',
  'forestal-serfor',
  'forestal-osinfor',
  'forestal-minagri',
  'forestal-produce',
  'forestal-gore-ucayali',
  'forestal-minam',
  'forestal-itp',
  'forestal-cofide',
  'forestal-gore-san-martin',
  'forestal-gore-huanuco',
];

/** Everyone taking part in the forestry mesa from 2017-03-02 on (the high-level body aside). */
const FORESTAL_PLENO_2017_03_02: readonly string[] = [
  'forestal-adex',
  'forestal-sni',
  'forestal-cnf',
  'forestal-serfor',
  'forestal-osinfor',
  'forestal-minagri',
  'forestal-produce',
  'forestal-gore-ucayali',
  'forestal-minam',
  'forestal-itp',
  'forestal-cofide',
  'forestal-gore-san-martin',
  'forestal-gore-huanuco',
  'forestal-equipo-minagri',
  'forestal-conafor',
];

/** The (at most four) best-ranked open problems of the forestry matrix, from 2015-01-15 on. */
const AGENDA_FORESTAL_2015_01_15: readonly string[] = [
  'forestal-ley-reglamento',
  'forestal-registro-plantaciones',
  'forestal-permisos-extraccion',
  'forestal-financiamiento-largo-plazo',
];

/** The (at most four) best-ranked open problems of the forestry matrix, from 2015-10-01 on. */
const AGENDA_FORESTAL_2015_10_01: readonly string[] = [
  'forestal-registro-plantaciones',
  'forestal-permisos-extraccion',
  'forestal-financiamiento-largo-plazo',
  'forestal-cite-ensayos',
];

/** The (at most four) best-ranked open problems of the forestry matrix, from 2015-11-26 on. */
const AGENDA_FORESTAL_2015_11_26: readonly string[] = [
  'forestal-financiamiento-largo-plazo',
  'forestal-cite-ensayos',
  'forestal-serfor-osinfor-informacion',
  'forestal-permisos-exportacion',
];

/** The (at most four) best-ranked open problems of the forestry matrix, from 2016-01-28 on. */
const AGENDA_FORESTAL_2016_01_28: readonly string[] = [
  'forestal-catastro-forestal',
  'forestal-financiamiento-largo-plazo',
  'forestal-cite-ensayos',
  'forestal-serfor-osinfor-informacion',
];

/** The (at most four) best-ranked open problems of the forestry matrix, from 2016-03-31 on. */
const AGENDA_FORESTAL_2016_03_31: readonly string[] = [
  'forestal-catastro-forestal',
  'forestal-legalidad-trazabilidad',
  'forestal-financiamiento-largo-plazo',
  'forestal-cite-ensayos',
];

/** The (at most four) best-ranked open problems of the forestry matrix, from 2016-06-30 on. */
const AGENDA_FORESTAL_2016_06_30: readonly string[] = [
  'forestal-catastro-forestal',
  'forestal-legalidad-trazabilidad',
  'forestal-cite-ensayos',
  'forestal-nuevas-concesiones',
];

/** The (at most four) best-ranked open problems of the forestry matrix, from 2017-03-30 on. */
const AGENDA_FORESTAL_2017_03_30: readonly string[] = [
  'forestal-formalizacion-pequenos',
  'forestal-catastro-forestal',
  'forestal-legalidad-trazabilidad',
  'forestal-cite-ensayos',
];

/**
 * A routine forestry session: everyone taking part reports progress on the top of the matrix.
 */
function sesionOrdinariaForestal(
  heldOn: string,
  attendees: readonly string[],
  problemIds: readonly string[],
): DemoStep {
  return {
    as: 'coordinator',
    path: '/mesas/forestal/sessions',
    body: {
      sessionId: `forestal-${heldOn}`,
      type: 'regular',
      heldOn,
      attendees,
      problemIds,
      summary: 'Sesión ordinaria: las entidades reportan el avance de sus tareas en la matriz.',
      occurredAt: `${heldOn}T14:00:00Z`,
    },
  };
}

export const demoScript: readonly DemoStep[] = [
  // ─── 2014-10 ───
  // FORESTAL — sector. Paper: "forestry (December, 2014)", the first ME. Launch day assumed:
  //   Thursday 2014-12-04.
  // cadenceDays 7: the paper counts 83 regular sessions between December 2014 and July 2016
  //   (weekly).
  {
    as: 'coordinator',
    path: '/mesas',
    body: {
      mesaId: 'forestal',
      name: 'Mesa Ejecutiva Forestal',
      kind: 'sector',
      scope:
        'Plantaciones forestales y concesiones del bosque amazónico: viveros, transformación primaria y secundaria de la madera y comercialización',
      level: 'national',
      convener: 'PRODUCE',
      cadenceDays: 7,
      occurredAt: '2014-10-30T15:00:00Z',
    },
  },

  // ─── 2014-11 ───
  {
    as: 'coordinator',
    path: '/mesas/forestal/viability',
    body: {
      viable: true,
      notes:
        'Gremios forestales organizados y dispuestos a dedicar tiempo a resolver problemas; SERFOR, OSINFOR y MINAGRI se comprometen a participar y entregar resultados; el Ministro de la Producción convoca.',
      occurredAt: '2014-11-20T16:00:00Z',
    },
  },

  // ─── 2014-12 ───
  {
    as: 'coordinator',
    path: '/mesas/forestal/launch',
    body: { occurredAt: '2014-12-04T13:30:00Z' },
  },
  // The paper names no forestry business association; ADEX, SNI and the Cámara Nacional Forestal
  //   stand for the "business associations [that] designate" the private representatives.
  {
    as: 'coordinator',
    path: '/mesas/forestal/participants',
    body: {
      participantId: 'forestal-equipo-produce',
      name: 'Equipo dedicado de Mesas Ejecutivas',
      organisation: 'Ministerio de la Producción (PRODUCE)',
      role: 'dedicated_team',
      occurredAt: '2014-12-04T13:35:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/mesas/forestal/participants',
    body: {
      participantId: 'forestal-ministro-produce',
      name: 'Ministro de la Producción',
      organisation: 'Ministerio de la Producción (PRODUCE)',
      role: 'high_level',
      occurredAt: '2014-12-04T13:36:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/mesas/forestal/participants',
    body: {
      participantId: 'forestal-adex',
      name: 'Representante de ADEX',
      organisation: 'Asociación de Exportadores (ADEX)',
      role: 'private',
      occurredAt: '2014-12-04T13:37:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/mesas/forestal/participants',
    body: {
      participantId: 'forestal-sni',
      name: 'Representante de la SNI',
      organisation: 'Sociedad Nacional de Industrias (SNI)',
      role: 'private',
      occurredAt: '2014-12-04T13:38:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/mesas/forestal/participants',
    body: {
      participantId: 'forestal-cnf',
      name: 'Representante de la Cámara Nacional Forestal',
      organisation: 'Cámara Nacional Forestal (CNF)',
      role: 'private',
      occurredAt: '2014-12-04T13:39:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/mesas/forestal/participants',
    body: {
      participantId: 'forestal-serfor',
      name: 'Representante del SERFOR',
      organisation: 'Servicio Nacional Forestal y de Fauna Silvestre (SERFOR)',
      role: 'public',
      occurredAt: '2014-12-04T13:40:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/mesas/forestal/participants',
    body: {
      participantId: 'forestal-osinfor',
      name: 'Representante del OSINFOR',
      organisation:
        'Organismo de Supervisión de los Recursos Forestales y de Fauna Silvestre (OSINFOR)',
      role: 'public',
      occurredAt: '2014-12-04T13:41:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/mesas/forestal/participants',
    body: {
      participantId: 'forestal-minagri',
      name: 'Representante del MINAGRI',
      organisation: 'Ministerio de Agricultura y Riego (MINAGRI)',
      role: 'public',
      occurredAt: '2014-12-04T13:42:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/mesas/forestal/participants',
    body: {
      participantId: 'forestal-produce',
      name: 'Representante del Viceministerio de MYPE e Industria',
      organisation: 'Ministerio de la Producción (PRODUCE)',
      role: 'public',
      occurredAt: '2014-12-04T13:43:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/mesas/forestal/participants',
    body: {
      participantId: 'forestal-gore-ucayali',
      name: 'Representante del Gobierno Regional de Ucayali',
      organisation: 'Gobierno Regional de Ucayali',
      role: 'public',
      occurredAt: '2014-12-04T13:44:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/mesas/forestal/sessions',
    body: {
      sessionId: 'forestal-2014-12-04',
      type: 'regular',
      heldOn: '2014-12-04',
      attendees: [
        'forestal-equipo-produce',
        'forestal-adex',
        'forestal-sni',
        'forestal-cnf',
        'forestal-serfor',
        'forestal-osinfor',
        'forestal-minagri',
        'forestal-produce',
        'forestal-gore-ucayali',
        'forestal-ministro-produce',
      ],
      summary:
        'Instalación de la mesa. Los gremios presentan el diagnóstico inicial: regulación y tramitología, innovación y productividad, y financiamiento.',
      occurredAt: '2014-12-04T14:00:00Z',
    },
  },
  // Paper: the Forestry and Wildlife Law, approved in July 2011, was regulated in September 2015
  //   after more than four years.
  {
    as: 'coordinator',
    path: '/mesas/forestal/problems',
    body: {
      problemId: 'forestal-ley-reglamento',
      title: 'Ley Forestal y de Fauna Silvestre sin reglamentar',
      description:
        'La Ley 29763, aprobada en julio de 2011, sigue sin reglamentos después de más de tres años; sin ellos sus procedimientos no se aplican y rige la normativa anterior.',
      barrier: 'regulation',
      raisedBy: 'forestal-cnf',
      sessionId: 'forestal-2014-12-04',
      occurredAt: '2014-12-04T14:20:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/mesas/forestal/problems',
    body: {
      problemId: 'forestal-registro-plantaciones',
      title: 'Inscribir una plantación forestal toma de 6 a 12 meses',
      description:
        'Los propietarios esperan entre 6 y 12 meses para inscribir su plantación en el registro; sin inscripción no pueden comercializar la madera.',
      barrier: 'red_tape',
      raisedBy: 'forestal-adex',
      sessionId: 'forestal-2014-12-04',
      occurredAt: '2014-12-04T14:25:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/mesas/forestal/problems',
    body: {
      problemId: 'forestal-permisos-extraccion',
      title: 'Permiso para extraer madera de plantaciones toma de 4 a 8 meses',
      description:
        'Para cosechar madera de su propia plantación el propietario debe obtener un permiso de aprovechamiento que demora entre 4 y 8 meses.',
      barrier: 'red_tape',
      raisedBy: 'forestal-cnf',
      sessionId: 'forestal-2014-12-04',
      occurredAt: '2014-12-04T14:30:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/mesas/forestal/problems',
    body: {
      problemId: 'forestal-financiamiento-largo-plazo',
      title: 'No hay financiamiento de largo plazo para plantaciones y concesiones',
      description:
        'Las plantaciones requieren créditos a 10 años o más con periodos de gracia largos hasta la cosecha; no existe esa oferta y las concesiones nunca se aceptaron como garantía.',
      barrier: 'funding',
      raisedBy: 'forestal-sni',
      sessionId: 'forestal-2014-12-04',
      occurredAt: '2014-12-04T14:35:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/mesas/forestal/sessions',
    body: {
      sessionId: 'forestal-2014-12-11',
      type: 'regular',
      heldOn: '2014-12-11',
      attendees: FORESTAL_PLENO_2014_12_11,
      summary:
        'Se completa la lista inicial de problemas, incluidos pedidos de exoneración, subsidio y declaratoria de interés nacional.',
      occurredAt: '2014-12-11T14:00:00Z',
    },
  },
  // Paper: "the private sector's immediate reflex is to ask for tax exemptions or subsidies" —
  //   filtered out; neighbours subsidised, Peru chose productivity.
  {
    as: 'coordinator',
    path: '/mesas/forestal/problems',
    body: {
      problemId: 'forestal-exoneracion-subsidio',
      title: 'Exoneración tributaria y subsidio a la reforestación',
      description:
        'Los gremios piden exonerar del impuesto a la renta a las plantaciones y un subsidio por hectárea plantada, como en países vecinos.',
      barrier: 'funding',
      raisedBy: 'forestal-cnf',
      sessionId: 'forestal-2014-12-11',
      occurredAt: '2014-12-11T14:20:00Z',
    },
  },
  // Paper: a norm declaring the sector a "national priority" is "merely declaratory".
  {
    as: 'coordinator',
    path: '/mesas/forestal/problems',
    body: {
      problemId: 'forestal-declaratoria-interes-nacional',
      title: 'Declarar de interés nacional la actividad forestal',
      description:
        'Se propone una ley que declare de necesidad pública e interés nacional la reforestación y la industria de la madera.',
      barrier: 'regulation',
      raisedBy: 'forestal-sni',
      sessionId: 'forestal-2014-12-11',
      occurredAt: '2014-12-11T14:25:00Z',
    },
  },
  // Paper: with the new Pucallpa CITE, laminate floor tests "will take only 10 to 15 days, compared
  //   to 3 to 6 months"; construction "should begin shortly" — so this stays open.
  {
    as: 'coordinator',
    path: '/mesas/forestal/problems',
    body: {
      problemId: 'forestal-cite-ensayos',
      title: 'Ensayos de calidad de madera toman de 3 a 6 meses',
      description:
        'No hay laboratorios cerca de la zona productora: los ensayos de pisos laminados demoran de 3 a 6 meses, y el secado y el aserrío están lejos de lo ideal.',
      barrier: 'innovation',
      raisedBy: 'forestal-sni',
      sessionId: 'forestal-2014-12-11',
      occurredAt: '2014-12-11T14:30:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/mesas/forestal/problems',
    body: {
      problemId: 'forestal-serfor-osinfor-informacion',
      title: 'SERFOR y OSINFOR no comparten información y los trámites se acumulan',
      description:
        'Cada entidad maneja su propia información de concesiones, permisos, supervisiones y sanciones; el rezago de expedientes paraliza operaciones.',
      barrier: 'red_tape',
      raisedBy: 'forestal-adex',
      sessionId: 'forestal-2014-12-11',
      occurredAt: '2014-12-11T14:35:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/mesas/forestal/problems',
    body: {
      problemId: 'forestal-permisos-exportacion',
      title: 'Permisos de exportación de productos forestales engorrosos',
      description:
        'El esquema de permisos para exportar madera y productos forestales exige requisitos duplicados y demora los embarques.',
      barrier: 'red_tape',
      raisedBy: 'forestal-adex',
      sessionId: 'forestal-2014-12-11',
      occurredAt: '2014-12-11T14:40:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/mesas/forestal/sessions',
    body: {
      sessionId: 'forestal-2014-12-18',
      type: 'regular',
      heldOn: '2014-12-18',
      attendees: FORESTAL_PLENO_2014_12_11,
      summary:
        'Clasificación MP/YP y filtro de la lista inicial: se descartan la exoneración tributaria y la declaratoria de interés nacional.',
      occurredAt: '2014-12-18T14:00:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/problems/forestal-ley-reglamento/classify',
    body: {
      ownership: 'MP',
      rootCause: 'regulation',
      sessionId: 'forestal-2014-12-18',
      occurredAt: '2014-12-18T14:20:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/problems/forestal-ley-reglamento/filter',
    body: {
      decision: 'accepted',
      sessionId: 'forestal-2014-12-18',
      occurredAt: '2014-12-18T14:21:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/problems/forestal-registro-plantaciones/classify',
    body: {
      ownership: 'MP',
      rootCause: 'regulation',
      sessionId: 'forestal-2014-12-18',
      occurredAt: '2014-12-18T14:25:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/problems/forestal-registro-plantaciones/filter',
    body: {
      decision: 'accepted',
      sessionId: 'forestal-2014-12-18',
      occurredAt: '2014-12-18T14:26:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/problems/forestal-permisos-extraccion/classify',
    body: {
      ownership: 'MP',
      rootCause: 'regulation',
      sessionId: 'forestal-2014-12-18',
      occurredAt: '2014-12-18T14:30:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/problems/forestal-permisos-extraccion/filter',
    body: {
      decision: 'accepted',
      sessionId: 'forestal-2014-12-18',
      occurredAt: '2014-12-18T14:31:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/problems/forestal-financiamiento-largo-plazo/classify',
    body: {
      ownership: 'MP',
      rootCause: 'capacity',
      sessionId: 'forestal-2014-12-18',
      occurredAt: '2014-12-18T14:35:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/problems/forestal-financiamiento-largo-plazo/filter',
    body: {
      decision: 'accepted',
      sessionId: 'forestal-2014-12-18',
      occurredAt: '2014-12-18T14:36:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/problems/forestal-exoneracion-subsidio/classify',
    body: {
      ownership: 'YP',
      rootCause: 'unknown',
      sessionId: 'forestal-2014-12-18',
      occurredAt: '2014-12-18T14:40:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/problems/forestal-exoneracion-subsidio/filter',
    body: {
      decision: 'rejected',
      reason:
        'Es un pedido de exoneración y subsidio: compensa la baja productividad en lugar de elevarla. El acceso a financiamiento se atiende en el problema de financiamiento de largo plazo.',
      sessionId: 'forestal-2014-12-18',
      occurredAt: '2014-12-18T14:41:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/problems/forestal-declaratoria-interes-nacional/classify',
    body: {
      ownership: 'MP',
      rootCause: 'law',
      sessionId: 'forestal-2014-12-18',
      occurredAt: '2014-12-18T14:45:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/problems/forestal-declaratoria-interes-nacional/filter',
    body: {
      decision: 'rejected',
      reason:
        'Norma meramente declarativa: no mejora en la práctica la operación diaria del sector.',
      sessionId: 'forestal-2014-12-18',
      occurredAt: '2014-12-18T14:46:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/problems/forestal-cite-ensayos/classify',
    body: {
      ownership: 'MP',
      rootCause: 'capacity',
      sessionId: 'forestal-2014-12-18',
      occurredAt: '2014-12-18T14:50:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/problems/forestal-cite-ensayos/filter',
    body: {
      decision: 'accepted',
      sessionId: 'forestal-2014-12-18',
      occurredAt: '2014-12-18T14:51:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/problems/forestal-serfor-osinfor-informacion/classify',
    body: {
      ownership: 'MP',
      rootCause: 'implementation',
      sessionId: 'forestal-2014-12-18',
      occurredAt: '2014-12-18T14:55:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/problems/forestal-serfor-osinfor-informacion/filter',
    body: {
      decision: 'accepted',
      sessionId: 'forestal-2014-12-18',
      occurredAt: '2014-12-18T14:56:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/problems/forestal-permisos-exportacion/classify',
    body: {
      ownership: 'MP',
      rootCause: 'implementation',
      sessionId: 'forestal-2014-12-18',
      occurredAt: '2014-12-18T15:00:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/problems/forestal-permisos-exportacion/filter',
    body: {
      decision: 'accepted',
      sessionId: 'forestal-2014-12-18',
      occurredAt: '2014-12-18T15:01:00Z',
    },
  },

  // ─── 2015-01 ───
  {
    as: 'coordinator',
    path: '/mesas/forestal/sessions',
    body: {
      sessionId: 'forestal-2015-01-08',
      type: 'regular',
      heldOn: '2015-01-08',
      attendees: FORESTAL_PLENO_2014_12_11,
      problemIds: AGENDA_FORESTAL_2015_01_15,
      summary:
        'Se priorizan cuatro problemas que "mueven la aguja": reglamentos de la ley, inscripción de plantaciones, permisos de extracción y financiamiento.',
      occurredAt: '2015-01-08T14:00:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/problems/forestal-ley-reglamento/prioritize',
    body: { rank: 1, sessionId: 'forestal-2015-01-08', occurredAt: '2015-01-08T14:20:00Z' },
  },
  {
    as: 'coordinator',
    path: '/problems/forestal-ley-reglamento/solutions',
    body: {
      text: 'Culminar y aprobar los reglamentos de la Ley 29763 con un texto trabajado en la mesa entre SERFOR, MINAGRI, MINAM, OSINFOR y los gremios.',
      sessionId: 'forestal-2015-01-08',
      occurredAt: '2015-01-08T14:21:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/problems/forestal-ley-reglamento/tasks',
    body: {
      taskId: 'reglamento-texto-consolidado',
      title: 'Consolidar el texto de los reglamentos con los aportes de la mesa',
      responsibleEntity: 'SERFOR',
      dueOn: '2015-04-30',
      sessionId: 'forestal-2015-01-08',
      occurredAt: '2015-01-08T14:22:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/problems/forestal-registro-plantaciones/prioritize',
    body: { rank: 2, sessionId: 'forestal-2015-01-08', occurredAt: '2015-01-08T14:25:00Z' },
  },
  // The private side first asks to change the law (the paper's "automatic reflex"); execution shows
  //   the root is the regulation and its implementation.
  {
    as: 'coordinator',
    path: '/problems/forestal-registro-plantaciones/solutions',
    body: {
      text: 'Modificar la Ley 29763 para eliminar el requisito de inscripción de plantaciones.',
      sessionId: 'forestal-2015-01-08',
      occurredAt: '2015-01-08T14:26:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/problems/forestal-permisos-extraccion/prioritize',
    body: { rank: 3, sessionId: 'forestal-2015-01-08', occurredAt: '2015-01-08T14:30:00Z' },
  },
  {
    as: 'coordinator',
    path: '/problems/forestal-permisos-extraccion/solutions',
    body: {
      text: 'Que la madera de plantaciones inscritas se aproveche sin permiso de extracción: basta la inscripción y la guía de transporte.',
      sessionId: 'forestal-2015-01-08',
      occurredAt: '2015-01-08T14:31:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/problems/forestal-financiamiento-largo-plazo/prioritize',
    body: { rank: 4, sessionId: 'forestal-2015-01-08', occurredAt: '2015-01-08T14:35:00Z' },
  },
  sesionOrdinariaForestal('2015-01-15', FORESTAL_PLENO_2014_12_11, AGENDA_FORESTAL_2015_01_15),
  {
    as: 'coordinator',
    path: '/problems/forestal-registro-plantaciones/tasks',
    body: {
      taskId: 'registro-proyecto-ley',
      title: 'Elaborar un proyecto de ley que modifique el régimen de plantaciones',
      responsibleEntity: 'MINAGRI',
      dueOn: '2015-03-31',
      sessionId: 'forestal-2015-01-15',
      occurredAt: '2015-01-15T14:25:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/problems/forestal-permisos-extraccion/tasks',
    body: {
      taskId: 'permisos-reglamento',
      title: 'Eliminar en el reglamento el permiso de aprovechamiento para plantaciones inscritas',
      responsibleEntity: 'SERFOR',
      dueOn: '2015-09-30',
      sessionId: 'forestal-2015-01-15',
      occurredAt: '2015-01-15T14:30:00Z',
    },
  },
  // Paper: the regulations let "those who have possession but not titling of their land" sell
  //   timber legally and request agroforestry use contracts that can be mortgaged.
  {
    as: 'coordinator',
    path: '/mesas/forestal/problems',
    body: {
      problemId: 'forestal-posesionarios-sin-titulo',
      title: 'Posesionarios sin título no pueden vender su madera legalmente',
      description:
        'Muchos productores tienen posesión pero no título de su tierra: no pueden comercializar madera legalmente ni usar la tierra como garantía.',
      barrier: 'regulation',
      raisedBy: 'forestal-gore-ucayali',
      sessionId: 'forestal-2015-01-15',
      occurredAt: '2015-01-15T14:40:00Z',
    },
  },
  // Inter-session meetings: smaller, often public-only task forces led by the dedicated team
  //   (paper, section 3). Dates assumed.
  {
    as: 'coordinator',
    path: '/mesas/forestal/sessions',
    body: {
      sessionId: 'forestal-intersesion-2015-01-20',
      type: 'inter_session',
      heldOn: '2015-01-20',
      attendees: ['forestal-equipo-produce', 'forestal-serfor', 'forestal-minagri'],
      problemIds: ['forestal-ley-reglamento'],
      summary:
        'Reunión público-pública sobre los borradores de reglamento y el cronograma de trabajo.',
      occurredAt: '2015-01-20T20:00:00Z',
    },
  },
  sesionOrdinariaForestal('2015-01-22', FORESTAL_PLENO_2014_12_11, AGENDA_FORESTAL_2015_01_15),
  {
    as: 'coordinator',
    path: '/problems/forestal-financiamiento-largo-plazo/solutions',
    body: {
      text: 'Que COFIDE abra una línea de segundo piso para el sector forestal con sus recursos actuales.',
      sessionId: 'forestal-2015-01-22',
      occurredAt: '2015-01-22T14:35:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/problems/forestal-posesionarios-sin-titulo/classify',
    body: {
      ownership: 'MP',
      rootCause: 'regulation',
      sessionId: 'forestal-2015-01-22',
      occurredAt: '2015-01-22T14:40:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/problems/forestal-posesionarios-sin-titulo/filter',
    body: {
      decision: 'accepted',
      sessionId: 'forestal-2015-01-22',
      occurredAt: '2015-01-22T14:41:00Z',
    },
  },
  sesionOrdinariaForestal('2015-01-29', FORESTAL_PLENO_2014_12_11, AGENDA_FORESTAL_2015_01_15),

  // ─── 2015-02 ───
  {
    as: 'coordinator',
    path: '/mesas/forestal/participants',
    body: {
      participantId: 'forestal-minam',
      name: 'Representante del MINAM',
      organisation: 'Ministerio del Ambiente (MINAM)',
      role: 'public',
      occurredAt: '2015-02-05T13:50:00Z',
    },
  },
  sesionOrdinariaForestal('2015-02-05', FORESTAL_PLENO_2015_02_05, AGENDA_FORESTAL_2015_01_15),
  sesionOrdinariaForestal('2015-02-12', FORESTAL_PLENO_2015_02_05, AGENDA_FORESTAL_2015_01_15),
  // Paper: "the Forest Court was formed, action that had been pending for eight years". Formation
  //   date assumed: May 2016.
  {
    as: 'coordinator',
    path: '/mesas/forestal/problems',
    body: {
      problemId: 'forestal-tribunal-forestal',
      title: 'Tribunal Forestal pendiente de conformación desde hace ocho años',
      description:
        'Las sanciones forestales no tienen una segunda instancia especializada: el Tribunal Forestal y de Fauna Silvestre del OSINFOR nunca se conformó.',
      barrier: 'regulation',
      raisedBy: 'forestal-cnf',
      sessionId: 'forestal-2015-02-12',
      occurredAt: '2015-02-12T14:40:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/mesas/forestal/sessions',
    body: {
      sessionId: 'forestal-intersesion-2015-02-18',
      type: 'inter_session',
      heldOn: '2015-02-18',
      attendees: [
        'forestal-equipo-produce',
        'forestal-serfor',
        'forestal-minagri',
        'forestal-adex',
      ],
      problemIds: ['forestal-registro-plantaciones', 'forestal-permisos-extraccion'],
      summary:
        'Se revisa dónde está la traba de la inscripción de plantaciones: no en la ley, sino en la falta de reglamento y en su aplicación.',
      occurredAt: '2015-02-18T20:00:00Z',
    },
  },
  sesionOrdinariaForestal('2015-02-19', FORESTAL_PLENO_2015_02_05, AGENDA_FORESTAL_2015_01_15),
  {
    as: 'coordinator',
    path: '/problems/forestal-tribunal-forestal/classify',
    body: {
      ownership: 'MP',
      rootCause: 'implementation',
      sessionId: 'forestal-2015-02-19',
      occurredAt: '2015-02-19T14:40:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/problems/forestal-tribunal-forestal/filter',
    body: {
      decision: 'accepted',
      sessionId: 'forestal-2015-02-19',
      occurredAt: '2015-02-19T14:41:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/mesas/forestal/sessions',
    body: {
      sessionId: 'forestal-2015-02-26',
      type: 'regular',
      heldOn: '2015-02-26',
      attendees: FORESTAL_PLENO_2015_02_05,
      problemIds: AGENDA_FORESTAL_2015_01_15,
      summary:
        'SERFOR presenta el borrador de reglamentos; se revisa la solución para la inscripción de plantaciones: no hace falta cambiar la ley.',
      occurredAt: '2015-02-26T14:00:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/problems/forestal-ley-reglamento/tasks/reglamento-texto-consolidado/progress',
    body: {
      note: 'SERFOR presentó en sesión el primer borrador consolidado; los gremios entregan observaciones por escrito.',
      sessionId: 'forestal-2015-02-26',
      occurredAt: '2015-02-26T14:20:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/problems/forestal-registro-plantaciones/solutions',
    body: {
      text: 'Mantener el registro y regular en el reglamento de plantaciones una inscripción simple y automática, con un plazo máximo de 3 días.',
      rationale:
        'En la reunión intersesión del 18 de febrero se verificó que la traba no está en la ley sino en la falta de reglamento y en la práctica de las oficinas que aplican la norma; no hace falta cambiar la ley.',
      sessionId: 'forestal-2015-02-26',
      occurredAt: '2015-02-26T14:25:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/problems/forestal-registro-plantaciones/tasks/registro-proyecto-ley/cancel',
    body: {
      reason: 'La revisión de la solución mostró que no se requiere modificar la ley.',
      sessionId: 'forestal-2015-02-26',
      occurredAt: '2015-02-26T14:26:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/problems/forestal-registro-plantaciones/tasks',
    body: {
      taskId: 'registro-reglamento-3-dias',
      title: 'Incluir en el reglamento la inscripción de plantaciones en 3 días',
      responsibleEntity: 'SERFOR',
      dueOn: '2015-06-30',
      sessionId: 'forestal-2015-02-26',
      occurredAt: '2015-02-26T14:27:00Z',
    },
  },

  // ─── 2015-03 ───
  {
    as: 'coordinator',
    path: '/mesas/forestal/participants',
    body: {
      participantId: 'forestal-itp',
      name: 'Representante del ITP (red CITE)',
      organisation: 'Instituto Tecnológico de la Producción (ITP)',
      role: 'public',
      occurredAt: '2015-03-05T13:50:00Z',
    },
  },
  sesionOrdinariaForestal('2015-03-05', FORESTAL_PLENO_2015_03_05, AGENDA_FORESTAL_2015_01_15),
  {
    as: 'coordinator',
    path: '/problems/forestal-cite-ensayos/prioritize',
    body: { rank: 5, sessionId: 'forestal-2015-03-05', occurredAt: '2015-03-05T14:30:00Z' },
  },
  {
    as: 'coordinator',
    path: '/problems/forestal-cite-ensayos/solutions',
    body: {
      text: 'Crear el CITE Forestal Pucallpa con laboratorios que certifiquen calidad, estandaricen la manufactura, mejoren el secado y el corte, transfieran tecnología a las pymes y reduzcan los ensayos de pisos laminados a 10-15 días.',
      sessionId: 'forestal-2015-03-05',
      occurredAt: '2015-03-05T14:31:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/problems/forestal-serfor-osinfor-informacion/prioritize',
    body: { rank: 6, sessionId: 'forestal-2015-03-05', occurredAt: '2015-03-05T14:35:00Z' },
  },
  {
    as: 'coordinator',
    path: '/problems/forestal-serfor-osinfor-informacion/solutions',
    body: {
      text: 'Que SERFOR y OSINFOR coordinen sus datos y publiquen en sus portales concesiones, permisos, supervisiones y sanciones; plan para llevar el rezago de expedientes a cero.',
      sessionId: 'forestal-2015-03-05',
      occurredAt: '2015-03-05T14:36:00Z',
    },
  },
  sesionOrdinariaForestal('2015-03-12', FORESTAL_PLENO_2015_03_05, AGENDA_FORESTAL_2015_01_15),
  {
    as: 'coordinator',
    path: '/problems/forestal-cite-ensayos/tasks',
    body: {
      taskId: 'cite-creacion',
      title: 'Crear el CITE Forestal Pucallpa',
      responsibleEntity: 'ITP',
      dueOn: '2015-12-31',
      sessionId: 'forestal-2015-03-12',
      occurredAt: '2015-03-12T14:30:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/problems/forestal-serfor-osinfor-informacion/tasks',
    body: {
      taskId: 'informacion-intercambio',
      title: 'Compartir con SERFOR la información de supervisión y sanciones y publicarla en línea',
      responsibleEntity: 'OSINFOR',
      dueOn: '2015-10-30',
      sessionId: 'forestal-2015-03-12',
      occurredAt: '2015-03-12T14:35:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/problems/forestal-serfor-osinfor-informacion/tasks',
    body: {
      taskId: 'informacion-rezago',
      title: 'Reducir a casi cero el rezago de expedientes',
      responsibleEntity: 'SERFOR',
      dueOn: '2015-12-31',
      sessionId: 'forestal-2015-03-12',
      occurredAt: '2015-03-12T14:36:00Z',
    },
  },
  sesionOrdinariaForestal('2015-03-19', FORESTAL_PLENO_2015_03_05, AGENDA_FORESTAL_2015_01_15),
  sesionOrdinariaForestal('2015-03-26', FORESTAL_PLENO_2015_03_05, AGENDA_FORESTAL_2015_01_15),

  // ─── 2015-04 ───
  {
    as: 'coordinator',
    path: '/mesas/forestal/participants',
    body: {
      participantId: 'forestal-cofide',
      name: 'Representante de COFIDE',
      organisation: 'Corporación Financiera de Desarrollo (COFIDE)',
      role: 'public',
      occurredAt: '2015-04-09T13:50:00Z',
    },
  },
  sesionOrdinariaForestal('2015-04-09', FORESTAL_PLENO_2015_04_09, AGENDA_FORESTAL_2015_01_15),
  {
    as: 'coordinator',
    path: '/problems/forestal-financiamiento-largo-plazo/tasks',
    body: {
      taskId: 'financiamiento-producto-cofide',
      title: 'Diseñar el producto financiero forestal de segundo piso',
      responsibleEntity: 'COFIDE',
      dueOn: '2015-05-29',
      sessionId: 'forestal-2015-04-09',
      occurredAt: '2015-04-09T14:35:00Z',
    },
  },
  // ACUICOLA — sector. Paper: "aquaculture (May 2015)". Launch day assumed: 2015-05-14. cadenceDays
  //   14 assumed (the paper says weekly or biweekly "depending on the ME").
  {
    as: 'coordinator',
    path: '/mesas',
    body: {
      mesaId: 'acuicola',
      name: 'Mesa Ejecutiva de Acuicultura',
      kind: 'sector',
      scope:
        'Acuicultura: cultivo de especies hidrobiológicas para el mercado interno y la exportación',
      level: 'national',
      convener: 'PRODUCE',
      cadenceDays: 14,
      occurredAt: '2015-04-09T15:00:00Z',
    },
  },
  sesionOrdinariaForestal('2015-04-16', FORESTAL_PLENO_2015_04_09, AGENDA_FORESTAL_2015_01_15),
  sesionOrdinariaForestal('2015-04-23', FORESTAL_PLENO_2015_04_09, AGENDA_FORESTAL_2015_01_15),
  {
    as: 'coordinator',
    path: '/problems/forestal-ley-reglamento/tasks/reglamento-texto-consolidado/deadline',
    body: {
      dueOn: '2015-06-30',
      reason: 'Se incorporan los aportes del MINAM y de los gobiernos regionales.',
      sessionId: 'forestal-2015-04-23',
      occurredAt: '2015-04-23T14:20:00Z',
    },
  },
  sesionOrdinariaForestal('2015-04-30', FORESTAL_PLENO_2015_04_09, AGENDA_FORESTAL_2015_01_15),
  {
    as: 'coordinator',
    path: '/mesas/acuicola/viability',
    body: {
      viable: true,
      notes:
        'Productores acuícolas con demanda concreta y problemas identificados (sanidad, acceso a mercados, trámites); SANIPES y el Viceministerio de Pesquería dispuestos a participar.',
      occurredAt: '2015-04-30T16:00:00Z',
    },
  },

  // ─── 2015-05 ───
  sesionOrdinariaForestal('2015-05-07', FORESTAL_PLENO_2015_04_09, AGENDA_FORESTAL_2015_01_15),
  {
    as: 'coordinator',
    path: '/problems/forestal-permisos-exportacion/prioritize',
    body: { rank: 7, sessionId: 'forestal-2015-05-07', occurredAt: '2015-05-07T14:40:00Z' },
  },
  {
    as: 'coordinator',
    path: '/problems/forestal-permisos-exportacion/solutions',
    body: {
      text: 'Simplificar los requisitos y digitalizar la emisión de los permisos de exportación forestal en SERFOR.',
      sessionId: 'forestal-2015-05-07',
      occurredAt: '2015-05-07T14:41:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/problems/forestal-posesionarios-sin-titulo/prioritize',
    body: { rank: 8, sessionId: 'forestal-2015-05-07', occurredAt: '2015-05-07T14:45:00Z' },
  },
  {
    as: 'coordinator',
    path: '/problems/forestal-posesionarios-sin-titulo/solutions',
    body: {
      text: 'Que el reglamento permita comercializar madera con certificado de posesión y solicitar contratos de cesión en uso para sistemas agroforestales, susceptibles de hipoteca.',
      sessionId: 'forestal-2015-05-07',
      occurredAt: '2015-05-07T14:46:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/problems/forestal-tribunal-forestal/prioritize',
    body: { rank: 9, sessionId: 'forestal-2015-05-07', occurredAt: '2015-05-07T14:50:00Z' },
  },
  {
    as: 'coordinator',
    path: '/problems/forestal-tribunal-forestal/solutions',
    body: {
      text: 'Conformar el Tribunal Forestal y de Fauna Silvestre del OSINFOR como segunda instancia administrativa.',
      sessionId: 'forestal-2015-05-07',
      occurredAt: '2015-05-07T14:51:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/mesas/acuicola/launch',
    body: { occurredAt: '2015-05-14T13:30:00Z' },
  },
  // Aquaculture illustrates the paper's own example: a tax exemption asked to compensate a slow
  //   sanitary authority is filtered out; the right fix is to make the authority work better (MP).
  //   Details and dates assumed.
  {
    as: 'coordinator',
    path: '/mesas/acuicola/participants',
    body: {
      participantId: 'acuicola-equipo',
      name: 'Equipo dedicado de Mesas Ejecutivas',
      organisation: 'Ministerio de la Producción (PRODUCE)',
      role: 'dedicated_team',
      occurredAt: '2015-05-14T13:35:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/mesas/acuicola/participants',
    body: {
      participantId: 'acuicola-snp',
      name: 'Representante del Comité de Acuicultura de la SNP',
      organisation: 'Sociedad Nacional de Pesquería (SNP)',
      role: 'private',
      occurredAt: '2015-05-14T13:36:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/mesas/acuicola/participants',
    body: {
      participantId: 'acuicola-sanipes',
      name: 'Representante de SANIPES',
      organisation: 'Organismo Nacional de Sanidad Pesquera (SANIPES)',
      role: 'public',
      occurredAt: '2015-05-14T13:37:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/mesas/acuicola/participants',
    body: {
      participantId: 'acuicola-produce',
      name: 'Representante del Viceministerio de Pesquería',
      organisation: 'Ministerio de la Producción (PRODUCE)',
      role: 'public',
      occurredAt: '2015-05-14T13:38:00Z',
    },
  },
  sesionOrdinariaForestal('2015-05-14', FORESTAL_PLENO_2015_04_09, AGENDA_FORESTAL_2015_01_15),
  {
    as: 'coordinator',
    path: '/mesas/acuicola/sessions',
    body: {
      sessionId: 'acuicola-2015-05-14',
      type: 'regular',
      heldOn: '2015-05-14',
      attendees: ['acuicola-equipo', 'acuicola-snp', 'acuicola-sanipes', 'acuicola-produce'],
      summary:
        'Instalación de la mesa: presentación de la metodología y primer inventario de problemas.',
      occurredAt: '2015-05-14T14:00:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/mesas/acuicola/problems',
    body: {
      problemId: 'acuicola-acceso-sanitario',
      title: 'Habilitación sanitaria lenta limita el acceso a nuevos mercados',
      description:
        'La habilitación sanitaria de centros de cultivo y plantas demora y faltan protocolos sanitarios con los mercados de destino.',
      barrier: 'market_access',
      raisedBy: 'acuicola-snp',
      sessionId: 'acuicola-2015-05-14',
      occurredAt: '2015-05-14T14:20:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/mesas/acuicola/problems',
    body: {
      problemId: 'acuicola-exoneracion-tributaria',
      title: 'Exoneración tributaria para compensar las demoras sanitarias',
      description:
        'Los productores piden una exoneración tributaria que compense los sobrecostos de las demoras en la certificación sanitaria.',
      barrier: 'funding',
      raisedBy: 'acuicola-snp',
      sessionId: 'acuicola-2015-05-14',
      occurredAt: '2015-05-14T14:25:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/problems/forestal-permisos-exportacion/tasks',
    body: {
      taskId: 'exportacion-simplificacion',
      title: 'Simplificar y digitalizar el esquema de permisos de exportación',
      responsibleEntity: 'SERFOR',
      dueOn: '2016-02-29',
      sessionId: 'forestal-2015-05-14',
      occurredAt: '2015-05-14T14:40:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/problems/forestal-posesionarios-sin-titulo/tasks',
    body: {
      taskId: 'posesionarios-cesion-en-uso',
      title: 'Incluir en el reglamento la cesión en uso para sistemas agroforestales',
      responsibleEntity: 'SERFOR',
      dueOn: '2015-09-30',
      sessionId: 'forestal-2015-05-14',
      occurredAt: '2015-05-14T14:45:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/problems/forestal-tribunal-forestal/tasks',
    body: {
      taskId: 'tribunal-conformacion',
      title: 'Aprobar el reglamento interno y designar a los vocales del Tribunal Forestal',
      responsibleEntity: 'OSINFOR',
      dueOn: '2015-12-31',
      sessionId: 'forestal-2015-05-14',
      occurredAt: '2015-05-14T14:50:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/mesas/forestal/sessions',
    body: {
      sessionId: 'forestal-intersesion-2015-05-20',
      type: 'inter_session',
      heldOn: '2015-05-20',
      attendees: ['forestal-equipo-produce', 'forestal-cofide', 'forestal-produce'],
      problemIds: ['forestal-financiamiento-largo-plazo'],
      summary: 'Diseño del producto de segundo piso con COFIDE.',
      occurredAt: '2015-05-20T20:00:00Z',
    },
  },
  sesionOrdinariaForestal('2015-05-21', FORESTAL_PLENO_2015_04_09, AGENDA_FORESTAL_2015_01_15),
  {
    as: 'coordinator',
    path: '/problems/forestal-financiamiento-largo-plazo/tasks/financiamiento-producto-cofide/progress',
    body: {
      note: 'COFIDE presentó un esquema a través de instituciones financieras con distribución 70/30; sin recursos adicionales no alcanza los plazos requeridos.',
      sessionId: 'forestal-2015-05-21',
      occurredAt: '2015-05-21T14:35:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/mesas/acuicola/participants',
    body: {
      participantId: 'acuicola-itp',
      name: 'Representante del ITP (red CITE)',
      organisation: 'Instituto Tecnológico de la Producción (ITP)',
      role: 'public',
      occurredAt: '2015-05-28T13:50:00Z',
    },
  },
  sesionOrdinariaForestal('2015-05-28', FORESTAL_PLENO_2015_04_09, AGENDA_FORESTAL_2015_01_15),
  {
    as: 'coordinator',
    path: '/mesas/acuicola/sessions',
    body: {
      sessionId: 'acuicola-2015-05-28',
      type: 'regular',
      heldOn: '2015-05-28',
      attendees: [
        'acuicola-equipo',
        'acuicola-snp',
        'acuicola-sanipes',
        'acuicola-produce',
        'acuicola-itp',
      ],
      problemIds: ['acuicola-acceso-sanitario'],
      summary: 'Clasificación y filtro de la lista inicial.',
      occurredAt: '2015-05-28T14:00:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/problems/acuicola-acceso-sanitario/classify',
    body: {
      ownership: 'MP',
      rootCause: 'implementation',
      sessionId: 'acuicola-2015-05-28',
      occurredAt: '2015-05-28T14:20:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/problems/acuicola-acceso-sanitario/filter',
    body: {
      decision: 'accepted',
      sessionId: 'acuicola-2015-05-28',
      occurredAt: '2015-05-28T14:21:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/problems/acuicola-exoneracion-tributaria/classify',
    body: {
      ownership: 'MP',
      rootCause: 'implementation',
      sessionId: 'acuicola-2015-05-28',
      occurredAt: '2015-05-28T14:25:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/problems/acuicola-exoneracion-tributaria/filter',
    body: {
      decision: 'rejected',
      reason:
        'La exoneración compensa la ineficiencia de la autoridad sanitaria sin corregirla; la solución es que SANIPES funcione mejor, como se trabaja en el problema de acceso sanitario.',
      sessionId: 'acuicola-2015-05-28',
      occurredAt: '2015-05-28T14:26:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/mesas/acuicola/problems',
    body: {
      problemId: 'acuicola-inversion-id',
      title: 'Baja inversión en investigación y desarrollo',
      description:
        'Las empresas invierten poco en I+D en semilla, alimento y sanidad de los cultivos.',
      barrier: 'innovation',
      raisedBy: 'acuicola-snp',
      sessionId: 'acuicola-2015-05-28',
      occurredAt: '2015-05-28T14:30:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/problems/acuicola-inversion-id/classify',
    body: {
      ownership: 'YP',
      rootCause: 'unknown',
      sessionId: 'acuicola-2015-05-28',
      occurredAt: '2015-05-28T14:31:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/problems/acuicola-inversion-id/filter',
    body: {
      decision: 'accepted',
      sessionId: 'acuicola-2015-05-28',
      occurredAt: '2015-05-28T14:32:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/problems/forestal-financiamiento-largo-plazo/tasks/financiamiento-producto-cofide/complete',
    body: {
      outcome: 'Producto de segundo piso diseñado; falta el fondeo.',
      sessionId: 'forestal-2015-05-28',
      occurredAt: '2015-05-28T14:35:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/mesas/acuicola/problems',
    body: {
      problemId: 'acuicola-tramites-derechos',
      title: 'Trámites duplicados para obtener derechos acuícolas',
      description:
        'Concesiones y autorizaciones acuícolas exigen requisitos duplicados ante varias entidades.',
      barrier: 'red_tape',
      raisedBy: 'acuicola-snp',
      sessionId: 'acuicola-2015-05-28',
      occurredAt: '2015-05-28T14:35:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/problems/acuicola-tramites-derechos/classify',
    body: {
      ownership: 'MP',
      rootCause: 'regulation',
      sessionId: 'acuicola-2015-05-28',
      occurredAt: '2015-05-28T14:36:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/problems/acuicola-tramites-derechos/filter',
    body: {
      decision: 'accepted',
      sessionId: 'acuicola-2015-05-28',
      occurredAt: '2015-05-28T14:37:00Z',
    },
  },

  // ─── 2015-06 ───
  {
    as: 'coordinator',
    path: '/mesas/forestal/sessions',
    body: {
      sessionId: 'forestal-2015-06-04',
      type: 'regular',
      heldOn: '2015-06-04',
      attendees: FORESTAL_PLENO_2015_04_09,
      problemIds: AGENDA_FORESTAL_2015_01_15,
      summary:
        'COFIDE presenta el producto de segundo piso; la solución de financiamiento requiere presupuesto y se eleva al nivel ministerial.',
      occurredAt: '2015-06-04T14:00:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/problems/forestal-financiamiento-largo-plazo/solutions',
    body: {
      text: 'Constituir un fondo de S/ 200 millones para que COFIDE otorgue financiamiento semilla de segundo piso, a través de instituciones financieras privadas y públicas (70/30), a plazos de 8 años o más.',
      rationale:
        'El diseño mostró que COFIDE no puede ofrecer plazos largos sin recursos adicionales; la solución requiere asignación presupuestal.',
      sessionId: 'forestal-2015-06-04',
      occurredAt: '2015-06-04T14:35:00Z',
    },
  },
  // Paper: "sometimes a solution requires budget allocation" — a decision only the higher-level
  //   body can take. Fund dates are not in the paper: assumed mid-2015.
  {
    as: 'coordinator',
    path: '/problems/forestal-financiamiento-largo-plazo/escalate',
    body: {
      reason: 'budget',
      note: 'Se requiere asignar S/ 200 millones; la decisión excede a la mesa.',
      sessionId: 'forestal-2015-06-04',
      occurredAt: '2015-06-04T14:36:00Z',
    },
  },
  sesionOrdinariaForestal('2015-06-11', FORESTAL_PLENO_2015_04_09, AGENDA_FORESTAL_2015_01_15),
  {
    as: 'coordinator',
    path: '/mesas/acuicola/sessions',
    body: {
      sessionId: 'acuicola-2015-06-11',
      type: 'regular',
      heldOn: '2015-06-11',
      attendees: [
        'acuicola-equipo',
        'acuicola-snp',
        'acuicola-sanipes',
        'acuicola-produce',
        'acuicola-itp',
      ],
      problemIds: [
        'acuicola-acceso-sanitario',
        'acuicola-tramites-derechos',
        'acuicola-inversion-id',
      ],
      summary: 'Priorización y primeras soluciones.',
      occurredAt: '2015-06-11T14:00:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/problems/acuicola-acceso-sanitario/prioritize',
    body: { rank: 1, sessionId: 'acuicola-2015-06-11', occurredAt: '2015-06-11T14:20:00Z' },
  },
  {
    as: 'coordinator',
    path: '/problems/acuicola-acceso-sanitario/solutions',
    body: {
      text: 'Que SANIPES agilice la habilitación sanitaria de centros de cultivo y plantas y negocie protocolos sanitarios con las autoridades de los mercados de destino priorizados.',
      sessionId: 'acuicola-2015-06-11',
      occurredAt: '2015-06-11T14:21:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/problems/acuicola-acceso-sanitario/tasks',
    body: {
      taskId: 'sanitario-plazos-habilitacion',
      title: 'Reducir los plazos de habilitación sanitaria de centros de cultivo',
      responsibleEntity: 'SANIPES',
      dueOn: '2015-10-30',
      sessionId: 'acuicola-2015-06-11',
      occurredAt: '2015-06-11T14:22:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/problems/acuicola-tramites-derechos/prioritize',
    body: { rank: 2, sessionId: 'acuicola-2015-06-11', occurredAt: '2015-06-11T14:25:00Z' },
  },
  {
    as: 'coordinator',
    path: '/problems/acuicola-tramites-derechos/solutions',
    body: {
      text: 'Eliminar requisitos duplicados y unificar en una sola ventanilla los trámites de concesión y autorización acuícola.',
      sessionId: 'acuicola-2015-06-11',
      occurredAt: '2015-06-11T14:26:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/problems/acuicola-inversion-id/prioritize',
    body: { rank: 3, sessionId: 'acuicola-2015-06-11', occurredAt: '2015-06-11T14:30:00Z' },
  },
  {
    as: 'coordinator',
    path: '/problems/acuicola-inversion-id/solutions',
    body: {
      text: 'Combinar los incentivos tributarios vigentes a la I+D+i con mayor conciencia empresarial sobre la importancia de innovar.',
      sessionId: 'acuicola-2015-06-11',
      occurredAt: '2015-06-11T14:31:00Z',
    },
  },
  // Paper: the "abbreviated procedure" lets a company propose a concession without a regional
  //   tender; "soon the first forest concession will be launched in 14 years" — still open.
  {
    as: 'coordinator',
    path: '/mesas/forestal/problems',
    body: {
      problemId: 'forestal-nuevas-concesiones',
      title: 'No se otorgan nuevas concesiones forestales desde hace más de una década',
      description:
        'Los concursos de concesiones son largos y costosos; parte del bosque nunca fue concesionada y queda sin ponerse en valor.',
      barrier: 'regulation',
      raisedBy: 'forestal-adex',
      sessionId: 'forestal-2015-06-11',
      occurredAt: '2015-06-11T14:40:00Z',
    },
  },
  sesionOrdinariaForestal('2015-06-18', FORESTAL_PLENO_2015_04_09, AGENDA_FORESTAL_2015_01_15),
  {
    as: 'coordinator',
    path: '/problems/forestal-nuevas-concesiones/classify',
    body: {
      ownership: 'MP',
      rootCause: 'regulation',
      sessionId: 'forestal-2015-06-18',
      occurredAt: '2015-06-18T14:40:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/problems/forestal-nuevas-concesiones/filter',
    body: {
      decision: 'accepted',
      sessionId: 'forestal-2015-06-18',
      occurredAt: '2015-06-18T14:41:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/problems/forestal-nuevas-concesiones/prioritize',
    body: { rank: 10, sessionId: 'forestal-2015-06-18', occurredAt: '2015-06-18T14:42:00Z' },
  },
  {
    as: 'coordinator',
    path: '/problems/forestal-nuevas-concesiones/solutions',
    body: {
      text: 'Crear en el reglamento un procedimiento abreviado: la empresa presenta su propuesta y obtiene la concesión sin que el gobierno regional convoque a concurso.',
      sessionId: 'forestal-2015-06-18',
      occurredAt: '2015-06-18T14:43:00Z',
    },
  },
  sesionOrdinariaForestal('2015-06-25', FORESTAL_PLENO_2015_04_09, AGENDA_FORESTAL_2015_01_15),
  {
    as: 'coordinator',
    path: '/mesas/acuicola/sessions',
    body: {
      sessionId: 'acuicola-2015-06-25',
      type: 'regular',
      heldOn: '2015-06-25',
      attendees: [
        'acuicola-equipo',
        'acuicola-snp',
        'acuicola-sanipes',
        'acuicola-produce',
        'acuicola-itp',
      ],
      problemIds: [
        'acuicola-acceso-sanitario',
        'acuicola-tramites-derechos',
        'acuicola-inversion-id',
      ],
      summary: 'Se asignan tareas con plazos fijos.',
      occurredAt: '2015-06-25T14:00:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/problems/forestal-ley-reglamento/tasks/reglamento-texto-consolidado/complete',
    body: {
      outcome: 'SERFOR remitió al MINAGRI el texto consolidado de los cuatro reglamentos.',
      sessionId: 'forestal-2015-06-25',
      occurredAt: '2015-06-25T14:20:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/problems/acuicola-tramites-derechos/tasks',
    body: {
      taskId: 'tramites-ventanilla',
      title: 'Propuesta de simplificación y ventanilla única de trámites acuícolas',
      responsibleEntity: 'PRODUCE',
      dueOn: '2015-12-31',
      sessionId: 'acuicola-2015-06-25',
      occurredAt: '2015-06-25T14:20:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/problems/forestal-ley-reglamento/tasks',
    body: {
      taskId: 'reglamento-aprobacion',
      title: 'Aprobar los reglamentos por decreto supremo',
      responsibleEntity: 'MINAGRI',
      dueOn: '2015-09-30',
      sessionId: 'forestal-2015-06-25',
      occurredAt: '2015-06-25T14:21:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/problems/forestal-registro-plantaciones/tasks/registro-reglamento-3-dias/deadline',
    body: {
      dueOn: '2015-09-30',
      reason: 'Se alinea con la aprobación conjunta de los cuatro reglamentos.',
      sessionId: 'forestal-2015-06-25',
      occurredAt: '2015-06-25T14:25:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/problems/acuicola-inversion-id/tasks',
    body: {
      taskId: 'id-difusion-incentivos',
      title: 'Talleres de difusión del incentivo tributario a la I+D+i para acuicultores',
      responsibleEntity: 'PRODUCE',
      dueOn: '2015-09-30',
      sessionId: 'acuicola-2015-06-25',
      occurredAt: '2015-06-25T14:25:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/problems/acuicola-inversion-id/solutions',
    body: {
      text: 'Combinar los incentivos tributarios vigentes a la I+D+i con mayor conciencia empresarial sobre la importancia de innovar, y proyectos colaborativos de investigación con el ITP.',
      rationale:
        'El ITP ofrece co-ejecutar proyectos de investigación aplicada en semilla y alimento con los productores.',
      sessionId: 'acuicola-2015-06-25',
      occurredAt: '2015-06-25T14:26:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/problems/acuicola-inversion-id/tasks',
    body: {
      taskId: 'id-proyectos-itp',
      title: 'Cartera de proyectos colaborativos de investigación en semilla y alimento',
      responsibleEntity: 'ITP',
      dueOn: '2016-03-31',
      sessionId: 'acuicola-2015-06-25',
      occurredAt: '2015-06-25T14:27:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/problems/forestal-nuevas-concesiones/tasks',
    body: {
      taskId: 'concesiones-procedimiento-abreviado',
      title: 'Regular el procedimiento abreviado de acceso a concesiones',
      responsibleEntity: 'SERFOR',
      dueOn: '2015-09-30',
      sessionId: 'forestal-2015-06-25',
      occurredAt: '2015-06-25T14:40:00Z',
    },
  },

  // ─── 2015-07 ───
  sesionOrdinariaForestal('2015-07-02', FORESTAL_PLENO_2015_04_09, AGENDA_FORESTAL_2015_01_15),
  {
    as: 'high_level',
    path: '/problems/forestal-financiamiento-largo-plazo/escalation/decision',
    body: {
      decision:
        'Se aprueba asignar S/ 200 millones a COFIDE para el fondo forestal de segundo piso.',
      decidedBy: 'Ministro de la Producción',
      occurredAt: '2015-07-02T22:00:00Z',
    },
  },
  sesionOrdinariaForestal('2015-07-09', FORESTAL_PLENO_2015_04_09, AGENDA_FORESTAL_2015_01_15),
  {
    as: 'coordinator',
    path: '/mesas/acuicola/sessions',
    body: {
      sessionId: 'acuicola-2015-07-09',
      type: 'regular',
      heldOn: '2015-07-09',
      attendees: [
        'acuicola-equipo',
        'acuicola-snp',
        'acuicola-sanipes',
        'acuicola-produce',
        'acuicola-itp',
      ],
      problemIds: [
        'acuicola-acceso-sanitario',
        'acuicola-tramites-derechos',
        'acuicola-inversion-id',
      ],
      summary: 'Reporte de avances.',
      occurredAt: '2015-07-09T14:00:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/problems/acuicola-acceso-sanitario/tasks/sanitario-plazos-habilitacion/progress',
    body: {
      note: 'SANIPES identificó los pasos que se pueden eliminar de la habilitación.',
      sessionId: 'acuicola-2015-07-09',
      occurredAt: '2015-07-09T14:20:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/problems/forestal-financiamiento-largo-plazo/tasks',
    body: {
      taskId: 'financiamiento-fondo-cofide',
      title: 'Poner en marcha el fondo forestal y colocar los primeros créditos',
      responsibleEntity: 'COFIDE',
      dueOn: '2015-12-31',
      sessionId: 'forestal-2015-07-09',
      occurredAt: '2015-07-09T14:35:00Z',
    },
  },
  // INDUSTRIAS-CREATIVAS — sector. Paper: "creative Industries (August 2015)". Launch day assumed:
  //   2015-08-20; cadenceDays 14 assumed.
  {
    as: 'coordinator',
    path: '/mesas',
    body: {
      mesaId: 'industrias-creativas',
      name: 'Mesa Ejecutiva de Industrias Creativas',
      kind: 'sector',
      scope:
        'Industrias creativas y culturales: audiovisual, editorial, música, diseño y contenidos digitales',
      level: 'national',
      convener: 'PRODUCE',
      cadenceDays: 14,
      occurredAt: '2015-07-09T15:00:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/mesas/forestal/sessions',
    body: {
      sessionId: 'forestal-2015-07-16',
      type: 'regular',
      heldOn: '2015-07-16',
      attendees: FORESTAL_PLENO_2015_04_09,
      problemIds: AGENDA_FORESTAL_2015_01_15,
      summary:
        'Discrepancias sobre el texto del reglamento de gestión forestal: se eleva al nivel ministerial.',
      occurredAt: '2015-07-16T14:00:00Z',
    },
  },
  // The paper credits the many actors involved for the four-year delay; this escalation shows such
  //   a gridlock going up to the ministers.
  {
    as: 'coordinator',
    path: '/problems/forestal-ley-reglamento/escalate',
    body: {
      reason: 'disagreement',
      note: 'Persisten discrepancias entre sectores sobre el texto del reglamento para la gestión forestal; el nivel técnico no logra consenso.',
      sessionId: 'forestal-2015-07-16',
      occurredAt: '2015-07-16T14:20:00Z',
    },
  },
  // Paper: "Sometimes these meetings include members of the higher-level body."
  {
    as: 'coordinator',
    path: '/mesas/forestal/sessions',
    body: {
      sessionId: 'forestal-intersesion-2015-07-22',
      type: 'inter_session',
      heldOn: '2015-07-22',
      attendees: [
        'forestal-equipo-produce',
        'forestal-ministro-produce',
        'forestal-minagri',
        'forestal-serfor',
        'forestal-minam',
      ],
      problemIds: ['forestal-ley-reglamento'],
      summary: 'Reunión con el nivel ministerial para cerrar el texto de los reglamentos.',
      occurredAt: '2015-07-22T20:00:00Z',
    },
  },
  {
    as: 'high_level',
    path: '/problems/forestal-ley-reglamento/escalation/decision',
    body: {
      decision:
        'Los ministros acuerdan el texto final y encargan al MINAGRI aprobar los reglamentos por decreto supremo antes de fin de septiembre.',
      decidedBy: 'Ministro de la Producción y Ministro de Agricultura y Riego',
      sessionId: 'forestal-intersesion-2015-07-22',
      occurredAt: '2015-07-22T21:00:00Z',
    },
  },
  sesionOrdinariaForestal('2015-07-23', FORESTAL_PLENO_2015_04_09, AGENDA_FORESTAL_2015_01_15),
  sesionOrdinariaForestal('2015-07-30', FORESTAL_PLENO_2015_04_09, AGENDA_FORESTAL_2015_01_15),

  // ─── 2015-08 ───
  sesionOrdinariaForestal('2015-08-06', FORESTAL_PLENO_2015_04_09, AGENDA_FORESTAL_2015_01_15),
  {
    as: 'coordinator',
    path: '/mesas/industrias-creativas/viability',
    body: {
      viable: true,
      notes:
        'Existe demanda privada y disposición a trabajar problemas concretos; Ministerio de Cultura e INDECOPI participan por el lado público.',
      occurredAt: '2015-08-06T16:00:00Z',
    },
  },
  sesionOrdinariaForestal('2015-08-13', FORESTAL_PLENO_2015_04_09, AGENDA_FORESTAL_2015_01_15),
  {
    as: 'coordinator',
    path: '/problems/forestal-cite-ensayos/tasks/cite-creacion/progress',
    body: {
      note: 'El ITP definió con los gremios los servicios y ensayos prioritarios del CITE.',
      sessionId: 'forestal-2015-08-13',
      occurredAt: '2015-08-13T14:30:00Z',
    },
  },
  // TEXTIL — sector. Paper: "textile (September 2015)". Launch day assumed: 2015-09-17; cadenceDays
  //   14 assumed.
  {
    as: 'coordinator',
    path: '/mesas',
    body: {
      mesaId: 'textil',
      name: 'Mesa Ejecutiva Textil y de Confecciones',
      kind: 'sector',
      scope:
        'Cadena textil y de confecciones: fibras de algodón y de camélidos, hilados, tejidos y prendas',
      level: 'national',
      convener: 'PRODUCE',
      cadenceDays: 14,
      occurredAt: '2015-08-13T15:00:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/mesas/industrias-creativas/launch',
    body: { occurredAt: '2015-08-20T13:30:00Z' },
  },
  {
    as: 'coordinator',
    path: '/mesas/industrias-creativas/participants',
    body: {
      participantId: 'industrias-creativas-equipo',
      name: 'Equipo dedicado de Mesas Ejecutivas',
      organisation: 'Ministerio de la Producción (PRODUCE)',
      role: 'dedicated_team',
      occurredAt: '2015-08-20T13:35:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/mesas/industrias-creativas/participants',
    body: {
      participantId: 'industrias-creativas-privados',
      name: 'Representante de los gremios de industrias creativas',
      organisation: 'Gremios de las industrias creativas y culturales',
      role: 'private',
      occurredAt: '2015-08-20T13:36:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/mesas/industrias-creativas/participants',
    body: {
      participantId: 'industrias-creativas-cultura',
      name: 'Representante del Ministerio de Cultura',
      organisation: 'Ministerio de Cultura',
      role: 'public',
      occurredAt: '2015-08-20T13:37:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/mesas/industrias-creativas/participants',
    body: {
      participantId: 'industrias-creativas-indecopi',
      name: 'Representante del INDECOPI',
      organisation:
        'Instituto Nacional de Defensa de la Competencia y de la Protección de la Propiedad Intelectual (INDECOPI)',
      role: 'public',
      occurredAt: '2015-08-20T13:38:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/mesas/industrias-creativas/sessions',
    body: {
      sessionId: 'industrias-creativas-2015-08-20',
      type: 'regular',
      heldOn: '2015-08-20',
      attendees: [
        'industrias-creativas-equipo',
        'industrias-creativas-privados',
        'industrias-creativas-cultura',
        'industrias-creativas-indecopi',
      ],
      summary:
        'Instalación de la mesa: presentación de la metodología y primer inventario de problemas del sector.',
      occurredAt: '2015-08-20T14:00:00Z',
    },
  },
  sesionOrdinariaForestal('2015-08-20', FORESTAL_PLENO_2015_04_09, AGENDA_FORESTAL_2015_01_15),
  sesionOrdinariaForestal('2015-08-27', FORESTAL_PLENO_2015_04_09, AGENDA_FORESTAL_2015_01_15),
  {
    as: 'coordinator',
    path: '/problems/forestal-ley-reglamento/tasks/reglamento-aprobacion/progress',
    body: {
      note: 'Los proyectos de decreto supremo cuentan con la conformidad de los sectores involucrados.',
      sessionId: 'forestal-2015-08-27',
      occurredAt: '2015-08-27T14:20:00Z',
    },
  },

  // ─── 2015-09 ───
  {
    as: 'coordinator',
    path: '/mesas/industrias-creativas/sessions',
    body: {
      sessionId: 'industrias-creativas-2015-09-03',
      type: 'regular',
      heldOn: '2015-09-03',
      attendees: [
        'industrias-creativas-equipo',
        'industrias-creativas-privados',
        'industrias-creativas-cultura',
        'industrias-creativas-indecopi',
      ],
      summary:
        'Sesión ordinaria: los participantes reportan avances de la matriz de problemas y soluciones.',
      occurredAt: '2015-09-03T14:00:00Z',
    },
  },
  sesionOrdinariaForestal('2015-09-03', FORESTAL_PLENO_2015_04_09, AGENDA_FORESTAL_2015_01_15),
  {
    as: 'coordinator',
    path: '/mesas/textil/viability',
    body: {
      viable: true,
      notes:
        'Gremios textiles coordinados y con problemas de productividad identificados; el ITP y su red de CITE pueden entregar soluciones.',
      occurredAt: '2015-09-03T16:00:00Z',
    },
  },
  sesionOrdinariaForestal('2015-09-10', FORESTAL_PLENO_2015_04_09, AGENDA_FORESTAL_2015_01_15),
  { as: 'coordinator', path: '/mesas/textil/launch', body: { occurredAt: '2015-09-17T13:30:00Z' } },
  {
    as: 'coordinator',
    path: '/mesas/textil/participants',
    body: {
      participantId: 'textil-equipo',
      name: 'Equipo dedicado de Mesas Ejecutivas',
      organisation: 'Ministerio de la Producción (PRODUCE)',
      role: 'dedicated_team',
      occurredAt: '2015-09-17T13:35:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/mesas/textil/participants',
    body: {
      participantId: 'textil-sni',
      name: 'Representante del Comité Textil de la SNI',
      organisation: 'Sociedad Nacional de Industrias (SNI)',
      role: 'private',
      occurredAt: '2015-09-17T13:36:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/mesas/textil/participants',
    body: {
      participantId: 'textil-adex',
      name: 'Representante de ADEX',
      organisation: 'Asociación de Exportadores (ADEX)',
      role: 'private',
      occurredAt: '2015-09-17T13:37:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/mesas/textil/participants',
    body: {
      participantId: 'textil-itp',
      name: 'Representante del ITP (red CITE)',
      organisation: 'Instituto Tecnológico de la Producción (ITP)',
      role: 'public',
      occurredAt: '2015-09-17T13:38:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/mesas/textil/sessions',
    body: {
      sessionId: 'textil-2015-09-17',
      type: 'regular',
      heldOn: '2015-09-17',
      attendees: ['textil-equipo', 'textil-sni', 'textil-adex', 'textil-itp'],
      summary:
        'Instalación de la mesa: presentación de la metodología y primer inventario de problemas de la cadena textil.',
      occurredAt: '2015-09-17T14:00:00Z',
    },
  },
  sesionOrdinariaForestal('2015-09-17', FORESTAL_PLENO_2015_04_09, AGENDA_FORESTAL_2015_01_15),
  sesionOrdinariaForestal('2015-09-24', FORESTAL_PLENO_2015_04_09, AGENDA_FORESTAL_2015_01_15),
  {
    as: 'coordinator',
    path: '/mesas/acuicola/sessions',
    body: {
      sessionId: 'acuicola-2015-09-24',
      type: 'regular',
      heldOn: '2015-09-24',
      attendees: [
        'acuicola-equipo',
        'acuicola-snp',
        'acuicola-sanipes',
        'acuicola-produce',
        'acuicola-itp',
      ],
      problemIds: [
        'acuicola-acceso-sanitario',
        'acuicola-tramites-derechos',
        'acuicola-inversion-id',
      ],
      summary: 'Reporte de avances.',
      occurredAt: '2015-09-24T14:00:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/problems/acuicola-inversion-id/tasks/id-difusion-incentivos/complete',
    body: {
      outcome: 'Se realizaron talleres de difusión en tres regiones productoras.',
      sessionId: 'acuicola-2015-09-24',
      occurredAt: '2015-09-24T14:20:00Z',
    },
  },
  // Extraordinary session on the day the regulations were published (counted among the 83 regular
  //   sessions).
  {
    as: 'coordinator',
    path: '/mesas/forestal/sessions',
    body: {
      sessionId: 'forestal-2015-09-30',
      type: 'regular',
      heldOn: '2015-09-30',
      attendees: FORESTAL_PLENO_2015_04_09,
      problemIds: AGENDA_FORESTAL_2015_01_15,
      summary:
        'Sesión extraordinaria: se publican los reglamentos de la Ley Forestal y de Fauna Silvestre.',
      occurredAt: '2015-09-30T14:30:00Z',
    },
  },
  // D.S. 018, 019, 020 y 021-2015-MINAGRI (gestión forestal, fauna silvestre, plantaciones y
  //   sistemas agroforestales, comunidades nativas y campesinas), published 30 September 2015.
  {
    as: 'coordinator',
    path: '/problems/forestal-ley-reglamento/tasks/reglamento-aprobacion/complete',
    body: {
      outcome: 'Se publicaron los cuatro reglamentos de la Ley 29763.',
      sessionId: 'forestal-2015-09-30',
      occurredAt: '2015-09-30T15:00:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/problems/forestal-ley-reglamento/resolve',
    body: {
      outcome:
        'La Ley Forestal y de Fauna Silvestre quedó reglamentada en septiembre de 2015, tras más de cuatro años de espera.',
      sessionId: 'forestal-2015-09-30',
      occurredAt: '2015-09-30T15:05:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/problems/forestal-ley-reglamento/impact',
    body: {
      indicator: 'Reglamentos de la Ley 29763 aprobados',
      unit: 'reglamentos',
      before: 0,
      after: 4,
      occurredAt: '2015-09-30T15:10:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/problems/forestal-registro-plantaciones/tasks/registro-reglamento-3-dias/complete',
    body: {
      outcome: 'El reglamento de plantaciones fija la inscripción en un plazo de 3 días.',
      sessionId: 'forestal-2015-09-30',
      occurredAt: '2015-09-30T15:15:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/problems/forestal-permisos-extraccion/tasks/permisos-reglamento/complete',
    body: {
      outcome:
        'El reglamento de plantaciones suprime el permiso de extracción para plantaciones inscritas.',
      sessionId: 'forestal-2015-09-30',
      occurredAt: '2015-09-30T15:20:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/problems/forestal-posesionarios-sin-titulo/tasks/posesionarios-cesion-en-uso/complete',
    body: {
      outcome:
        'El reglamento de plantaciones y sistemas agroforestales incluye la cesión en uso hipotecable.',
      sessionId: 'forestal-2015-09-30',
      occurredAt: '2015-09-30T15:25:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/problems/forestal-posesionarios-sin-titulo/resolve',
    body: {
      outcome:
        'Los posesionarios con certificado de posesión venden madera legalmente y acceden a contratos de cesión en uso hipotecables.',
      sessionId: 'forestal-2015-09-30',
      occurredAt: '2015-09-30T15:30:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/problems/forestal-nuevas-concesiones/tasks/concesiones-procedimiento-abreviado/complete',
    body: {
      outcome: 'El reglamento para la gestión forestal crea el procedimiento abreviado.',
      sessionId: 'forestal-2015-09-30',
      occurredAt: '2015-09-30T15:35:00Z',
    },
  },

  // ─── 2015-10 ───
  {
    as: 'coordinator',
    path: '/mesas/textil/sessions',
    body: {
      sessionId: 'textil-2015-10-01',
      type: 'regular',
      heldOn: '2015-10-01',
      attendees: ['textil-equipo', 'textil-sni', 'textil-adex', 'textil-itp'],
      summary:
        'Sesión ordinaria: los participantes reportan avances de la matriz de problemas y soluciones.',
      occurredAt: '2015-10-01T14:00:00Z',
    },
  },
  sesionOrdinariaForestal('2015-10-01', FORESTAL_PLENO_2015_04_09, AGENDA_FORESTAL_2015_10_01),
  // Paper lists "design of sector-specific training programs" among the MPs; details assumed.
  {
    as: 'coordinator',
    path: '/mesas/textil/problems',
    body: {
      problemId: 'textil-formacion-tecnica',
      title: 'Escasez de técnicos calificados en confección',
      description:
        'Los programas de formación técnica no responden a lo que necesitan las plantas de confección.',
      barrier: 'skills',
      raisedBy: 'textil-sni',
      sessionId: 'textil-2015-10-01',
      occurredAt: '2015-10-01T14:20:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/problems/forestal-registro-plantaciones/tasks',
    body: {
      taskId: 'registro-implementacion',
      title: 'Implementar la inscripción en 3 días en el registro nacional de plantaciones',
      responsibleEntity: 'SERFOR',
      dueOn: '2015-12-31',
      sessionId: 'forestal-2015-10-01',
      occurredAt: '2015-10-01T14:25:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/mesas/forestal/sessions',
    body: {
      sessionId: 'forestal-intersesion-2015-10-14',
      type: 'inter_session',
      heldOn: '2015-10-14',
      attendees: ['forestal-equipo-produce', 'forestal-serfor', 'forestal-osinfor'],
      problemIds: ['forestal-serfor-osinfor-informacion'],
      summary: 'SERFOR y OSINFOR acuerdan el intercambio y la publicación de su información.',
      occurredAt: '2015-10-14T20:00:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/mesas/textil/sessions',
    body: {
      sessionId: 'textil-2015-10-15',
      type: 'regular',
      heldOn: '2015-10-15',
      attendees: ['textil-equipo', 'textil-sni', 'textil-adex', 'textil-itp'],
      summary:
        'Sesión ordinaria: los participantes reportan avances de la matriz de problemas y soluciones.',
      occurredAt: '2015-10-15T14:00:00Z',
    },
  },
  sesionOrdinariaForestal('2015-10-15', FORESTAL_PLENO_2015_04_09, AGENDA_FORESTAL_2015_10_01),
  {
    as: 'coordinator',
    path: '/problems/textil-formacion-tecnica/classify',
    body: {
      ownership: 'MP',
      rootCause: 'capacity',
      sessionId: 'textil-2015-10-15',
      occurredAt: '2015-10-15T14:20:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/problems/textil-formacion-tecnica/filter',
    body: {
      decision: 'accepted',
      sessionId: 'textil-2015-10-15',
      occurredAt: '2015-10-15T14:21:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/problems/textil-formacion-tecnica/prioritize',
    body: { rank: 1, sessionId: 'textil-2015-10-15', occurredAt: '2015-10-15T14:22:00Z' },
  },
  {
    as: 'coordinator',
    path: '/problems/textil-formacion-tecnica/solutions',
    body: {
      text: 'Diseñar con las empresas un programa de formación técnica específico para confección, dictado por la red CITE.',
      sessionId: 'textil-2015-10-15',
      occurredAt: '2015-10-15T14:23:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/problems/textil-formacion-tecnica/tasks',
    body: {
      taskId: 'formacion-programa',
      title: 'Diseñar el programa de formación técnica en confección',
      responsibleEntity: 'ITP',
      dueOn: '2016-03-31',
      sessionId: 'textil-2015-10-15',
      occurredAt: '2015-10-15T14:24:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/problems/forestal-nuevas-concesiones/tasks',
    body: {
      taskId: 'concesiones-primera-en-14-anos',
      title: 'Otorgar la primera concesión forestal en 14 años',
      responsibleEntity: 'SERFOR',
      dueOn: '2016-06-30',
      sessionId: 'forestal-2015-10-15',
      occurredAt: '2015-10-15T14:40:00Z',
    },
  },
  sesionOrdinariaForestal('2015-10-22', FORESTAL_PLENO_2015_04_09, AGENDA_FORESTAL_2015_10_01),
  {
    as: 'coordinator',
    path: '/mesas/acuicola/sessions',
    body: {
      sessionId: 'acuicola-2015-10-22',
      type: 'regular',
      heldOn: '2015-10-22',
      attendees: [
        'acuicola-equipo',
        'acuicola-snp',
        'acuicola-sanipes',
        'acuicola-produce',
        'acuicola-itp',
      ],
      problemIds: [
        'acuicola-acceso-sanitario',
        'acuicola-tramites-derechos',
        'acuicola-inversion-id',
      ],
      summary: 'Reporte de avances.',
      occurredAt: '2015-10-22T14:00:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/problems/acuicola-acceso-sanitario/tasks/sanitario-plazos-habilitacion/deadline',
    body: {
      dueOn: '2016-03-31',
      reason: 'La reducción de plazos requiere modificar el TUPA de SANIPES.',
      sessionId: 'acuicola-2015-10-22',
      occurredAt: '2015-10-22T14:20:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/problems/forestal-serfor-osinfor-informacion/tasks/informacion-intercambio/complete',
    body: {
      outcome:
        'SERFOR y OSINFOR publican en sus portales concesiones, permisos, supervisión y sanciones.',
      sessionId: 'forestal-2015-10-22',
      occurredAt: '2015-10-22T14:35:00Z',
    },
  },
  sesionOrdinariaForestal('2015-10-29', FORESTAL_PLENO_2015_04_09, AGENDA_FORESTAL_2015_10_01),
  {
    as: 'coordinator',
    path: '/problems/forestal-registro-plantaciones/tasks/registro-implementacion/progress',
    body: {
      note: 'SERFOR aprobó el formato único de inscripción y capacitó a las oficinas regionales.',
      sessionId: 'forestal-2015-10-29',
      occurredAt: '2015-10-29T14:25:00Z',
    },
  },

  // ─── 2015-11 ───
  sesionOrdinariaForestal('2015-11-05', FORESTAL_PLENO_2015_04_09, AGENDA_FORESTAL_2015_10_01),
  // GASTRONOMIA — sector. Paper: "gastronomical (December 2015)". Launch day assumed: 2015-12-10;
  //   cadenceDays 14 assumed.
  {
    as: 'coordinator',
    path: '/mesas',
    body: {
      mesaId: 'gastronomia',
      name: 'Mesa Ejecutiva de Gastronomía',
      kind: 'sector',
      scope: 'Gastronomía: restaurantes, cadena de proveedores de insumos y servicios asociados',
      level: 'national',
      convener: 'PRODUCE',
      cadenceDays: 14,
      occurredAt: '2015-11-05T15:00:00Z',
    },
  },
  sesionOrdinariaForestal('2015-11-12', FORESTAL_PLENO_2015_04_09, AGENDA_FORESTAL_2015_10_01),
  {
    as: 'coordinator',
    path: '/problems/forestal-financiamiento-largo-plazo/tasks/financiamiento-fondo-cofide/progress',
    body: {
      note: 'Las primeras instituciones financieras firmaron convenios con COFIDE; el reglamento permite usar la producción forestal como garantía.',
      sessionId: 'forestal-2015-11-12',
      occurredAt: '2015-11-12T14:35:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/mesas/forestal/sessions',
    body: {
      sessionId: 'forestal-2015-11-19',
      type: 'regular',
      heldOn: '2015-11-19',
      attendees: FORESTAL_PLENO_2015_04_09,
      problemIds: AGENDA_FORESTAL_2015_10_01,
      summary:
        'SERFOR reporta las primeras inscripciones de plantaciones en 3 días; la madera de plantaciones ya no requiere permiso de extracción.',
      occurredAt: '2015-11-19T14:00:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/problems/forestal-registro-plantaciones/tasks/registro-implementacion/complete',
    body: {
      outcome: 'Las primeras plantaciones se inscribieron en 3 días.',
      sessionId: 'forestal-2015-11-19',
      occurredAt: '2015-11-19T14:25:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/problems/forestal-registro-plantaciones/resolve',
    body: {
      outcome:
        'Los propietarios inscriben sus plantaciones en 3 días; antes tomaba de 6 a 12 meses.',
      sessionId: 'forestal-2015-11-19',
      occurredAt: '2015-11-19T14:26:00Z',
    },
  },
  // Impact: before = midpoint of "6 to 12 months" = 9 months × 30 days = 270 days; after = 3 days.
  {
    as: 'coordinator',
    path: '/problems/forestal-registro-plantaciones/impact',
    body: {
      indicator: 'Plazo de inscripción de una plantación forestal',
      unit: 'días',
      before: 270,
      after: 3,
      occurredAt: '2015-11-19T14:27:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/problems/forestal-permisos-extraccion/resolve',
    body: {
      outcome:
        'La madera de plantaciones inscritas se extrae sin permiso; antes el trámite tomaba de 4 a 8 meses.',
      sessionId: 'forestal-2015-11-19',
      occurredAt: '2015-11-19T14:30:00Z',
    },
  },
  // Impact: before = midpoint of "4 to 8 months" = 6 months × 30 days = 180 days; after = 0 (no
  //   permit needed).
  {
    as: 'coordinator',
    path: '/problems/forestal-permisos-extraccion/impact',
    body: {
      indicator: 'Plazo para obtener autorización de extracción de madera de plantaciones',
      unit: 'días',
      before: 180,
      after: 0,
      occurredAt: '2015-11-19T14:31:00Z',
    },
  },
  sesionOrdinariaForestal('2015-11-26', FORESTAL_PLENO_2015_04_09, AGENDA_FORESTAL_2015_11_26),
  {
    as: 'coordinator',
    path: '/mesas/gastronomia/viability',
    body: {
      viable: true,
      notes:
        'El gremio gastronómico está organizado y con agenda propia; DIGESA y PROMPERÚ dispuestos a participar.',
      occurredAt: '2015-11-26T16:00:00Z',
    },
  },

  // ─── 2015-12 ───
  sesionOrdinariaForestal('2015-12-03', FORESTAL_PLENO_2015_04_09, AGENDA_FORESTAL_2015_11_26),
  {
    as: 'coordinator',
    path: '/mesas/gastronomia/launch',
    body: { occurredAt: '2015-12-10T13:30:00Z' },
  },
  {
    as: 'coordinator',
    path: '/mesas/gastronomia/participants',
    body: {
      participantId: 'gastronomia-equipo',
      name: 'Equipo dedicado de Mesas Ejecutivas',
      organisation: 'Ministerio de la Producción (PRODUCE)',
      role: 'dedicated_team',
      occurredAt: '2015-12-10T13:35:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/mesas/gastronomia/participants',
    body: {
      participantId: 'gastronomia-apega',
      name: 'Representante de APEGA',
      organisation: 'Sociedad Peruana de Gastronomía (APEGA)',
      role: 'private',
      occurredAt: '2015-12-10T13:36:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/mesas/gastronomia/participants',
    body: {
      participantId: 'gastronomia-digesa',
      name: 'Representante de DIGESA',
      organisation: 'Dirección General de Salud Ambiental (DIGESA)',
      role: 'public',
      occurredAt: '2015-12-10T13:37:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/mesas/gastronomia/participants',
    body: {
      participantId: 'gastronomia-promperu',
      name: 'Representante de PROMPERÚ',
      organisation: 'Comisión de Promoción del Perú para la Exportación y el Turismo (PROMPERÚ)',
      role: 'public',
      occurredAt: '2015-12-10T13:38:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/mesas/gastronomia/sessions',
    body: {
      sessionId: 'gastronomia-2015-12-10',
      type: 'regular',
      heldOn: '2015-12-10',
      attendees: [
        'gastronomia-equipo',
        'gastronomia-apega',
        'gastronomia-digesa',
        'gastronomia-promperu',
      ],
      summary:
        'Instalación de la mesa: presentación de la metodología y primer inventario de problemas del sector.',
      occurredAt: '2015-12-10T14:00:00Z',
    },
  },
  sesionOrdinariaForestal('2015-12-10', FORESTAL_PLENO_2015_04_09, AGENDA_FORESTAL_2015_11_26),
  {
    as: 'coordinator',
    path: '/problems/forestal-serfor-osinfor-informacion/tasks/informacion-rezago/deadline',
    body: {
      dueOn: '2016-01-29',
      reason: 'Los expedientes presentados con el nuevo reglamento elevaron la carga.',
      sessionId: 'forestal-2015-12-10',
      occurredAt: '2015-12-10T14:35:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/problems/forestal-tribunal-forestal/tasks/tribunal-conformacion/deadline',
    body: {
      dueOn: '2016-04-29',
      reason: 'El proceso de selección de vocales requiere más tiempo del previsto.',
      sessionId: 'forestal-2015-12-10',
      occurredAt: '2015-12-10T14:50:00Z',
    },
  },
  sesionOrdinariaForestal('2015-12-17', FORESTAL_PLENO_2015_04_09, AGENDA_FORESTAL_2015_11_26),
  {
    as: 'coordinator',
    path: '/problems/forestal-cite-ensayos/tasks/cite-creacion/complete',
    body: {
      outcome: 'Se creó el CITE Forestal Pucallpa.',
      sessionId: 'forestal-2015-12-17',
      occurredAt: '2015-12-17T14:30:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/problems/forestal-cite-ensayos/tasks',
    body: {
      taskId: 'cite-expediente-tecnico',
      title: 'Elaborar el expediente técnico de las instalaciones y laboratorios',
      responsibleEntity: 'ITP',
      dueOn: '2016-06-30',
      sessionId: 'forestal-2015-12-17',
      occurredAt: '2015-12-17T14:31:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/problems/forestal-financiamiento-largo-plazo/tasks/financiamiento-fondo-cofide/deadline',
    body: {
      dueOn: '2016-03-31',
      reason: 'Las instituciones financieras necesitan más tiempo para evaluar el riesgo forestal.',
      sessionId: 'forestal-2015-12-17',
      occurredAt: '2015-12-17T14:35:00Z',
    },
  },
  sesionOrdinariaForestal('2015-12-24', FORESTAL_PLENO_2015_04_09, AGENDA_FORESTAL_2015_11_26),
  sesionOrdinariaForestal('2015-12-31', FORESTAL_PLENO_2015_04_09, AGENDA_FORESTAL_2015_11_26),

  // ─── 2016-01 ───
  {
    as: 'coordinator',
    path: '/mesas/gastronomia/sessions',
    body: {
      sessionId: 'gastronomia-2016-01-07',
      type: 'regular',
      heldOn: '2016-01-07',
      attendees: [
        'gastronomia-equipo',
        'gastronomia-apega',
        'gastronomia-digesa',
        'gastronomia-promperu',
      ],
      summary:
        'Sesión ordinaria: los participantes reportan avances de la matriz de problemas y soluciones.',
      occurredAt: '2016-01-07T14:00:00Z',
    },
  },
  sesionOrdinariaForestal('2016-01-07', FORESTAL_PLENO_2015_04_09, AGENDA_FORESTAL_2015_11_26),
  // San Martín and Huánuco: the two regions the paper names for the forest land cadaster.
  {
    as: 'coordinator',
    path: '/mesas/forestal/participants',
    body: {
      participantId: 'forestal-gore-san-martin',
      name: 'Representante del Gobierno Regional de San Martín',
      organisation: 'Gobierno Regional de San Martín',
      role: 'public',
      occurredAt: '2016-01-14T13:50:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/mesas/forestal/participants',
    body: {
      participantId: 'forestal-gore-huanuco',
      name: 'Representante del Gobierno Regional de Huánuco',
      organisation: 'Gobierno Regional de Huánuco',
      role: 'public',
      occurredAt: '2016-01-14T13:51:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/mesas/forestal/sessions',
    body: {
      sessionId: 'forestal-2016-01-14',
      type: 'regular',
      heldOn: '2016-01-14',
      attendees: FORESTAL_PLENO_2016_01_14,
      problemIds: AGENDA_FORESTAL_2015_11_26,
      summary:
        'Se incorporan los gobiernos regionales de San Martín y Huánuco para el catastro forestal.',
      occurredAt: '2016-01-14T14:00:00Z',
    },
  },
  // Paper: "In plantations, the most important [challenge] is to increase the supply of readily
  //   available land"; the cadaster with San Martín and Huánuco is "underway" — OPEN.
  {
    as: 'coordinator',
    path: '/mesas/forestal/problems',
    body: {
      problemId: 'forestal-catastro-forestal',
      title: 'Falta tierra disponible para plantaciones: no hay catastro forestal',
      description:
        'Hay cerca de nueve millones de hectáreas potencialmente reforestables, pero sin zonificación ni catastro forestal el inversionista no encuentra tierra disponible con seguridad jurídica.',
      barrier: 'infrastructure',
      raisedBy: 'forestal-cnf',
      sessionId: 'forestal-2016-01-14',
      occurredAt: '2016-01-14T14:40:00Z',
    },
  },
  // LOGISTICA — factor (transversal). Paper: "logistics (Feb. 2016)". Launch day assumed:
  //   2016-02-18; cadenceDays 14 assumed.
  {
    as: 'coordinator',
    path: '/mesas',
    body: {
      mesaId: 'logistica',
      name: 'Mesa Ejecutiva de Logística',
      kind: 'factor',
      scope:
        'Logística de comercio exterior y distribución: transporte de carga, puertos, aeropuertos, almacenes y aduanas',
      level: 'national',
      convener: 'PRODUCE',
      cadenceDays: 14,
      occurredAt: '2016-01-14T15:00:00Z',
    },
  },
  sesionOrdinariaForestal('2016-01-21', FORESTAL_PLENO_2016_01_14, AGENDA_FORESTAL_2015_11_26),
  {
    as: 'coordinator',
    path: '/problems/forestal-catastro-forestal/classify',
    body: {
      ownership: 'MP',
      rootCause: 'capacity',
      sessionId: 'forestal-2016-01-21',
      occurredAt: '2016-01-21T14:40:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/problems/forestal-catastro-forestal/filter',
    body: {
      decision: 'accepted',
      sessionId: 'forestal-2016-01-21',
      occurredAt: '2016-01-21T14:41:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/problems/forestal-catastro-forestal/prioritize',
    body: { rank: 2, sessionId: 'forestal-2016-01-21', occurredAt: '2016-01-21T14:42:00Z' },
  },
  {
    as: 'coordinator',
    path: '/problems/forestal-catastro-forestal/solutions',
    body: {
      text: 'Elaborar el catastro forestal con los gobiernos regionales de San Martín y Huánuco, y luego con Loreto, Madre de Dios y Ucayali; SERFOR integra una base de datos única y sistematizada.',
      sessionId: 'forestal-2016-01-21',
      occurredAt: '2016-01-21T14:43:00Z',
    },
  },
  sesionOrdinariaForestal('2016-01-28', FORESTAL_PLENO_2016_01_14, AGENDA_FORESTAL_2016_01_28),
  {
    as: 'coordinator',
    path: '/problems/forestal-serfor-osinfor-informacion/tasks/informacion-rezago/complete',
    body: {
      outcome: 'El rezago de expedientes bajó a casi cero.',
      sessionId: 'forestal-2016-01-28',
      occurredAt: '2016-01-28T14:35:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/problems/forestal-serfor-osinfor-informacion/tasks',
    body: {
      taskId: 'informacion-auditorias',
      title:
        'Poner en marcha el sistema de información de las auditorías quinquenales y mejorar el régimen de infracciones y sanciones',
      responsibleEntity: 'OSINFOR',
      dueOn: '2016-04-29',
      sessionId: 'forestal-2016-01-28',
      occurredAt: '2016-01-28T14:36:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/problems/forestal-catastro-forestal/tasks',
    body: {
      taskId: 'catastro-san-martin',
      title: 'Elaborar el catastro forestal de San Martín',
      responsibleEntity: 'GORE-SAN-MARTIN',
      dueOn: '2016-09-30',
      sessionId: 'forestal-2016-01-28',
      occurredAt: '2016-01-28T14:40:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/problems/forestal-catastro-forestal/tasks',
    body: {
      taskId: 'catastro-huanuco',
      title: 'Elaborar el catastro forestal de Huánuco',
      responsibleEntity: 'GORE-HUANUCO',
      dueOn: '2016-09-30',
      sessionId: 'forestal-2016-01-28',
      occurredAt: '2016-01-28T14:41:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/problems/forestal-catastro-forestal/tasks',
    body: {
      taskId: 'catastro-base-integrada',
      title: 'Preparar una base de datos única, integrada y sistematizada del catastro forestal',
      responsibleEntity: 'SERFOR',
      dueOn: '2016-12-30',
      sessionId: 'forestal-2016-01-28',
      occurredAt: '2016-01-28T14:42:00Z',
    },
  },

  // ─── 2016-02 ───
  {
    as: 'coordinator',
    path: '/mesas/forestal/sessions',
    body: {
      sessionId: 'forestal-intersesion-2016-02-03',
      type: 'inter_session',
      heldOn: '2016-02-03',
      attendees: [
        'forestal-equipo-produce',
        'forestal-serfor',
        'forestal-gore-san-martin',
        'forestal-gore-huanuco',
      ],
      problemIds: ['forestal-catastro-forestal'],
      summary: 'Plan de trabajo del catastro forestal con San Martín y Huánuco.',
      occurredAt: '2016-02-03T20:00:00Z',
    },
  },
  sesionOrdinariaForestal('2016-02-04', FORESTAL_PLENO_2016_01_14, AGENDA_FORESTAL_2016_01_28),
  {
    as: 'coordinator',
    path: '/mesas/logistica/viability',
    body: {
      viable: true,
      notes:
        'Operadores y exportadores con cuellos de botella comunes; MTC, APN y SUNAT dispuestos a coordinar entre sí.',
      occurredAt: '2016-02-04T16:00:00Z',
    },
  },
  sesionOrdinariaForestal('2016-02-11', FORESTAL_PLENO_2016_01_14, AGENDA_FORESTAL_2016_01_28),
  // A "your problem" (YP): firms' own productivity, kept on the list at low priority. Paper: Brazil
  //   extracts 20–27 m³/ha vs Peru's 4–5, and Peru takes only 30–50% of it vs 70–90% in Finland.
  {
    as: 'coordinator',
    path: '/mesas/forestal/problems',
    body: {
      problemId: 'forestal-productividad-concesiones',
      title: 'Baja productividad en concesiones: 4-5 m³/ha frente a 20-27 en Brasil',
      description:
        'Los operadores extraen 4-5 m³ por hectárea y aprovechan solo 30-50% del volumen, frente a 70-90% en Finlandia.',
      barrier: 'innovation',
      raisedBy: 'forestal-serfor',
      sessionId: 'forestal-2016-02-11',
      occurredAt: '2016-02-11T14:40:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/mesas/logistica/launch',
    body: { occurredAt: '2016-02-18T13:30:00Z' },
  },
  {
    as: 'coordinator',
    path: '/mesas/logistica/participants',
    body: {
      participantId: 'logistica-equipo',
      name: 'Equipo dedicado de Mesas Ejecutivas',
      organisation: 'Ministerio de la Producción (PRODUCE)',
      role: 'dedicated_team',
      occurredAt: '2016-02-18T13:35:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/mesas/logistica/participants',
    body: {
      participantId: 'logistica-comexperu',
      name: 'Representante de COMEXPERU',
      organisation: 'Sociedad de Comercio Exterior del Perú (COMEXPERU)',
      role: 'private',
      occurredAt: '2016-02-18T13:36:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/mesas/logistica/participants',
    body: {
      participantId: 'logistica-mtc',
      name: 'Representante del MTC',
      organisation: 'Ministerio de Transportes y Comunicaciones (MTC)',
      role: 'public',
      occurredAt: '2016-02-18T13:37:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/mesas/logistica/participants',
    body: {
      participantId: 'logistica-sunat',
      name: 'Representante de SUNAT (Aduanas)',
      organisation: 'Superintendencia Nacional de Aduanas y de Administración Tributaria (SUNAT)',
      role: 'public',
      occurredAt: '2016-02-18T13:38:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/mesas/logistica/sessions',
    body: {
      sessionId: 'logistica-2016-02-18',
      type: 'regular',
      heldOn: '2016-02-18',
      attendees: ['logistica-equipo', 'logistica-comexperu', 'logistica-mtc', 'logistica-sunat'],
      summary:
        'Instalación de la mesa: presentación de la metodología y primer inventario de cuellos de botella logísticos.',
      occurredAt: '2016-02-18T14:00:00Z',
    },
  },
  sesionOrdinariaForestal('2016-02-18', FORESTAL_PLENO_2016_01_14, AGENDA_FORESTAL_2016_01_28),
  {
    as: 'coordinator',
    path: '/problems/forestal-productividad-concesiones/classify',
    body: {
      ownership: 'YP',
      rootCause: 'unknown',
      sessionId: 'forestal-2016-02-18',
      occurredAt: '2016-02-18T14:40:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/problems/forestal-productividad-concesiones/filter',
    body: {
      decision: 'accepted',
      sessionId: 'forestal-2016-02-18',
      occurredAt: '2016-02-18T14:41:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/problems/forestal-productividad-concesiones/prioritize',
    body: { rank: 11, sessionId: 'forestal-2016-02-18', occurredAt: '2016-02-18T14:42:00Z' },
  },
  {
    as: 'coordinator',
    path: '/problems/forestal-productividad-concesiones/solutions',
    body: {
      text: 'Los operadores mejoran sus prácticas de aprovechamiento y transformación; el CITE Forestal Pucallpa ofrece asistencia técnica en aserrío y secado.',
      sessionId: 'forestal-2016-02-18',
      occurredAt: '2016-02-18T14:43:00Z',
    },
  },
  sesionOrdinariaForestal('2016-02-25', FORESTAL_PLENO_2016_01_14, AGENDA_FORESTAL_2016_01_28),
  {
    as: 'coordinator',
    path: '/problems/forestal-permisos-exportacion/tasks/exportacion-simplificacion/complete',
    body: {
      outcome: 'Nuevo esquema de permisos de exportación simplificado en operación.',
      sessionId: 'forestal-2016-02-25',
      occurredAt: '2016-02-25T14:40:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/problems/forestal-permisos-exportacion/resolve',
    body: {
      outcome: 'El esquema de permisos de exportación forestal se simplificó drásticamente.',
      sessionId: 'forestal-2016-02-25',
      occurredAt: '2016-02-25T14:41:00Z',
    },
  },

  // ─── 2016-03 ───
  {
    as: 'coordinator',
    path: '/mesas/logistica/sessions',
    body: {
      sessionId: 'logistica-2016-03-03',
      type: 'regular',
      heldOn: '2016-03-03',
      attendees: ['logistica-equipo', 'logistica-comexperu', 'logistica-mtc', 'logistica-sunat'],
      summary:
        'Sesión ordinaria: los participantes reportan avances de la matriz de problemas y soluciones.',
      occurredAt: '2016-03-03T14:00:00Z',
    },
  },
  sesionOrdinariaForestal('2016-03-03', FORESTAL_PLENO_2016_01_14, AGENDA_FORESTAL_2016_01_28),
  {
    as: 'coordinator',
    path: '/problems/forestal-productividad-concesiones/tasks',
    body: {
      taskId: 'productividad-asistencia-cite',
      title: 'Programa de transferencia tecnológica en aserrío y secado para pymes',
      responsibleEntity: 'ITP',
      dueOn: '2016-12-30',
      sessionId: 'forestal-2016-03-03',
      occurredAt: '2016-03-03T14:40:00Z',
    },
  },
  sesionOrdinariaForestal('2016-03-10', FORESTAL_PLENO_2016_01_14, AGENDA_FORESTAL_2016_01_28),
  // Paper: in concessions "there is still over-regulation"; legality at the origin needs OSINFOR
  //   prior inspections, traceability, regional offices certifying guides, and a comprehensive
  //   illegal-logging law.
  {
    as: 'coordinator',
    path: '/mesas/forestal/problems',
    body: {
      problemId: 'forestal-legalidad-trazabilidad',
      title: 'Sobrerregulación en concesiones y legalidad de la madera en origen',
      description:
        'No hay certeza sobre la legalidad de la madera en el bosque: faltan supervisiones previas, trazabilidad y oficinas regionales que certifiquen las guías de transporte.',
      barrier: 'regulation',
      raisedBy: 'forestal-adex',
      sessionId: 'forestal-2016-03-10',
      occurredAt: '2016-03-10T14:40:00Z',
    },
  },
  // AGROEXPORTACION — sector. Paper: "agroexports (April 2016)". Launch day assumed: 2016-04-14;
  //   cadenceDays 14 assumed.
  {
    as: 'coordinator',
    path: '/mesas',
    body: {
      mesaId: 'agroexportacion',
      name: 'Mesa Ejecutiva de Agroexportación',
      kind: 'sector',
      scope: 'Agroexportación: frutas y hortalizas frescas y procesadas para mercados externos',
      level: 'national',
      convener: 'PRODUCE',
      cadenceDays: 14,
      occurredAt: '2016-03-10T15:00:00Z',
    },
  },
  sesionOrdinariaForestal('2016-03-17', FORESTAL_PLENO_2016_01_14, AGENDA_FORESTAL_2016_01_28),
  {
    as: 'coordinator',
    path: '/problems/forestal-legalidad-trazabilidad/classify',
    body: {
      ownership: 'MP',
      rootCause: 'implementation',
      sessionId: 'forestal-2016-03-17',
      occurredAt: '2016-03-17T14:40:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/problems/forestal-legalidad-trazabilidad/filter',
    body: {
      decision: 'accepted',
      sessionId: 'forestal-2016-03-17',
      occurredAt: '2016-03-17T14:41:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/problems/forestal-legalidad-trazabilidad/prioritize',
    body: { rank: 3, sessionId: 'forestal-2016-03-17', occurredAt: '2016-03-17T14:42:00Z' },
  },
  {
    as: 'coordinator',
    path: '/problems/forestal-legalidad-trazabilidad/solutions',
    body: {
      text: 'OSINFOR supervisa los planes de manejo antes del aprovechamiento; trazabilidad desde el bosque; oficinas regionales fortalecidas certifican las guías; ajuste integral de la norma sobre tala ilegal.',
      sessionId: 'forestal-2016-03-17',
      occurredAt: '2016-03-17T14:43:00Z',
    },
  },
  sesionOrdinariaForestal('2016-03-31', FORESTAL_PLENO_2016_01_14, AGENDA_FORESTAL_2016_03_31),
  {
    as: 'coordinator',
    path: '/problems/forestal-financiamiento-largo-plazo/tasks/financiamiento-fondo-cofide/complete',
    body: {
      outcome: 'El fondo está operativo y se otorgaron los primeros créditos forestales.',
      sessionId: 'forestal-2016-03-31',
      occurredAt: '2016-03-31T14:35:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/problems/forestal-legalidad-trazabilidad/tasks',
    body: {
      taskId: 'legalidad-supervision-previa',
      title: 'Supervisar los planes de manejo antes del aprovechamiento',
      responsibleEntity: 'OSINFOR',
      dueOn: '2016-10-31',
      sessionId: 'forestal-2016-03-31',
      occurredAt: '2016-03-31T14:40:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/mesas/agroexportacion/viability',
    body: {
      viable: true,
      notes:
        'Sector privado muy organizado y con demanda clara de acceso sanitario a mercados; SENASA y MINAGRI comprometidos.',
      occurredAt: '2016-03-31T16:00:00Z',
    },
  },

  // ─── 2016-04 ───
  sesionOrdinariaForestal('2016-04-07', FORESTAL_PLENO_2016_01_14, AGENDA_FORESTAL_2016_03_31),
  {
    as: 'coordinator',
    path: '/mesas/agroexportacion/launch',
    body: { occurredAt: '2016-04-14T13:30:00Z' },
  },
  {
    as: 'coordinator',
    path: '/mesas/agroexportacion/participants',
    body: {
      participantId: 'agroexportacion-equipo',
      name: 'Equipo dedicado de Mesas Ejecutivas',
      organisation: 'Ministerio de la Producción (PRODUCE)',
      role: 'dedicated_team',
      occurredAt: '2016-04-14T13:35:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/mesas/agroexportacion/participants',
    body: {
      participantId: 'agroexportacion-agap',
      name: 'Representante de AGAP',
      organisation: 'Asociación de Gremios Productores Agrarios del Perú (AGAP)',
      role: 'private',
      occurredAt: '2016-04-14T13:36:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/mesas/agroexportacion/participants',
    body: {
      participantId: 'agroexportacion-senasa',
      name: 'Representante de SENASA',
      organisation: 'Servicio Nacional de Sanidad Agraria (SENASA)',
      role: 'public',
      occurredAt: '2016-04-14T13:37:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/mesas/agroexportacion/participants',
    body: {
      participantId: 'agroexportacion-minagri',
      name: 'Representante del MINAGRI',
      organisation: 'Ministerio de Agricultura y Riego (MINAGRI)',
      role: 'public',
      occurredAt: '2016-04-14T13:38:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/mesas/agroexportacion/sessions',
    body: {
      sessionId: 'agroexportacion-2016-04-14',
      type: 'regular',
      heldOn: '2016-04-14',
      attendees: [
        'agroexportacion-equipo',
        'agroexportacion-agap',
        'agroexportacion-senasa',
        'agroexportacion-minagri',
      ],
      summary:
        'Instalación de la mesa: presentación de la metodología y primer inventario de problemas de acceso a mercados.',
      occurredAt: '2016-04-14T14:00:00Z',
    },
  },
  sesionOrdinariaForestal('2016-04-14', FORESTAL_PLENO_2016_01_14, AGENDA_FORESTAL_2016_03_31),
  // EMPRENDIMIENTO — factor (transversal). Paper: "high-impact entrepreneurship (May 2016)". Launch
  //   day assumed: 2016-05-19; cadenceDays 14 assumed.
  {
    as: 'coordinator',
    path: '/mesas',
    body: {
      mesaId: 'emprendimiento',
      name: 'Mesa Ejecutiva de Emprendimiento de Alto Impacto',
      kind: 'factor',
      scope:
        'Emprendimiento innovador de alto impacto: startups, capital semilla, incubadoras y aceleradoras',
      level: 'national',
      convener: 'PRODUCE',
      cadenceDays: 14,
      occurredAt: '2016-04-14T15:00:00Z',
    },
  },
  sesionOrdinariaForestal('2016-04-21', FORESTAL_PLENO_2016_01_14, AGENDA_FORESTAL_2016_03_31),
  {
    as: 'coordinator',
    path: '/problems/forestal-serfor-osinfor-informacion/tasks/informacion-auditorias/complete',
    body: {
      outcome:
        'Sistema de auditorías quinquenales en operación y régimen de infracciones y sanciones mejorado.',
      sessionId: 'forestal-2016-04-21',
      occurredAt: '2016-04-21T14:35:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/problems/forestal-serfor-osinfor-informacion/resolve',
    body: {
      outcome:
        'SERFOR y OSINFOR coordinan y publican su información y el rezago de trámites es casi cero.',
      sessionId: 'forestal-2016-04-21',
      occurredAt: '2016-04-21T14:36:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/mesas/agroexportacion/sessions',
    body: {
      sessionId: 'agroexportacion-2016-04-28',
      type: 'regular',
      heldOn: '2016-04-28',
      attendees: [
        'agroexportacion-equipo',
        'agroexportacion-agap',
        'agroexportacion-senasa',
        'agroexportacion-minagri',
      ],
      summary:
        'Sesión ordinaria: los participantes reportan avances de la matriz de problemas y soluciones.',
      occurredAt: '2016-04-28T14:00:00Z',
    },
  },
  sesionOrdinariaForestal('2016-04-28', FORESTAL_PLENO_2016_01_14, AGENDA_FORESTAL_2016_03_31),
  {
    as: 'coordinator',
    path: '/problems/forestal-tribunal-forestal/tasks/tribunal-conformacion/complete',
    body: {
      outcome: 'Vocales designados y reglamento interno aprobado.',
      sessionId: 'forestal-2016-04-28',
      occurredAt: '2016-04-28T14:50:00Z',
    },
  },

  // ─── 2016-05 ───
  sesionOrdinariaForestal('2016-05-05', FORESTAL_PLENO_2016_01_14, AGENDA_FORESTAL_2016_03_31),
  {
    as: 'coordinator',
    path: '/mesas/emprendimiento/viability',
    body: {
      viable: true,
      notes:
        'Ecosistema emprendedor con actores identificados; Innóvate Perú (PRODUCE) puede entregar instrumentos de apoyo.',
      occurredAt: '2016-05-05T16:00:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/mesas/forestal/sessions',
    body: {
      sessionId: 'forestal-2016-05-12',
      type: 'regular',
      heldOn: '2016-05-12',
      attendees: FORESTAL_PLENO_2016_01_14,
      problemIds: AGENDA_FORESTAL_2016_03_31,
      summary: 'OSINFOR informa la conformación del Tribunal Forestal y de Fauna Silvestre.',
      occurredAt: '2016-05-12T14:00:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/problems/forestal-tribunal-forestal/resolve',
    body: {
      outcome:
        'Se conformó el Tribunal Forestal y de Fauna Silvestre, pendiente durante ocho años.',
      sessionId: 'forestal-2016-05-12',
      occurredAt: '2016-05-12T14:50:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/mesas/emprendimiento/launch',
    body: { occurredAt: '2016-05-19T13:30:00Z' },
  },
  {
    as: 'coordinator',
    path: '/mesas/emprendimiento/participants',
    body: {
      participantId: 'emprendimiento-equipo',
      name: 'Equipo dedicado de Mesas Ejecutivas',
      organisation: 'Ministerio de la Producción (PRODUCE)',
      role: 'dedicated_team',
      occurredAt: '2016-05-19T13:35:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/mesas/emprendimiento/participants',
    body: {
      participantId: 'emprendimiento-incubadoras',
      name: 'Representante de incubadoras y aceleradoras',
      organisation: 'Incubadoras y aceleradoras de negocios del ecosistema emprendedor',
      role: 'private',
      occurredAt: '2016-05-19T13:36:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/mesas/emprendimiento/participants',
    body: {
      participantId: 'emprendimiento-innovate',
      name: 'Representante de Innóvate Perú',
      organisation:
        'Programa Nacional de Innovación para la Competitividad y Productividad (Innóvate Perú), PRODUCE',
      role: 'public',
      occurredAt: '2016-05-19T13:37:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/mesas/emprendimiento/sessions',
    body: {
      sessionId: 'emprendimiento-2016-05-19',
      type: 'regular',
      heldOn: '2016-05-19',
      attendees: ['emprendimiento-equipo', 'emprendimiento-incubadoras', 'emprendimiento-innovate'],
      summary:
        'Instalación de la mesa: presentación de la metodología y primer inventario de problemas del ecosistema emprendedor.',
      occurredAt: '2016-05-19T14:00:00Z',
    },
  },
  sesionOrdinariaForestal('2016-05-19', FORESTAL_PLENO_2016_01_14, AGENDA_FORESTAL_2016_03_31),
  sesionOrdinariaForestal('2016-05-26', FORESTAL_PLENO_2016_01_14, AGENDA_FORESTAL_2016_03_31),
  {
    as: 'coordinator',
    path: '/problems/forestal-catastro-forestal/tasks/catastro-san-martin/progress',
    body: {
      note: 'San Martín culminó la zonificación forestal preliminar de dos provincias.',
      sessionId: 'forestal-2016-05-26',
      occurredAt: '2016-05-26T14:40:00Z',
    },
  },

  // ─── 2016-06 ───
  {
    as: 'coordinator',
    path: '/mesas/emprendimiento/sessions',
    body: {
      sessionId: 'emprendimiento-2016-06-02',
      type: 'regular',
      heldOn: '2016-06-02',
      attendees: ['emprendimiento-equipo', 'emprendimiento-incubadoras', 'emprendimiento-innovate'],
      summary:
        'Sesión ordinaria: los participantes reportan avances de la matriz de problemas y soluciones.',
      occurredAt: '2016-06-02T14:00:00Z',
    },
  },
  sesionOrdinariaForestal('2016-06-02', FORESTAL_PLENO_2016_01_14, AGENDA_FORESTAL_2016_03_31),
  sesionOrdinariaForestal('2016-06-09', FORESTAL_PLENO_2016_01_14, AGENDA_FORESTAL_2016_03_31),
  {
    as: 'coordinator',
    path: '/problems/forestal-legalidad-trazabilidad/tasks/legalidad-supervision-previa/progress',
    body: {
      note: 'OSINFOR aprobó el protocolo de supervisión previa y lo aplica en Ucayali.',
      sessionId: 'forestal-2016-06-09',
      occurredAt: '2016-06-09T14:40:00Z',
    },
  },
  sesionOrdinariaForestal('2016-06-16', FORESTAL_PLENO_2016_01_14, AGENDA_FORESTAL_2016_03_31),
  {
    as: 'coordinator',
    path: '/mesas/forestal/sessions',
    body: {
      sessionId: 'forestal-2016-06-23',
      type: 'regular',
      heldOn: '2016-06-23',
      attendees: FORESTAL_PLENO_2016_01_14,
      problemIds: AGENDA_FORESTAL_2016_03_31,
      summary:
        'COFIDE reporta créditos forestales otorgados o por otorgar por S/ 180 millones, a 8 años.',
      occurredAt: '2016-06-23T14:00:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/problems/forestal-financiamiento-largo-plazo/resolve',
    body: {
      outcome:
        'Hay financiamiento forestal de largo plazo: créditos a 8 años a tasas de un dígito bajo, antes inexistentes.',
      sessionId: 'forestal-2016-06-23',
      occurredAt: '2016-06-23T14:35:00Z',
    },
  },
  // Paper: "Loans have already been granted or about to be granted for Sol180 million", "low single
  //   digit rates (for 8y) vs. absolutely no LT financing before".
  {
    as: 'coordinator',
    path: '/problems/forestal-financiamiento-largo-plazo/impact',
    body: {
      indicator: 'Créditos forestales otorgados o por otorgar con el fondo COFIDE',
      unit: 'millones de soles',
      before: 0,
      after: 180,
      occurredAt: '2016-06-23T14:36:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/problems/forestal-financiamiento-largo-plazo/impact',
    body: {
      indicator: 'Plazo de los créditos forestales disponibles',
      unit: 'años',
      before: 0,
      after: 8,
      occurredAt: '2016-06-23T14:37:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/problems/forestal-nuevas-concesiones/tasks/concesiones-primera-en-14-anos/deadline',
    body: {
      dueOn: '2016-12-30',
      reason: 'Los gobiernos regionales aún adecúan sus procedimientos al nuevo reglamento.',
      sessionId: 'forestal-2016-06-23',
      occurredAt: '2016-06-23T14:40:00Z',
    },
  },
  sesionOrdinariaForestal('2016-06-30', FORESTAL_PLENO_2016_01_14, AGENDA_FORESTAL_2016_06_30),
  {
    as: 'coordinator',
    path: '/problems/forestal-cite-ensayos/tasks/cite-expediente-tecnico/complete',
    body: {
      outcome: 'Expediente técnico aprobado.',
      sessionId: 'forestal-2016-06-30',
      occurredAt: '2016-06-30T14:30:00Z',
    },
  },

  // ─── 2016-07 ───
  sesionOrdinariaForestal('2016-07-07', FORESTAL_PLENO_2016_01_14, AGENDA_FORESTAL_2016_06_30),
  {
    as: 'coordinator',
    path: '/problems/forestal-cite-ensayos/tasks',
    body: {
      taskId: 'cite-construccion',
      title: 'Iniciar la construcción de las instalaciones del CITE Forestal Pucallpa',
      responsibleEntity: 'ITP',
      dueOn: '2016-12-30',
      sessionId: 'forestal-2016-07-07',
      occurredAt: '2016-07-07T14:30:00Z',
    },
  },
  sesionOrdinariaForestal('2016-07-14', FORESTAL_PLENO_2016_01_14, AGENDA_FORESTAL_2016_06_30),
  {
    as: 'coordinator',
    path: '/problems/forestal-catastro-forestal/tasks/catastro-base-integrada/progress',
    body: {
      note: 'SERFOR definió el modelo de datos y recibe la información de San Martín y Huánuco.',
      sessionId: 'forestal-2016-07-14',
      occurredAt: '2016-07-14T14:40:00Z',
    },
  },
  sesionOrdinariaForestal('2016-07-21', FORESTAL_PLENO_2016_01_14, AGENDA_FORESTAL_2016_06_30),
  {
    as: 'coordinator',
    path: '/mesas/forestal/sessions',
    body: {
      sessionId: 'forestal-2016-07-26',
      type: 'regular',
      heldOn: '2016-07-26',
      attendees: FORESTAL_PLENO_2016_01_14,
      problemIds: AGENDA_FORESTAL_2016_06_30,
      summary:
        'Sesión extraordinaria, última de la gestión: balance de 19 meses de la mesa y matriz de pendientes para la nueva gestión.',
      occurredAt: '2016-07-26T14:00:00Z',
    },
  },

  // ─── 2016-08 ───
  // Change of government (28 July 2016): the new PRODUCE team keeps no dedicated team (paper,
  //   Conclusion).
  {
    as: 'coordinator',
    path: '/mesas/forestal/participants/forestal-equipo-produce/leave',
    body: {
      reason:
        'Cambio de gobierno: la nueva gestión de PRODUCE no mantiene un equipo dedicado a la mesa.',
      occurredAt: '2016-08-01T15:00:00Z',
    },
  },
  // August–December 2016: only 4 regular sessions in 5 months and no dedicated team (paper,
  //   Conclusion).
  {
    as: 'coordinator',
    path: '/mesas/forestal/sessions',
    body: {
      sessionId: 'forestal-2016-08-25',
      type: 'regular',
      heldOn: '2016-08-25',
      attendees: FORESTAL_PLENO_2016_08_25,
      problemIds: AGENDA_FORESTAL_2016_06_30,
      summary: 'Primera sesión de la nueva gestión de PRODUCE, sin equipo dedicado.',
      occurredAt: '2016-08-25T14:00:00Z',
    },
  },

  // ─── 2016-10 ───
  {
    as: 'coordinator',
    path: '/mesas/forestal/sessions',
    body: {
      sessionId: 'forestal-2016-10-06',
      type: 'regular',
      heldOn: '2016-10-06',
      attendees: FORESTAL_PLENO_2016_08_25,
      problemIds: AGENDA_FORESTAL_2016_06_30,
      summary:
        'Se reportan pocos avances; se reprograman plazos del catastro forestal y de la supervisión previa.',
      occurredAt: '2016-10-06T14:00:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/problems/forestal-catastro-forestal/tasks/catastro-san-martin/deadline',
    body: {
      dueOn: '2017-06-30',
      reason:
        'Casi sin avances desde agosto: la mesa ya no se reúne con frecuencia ni tiene equipo dedicado.',
      sessionId: 'forestal-2016-10-06',
      occurredAt: '2016-10-06T14:40:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/problems/forestal-catastro-forestal/tasks/catastro-huanuco/deadline',
    body: {
      dueOn: '2017-06-30',
      reason:
        'Casi sin avances desde agosto: la mesa ya no se reúne con frecuencia ni tiene equipo dedicado.',
      sessionId: 'forestal-2016-10-06',
      occurredAt: '2016-10-06T14:41:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/problems/forestal-legalidad-trazabilidad/tasks/legalidad-supervision-previa/deadline',
    body: {
      dueOn: '2017-06-30',
      reason:
        'Casi sin avances desde agosto: la mesa ya no se reúne con frecuencia ni tiene equipo dedicado.',
      sessionId: 'forestal-2016-10-06',
      occurredAt: '2016-10-06T14:42:00Z',
    },
  },

  // ─── 2016-11 ───
  {
    as: 'coordinator',
    path: '/mesas/forestal/sessions',
    body: {
      sessionId: 'forestal-2016-11-17',
      type: 'regular',
      heldOn: '2016-11-17',
      attendees: FORESTAL_PLENO_2016_08_25,
      problemIds: AGENDA_FORESTAL_2016_06_30,
      summary:
        'El Gobierno Regional de Ucayali informa que instaló una mesa ejecutiva regional forestal con participación de pequeños productores.',
      occurredAt: '2016-11-17T14:00:00Z',
    },
  },

  // ─── 2016-12 ───
  {
    as: 'coordinator',
    path: '/mesas/forestal/sessions',
    body: {
      sessionId: 'forestal-2016-12-15',
      type: 'regular',
      heldOn: '2016-12-15',
      attendees: FORESTAL_PLENO_2016_08_25,
      problemIds: AGENDA_FORESTAL_2016_06_30,
      summary:
        'Última sesión del año en PRODUCE; el sector privado pide trasladar la mesa al MINAGRI.',
      occurredAt: '2016-12-15T14:00:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/problems/forestal-cite-ensayos/tasks/cite-construccion/deadline',
    body: {
      dueOn: '2017-06-30',
      reason: 'Sin avances desde el cambio de gestión; falta asignar el presupuesto de obra.',
      sessionId: 'forestal-2016-12-15',
      occurredAt: '2016-12-15T14:30:00Z',
    },
  },

  // ─── 2017-02 ───
  // Paper: "the ME moved to the Ministry of Agriculture in February 2017", "due to private sector
  //   demand". Day assumed: 2017-02-15.
  {
    as: 'high_level',
    path: '/mesas/forestal/transfer',
    body: {
      convener: 'MINAGRI',
      reason:
        'A pedido del sector privado, tras casi no haber avances entre agosto de 2016 y enero de 2017, la mesa pasa al Ministerio de Agricultura y Riego, ente rector del sector forestal.',
      occurredAt: '2017-02-15T16:00:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/mesas/forestal/participants',
    body: {
      participantId: 'forestal-equipo-minagri',
      name: 'Equipo dedicado de la Mesa Ejecutiva Forestal',
      organisation: 'Ministerio de Agricultura y Riego (MINAGRI)',
      role: 'dedicated_team',
      occurredAt: '2017-02-16T15:00:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/mesas/forestal/participants',
    body: {
      participantId: 'forestal-ministro-minagri',
      name: 'Ministro de Agricultura y Riego',
      organisation: 'Ministerio de Agricultura y Riego (MINAGRI)',
      role: 'high_level',
      occurredAt: '2017-02-16T15:01:00Z',
    },
  },

  // ─── 2017-03 ───
  // CONAFOR-Perú (created October 2016; small and medium producers of the six Amazonian regions)
  //   brings the small holders in.
  {
    as: 'coordinator',
    path: '/mesas/forestal/participants',
    body: {
      participantId: 'forestal-conafor',
      name: 'Representante de CONAFOR-Perú',
      organisation: 'Confederación Nacional Forestal del Perú (CONAFOR-Perú)',
      role: 'private',
      occurredAt: '2017-03-02T13:50:00Z',
    },
  },
  // From here on, sessions under MINAGRI (biweekly; dates assumed).
  {
    as: 'coordinator',
    path: '/mesas/forestal/sessions',
    body: {
      sessionId: 'forestal-2017-03-02',
      type: 'regular',
      heldOn: '2017-03-02',
      attendees: FORESTAL_PLENO_2017_03_02,
      problemIds: AGENDA_FORESTAL_2016_06_30,
      summary: 'Primera sesión en el MINAGRI con nuevo equipo dedicado; se incorpora CONAFOR-Perú.',
      occurredAt: '2017-03-02T14:00:00Z',
    },
  },
  // Paper: CONAFOR-Perú's main request is to formalise small producers and have the state check the
  //   legality of their timber in situ.
  {
    as: 'coordinator',
    path: '/mesas/forestal/problems',
    body: {
      problemId: 'forestal-formalizacion-pequenos',
      title: 'Pequeños productores forestales en la informalidad',
      description:
        'La mayoría de pequeños productores de las seis regiones amazónicas no es formal; piden que el Estado verifique in situ la legalidad de su madera.',
      barrier: 'red_tape',
      raisedBy: 'forestal-conafor',
      sessionId: 'forestal-2017-03-02',
      occurredAt: '2017-03-02T14:40:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/mesas/forestal/sessions',
    body: {
      sessionId: 'forestal-2017-03-16',
      type: 'regular',
      heldOn: '2017-03-16',
      attendees: FORESTAL_PLENO_2017_03_02,
      problemIds: AGENDA_FORESTAL_2016_06_30,
      summary:
        'Se prioriza la formalización de pequeños productores; grandes y pequeños coinciden en trazabilidad y legalidad.',
      occurredAt: '2017-03-16T14:00:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/problems/forestal-formalizacion-pequenos/classify',
    body: {
      ownership: 'MP',
      rootCause: 'implementation',
      sessionId: 'forestal-2017-03-16',
      occurredAt: '2017-03-16T14:30:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/problems/forestal-formalizacion-pequenos/filter',
    body: {
      decision: 'accepted',
      sessionId: 'forestal-2017-03-16',
      occurredAt: '2017-03-16T14:31:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/problems/forestal-formalizacion-pequenos/prioritize',
    body: { rank: 1, sessionId: 'forestal-2017-03-16', occurredAt: '2017-03-16T14:32:00Z' },
  },
  {
    as: 'coordinator',
    path: '/problems/forestal-formalizacion-pequenos/solutions',
    body: {
      text: 'Ruta de formalización para pequeños productores y verificación in situ de la legalidad de su madera por OSINFOR y SERFOR.',
      sessionId: 'forestal-2017-03-16',
      occurredAt: '2017-03-16T14:33:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/problems/forestal-catastro-forestal/solutions',
    body: {
      text: 'Elaborar el catastro forestal con San Martín y Huánuco y sumar a Loreto, Madre de Dios y Ucayali; SERFOR integra una base de datos única y emite lineamientos de concesiones para plantaciones, para ofrecer tierra sin exigir su compra.',
      rationale:
        'Las plantaciones existentes suponen la propiedad plena de la tierra; las concesiones para plantaciones amplían la oferta y siguen atrayendo a grandes inversionistas extranjeros.',
      sessionId: 'forestal-2017-03-16',
      occurredAt: '2017-03-16T14:40:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/problems/forestal-catastro-forestal/tasks',
    body: {
      taskId: 'catastro-lineamientos-concesiones',
      title: 'Aprobar lineamientos para concesiones para plantaciones forestales',
      responsibleEntity: 'SERFOR',
      dueOn: '2017-06-30',
      sessionId: 'forestal-2017-03-16',
      occurredAt: '2017-03-16T14:41:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/problems/forestal-legalidad-trazabilidad/solutions',
    body: {
      text: 'Un solo sistema de trazabilidad de la madera, desde el bosque, para grandes y pequeños productores: supervisión previa de OSINFOR, verificación in situ para pequeños productores y guías certificadas por oficinas regionales fortalecidas.',
      rationale:
        'CONAFOR-Perú coincide con los grandes productores: la trazabilidad y la legalidad de la madera son la clave para exportar.',
      sessionId: 'forestal-2017-03-16',
      occurredAt: '2017-03-16T14:45:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/problems/forestal-legalidad-trazabilidad/tasks',
    body: {
      taskId: 'legalidad-sistema-trazabilidad',
      title: 'Implementar el sistema único de trazabilidad de la madera',
      responsibleEntity: 'SERFOR',
      dueOn: '2017-12-29',
      sessionId: 'forestal-2017-03-16',
      occurredAt: '2017-03-16T14:46:00Z',
    },
  },
  sesionOrdinariaForestal('2017-03-30', FORESTAL_PLENO_2017_03_02, AGENDA_FORESTAL_2017_03_30),
  {
    as: 'coordinator',
    path: '/problems/forestal-formalizacion-pequenos/tasks',
    body: {
      taskId: 'formalizacion-verificacion-in-situ',
      title: 'Verificar in situ la legalidad de la madera de pequeños productores en Ucayali',
      responsibleEntity: 'OSINFOR',
      dueOn: '2017-09-29',
      sessionId: 'forestal-2017-03-30',
      occurredAt: '2017-03-30T14:40:00Z',
    },
  },

  // ─── 2017-04 ───
  sesionOrdinariaForestal('2017-04-13', FORESTAL_PLENO_2017_03_02, AGENDA_FORESTAL_2017_03_30),
  {
    as: 'coordinator',
    path: '/problems/forestal-catastro-forestal/tasks/catastro-base-integrada/progress',
    body: {
      note: 'Loreto, Madre de Dios y Ucayali confirmaron que se sumarán al catastro forestal.',
      sessionId: 'forestal-2017-04-13',
      occurredAt: '2017-04-13T14:40:00Z',
    },
  },
  sesionOrdinariaForestal('2017-04-27', FORESTAL_PLENO_2017_03_02, AGENDA_FORESTAL_2017_03_30),
  {
    as: 'coordinator',
    path: '/problems/forestal-catastro-forestal/tasks/catastro-lineamientos-concesiones/complete',
    body: {
      outcome: 'SERFOR publicó los lineamientos para concesiones para plantaciones.',
      sessionId: 'forestal-2017-04-27',
      occurredAt: '2017-04-27T14:40:00Z',
    },
  },
  {
    as: 'coordinator',
    path: '/problems/forestal-formalizacion-pequenos/tasks/formalizacion-verificacion-in-situ/progress',
    body: {
      note: 'OSINFOR y CONAFOR-Perú acordaron un plan piloto en Ucayali.',
      sessionId: 'forestal-2017-04-27',
      occurredAt: '2017-04-27T14:45:00Z',
    },
  },
];
