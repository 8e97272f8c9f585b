/**
 * The shape of the demo data files (libs/demo/data), checked when they are read: a file that
 * does not match is refused with the file and the place named, before any command is sent.
 */

export type DemoRole = 'coordinator' | 'high_level';
const ROLES: readonly DemoRole[] = ['coordinator', 'high_level'];

export type DemoJson = string | number | boolean | null | DemoJson[] | { [key: string]: DemoJson };
export type DemoBody = { [key: string]: DemoJson };

/** `index.json`: which mesas there are, in the order their steps go when they share an instant. */
export interface DemoIndexFile {
  readonly about?: readonly string[];
  readonly mesas: readonly string[];
}

/** A list's change on a date: members added at the end, members removed (order kept). */
export interface DemoListChange {
  readonly add?: readonly string[];
  readonly remove?: readonly string[];
}

/** A named list that changes over time: the first date holds the whole list, later ones too or a change. */
export interface DemoList {
  readonly about?: string;
  readonly from: Readonly<Record<string, readonly string[] | DemoListChange>>;
}

export interface DemoStepSource {
  /** where the step comes from in the paper, or what was assumed; not sent */
  readonly note?: string;
  /** who sends it (default coordinator) */
  readonly as?: DemoRole;
  /** a command route without the /api/v1 prefix, e.g. '/mesas/forestal/problems' */
  readonly path: string;
  readonly body: DemoBody;
}

export interface DemoTemplate {
  readonly about?: string;
  readonly as?: DemoRole;
  readonly path: string;
  /** `{date}` in any string stands for the date of the series' step (YYYY-MM-DD) */
  readonly body: DemoBody;
}

/** A step repeated every `everyDays` days from `from` through `until`, but for `except`. */
export interface DemoSeries {
  readonly about?: string;
  readonly template: string;
  readonly from: string;
  readonly until: string;
  readonly everyDays: number;
  readonly except?: readonly string[];
}

/** `<mesa>.json`: one mesa's story. */
export interface DemoMesaFile {
  readonly mesa: string;
  readonly about?: readonly string[];
  readonly lists?: Readonly<Record<string, DemoList>>;
  readonly templates?: Readonly<Record<string, DemoTemplate>>;
  readonly series?: readonly DemoSeries[];
  readonly steps: readonly DemoStepSource[];
}

/** Thrown for a data file that does not match its shape; says which file and where. */
export class DemoDataError extends Error {
  override readonly name = 'DemoDataError';
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const ID = /^[a-z0-9][a-z0-9-]*$/;

type Check = (value: unknown, at: string) => void;

function fail(at: string, message: string): never {
  throw new DemoDataError(`${at}: ${message}`);
}

/** A JSON object with only the `keys` named (any key when null) and all of `required`. */
function objectAt(
  value: unknown,
  at: string,
  keys: readonly string[] | null,
  required: readonly string[],
): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    fail(at, 'expected an object');
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (keys && !keys.includes(key)) {
      fail(at, `unknown field "${key}" (known: ${keys.join(', ')})`);
    }
  }
  for (const key of required) if (!(key in record)) fail(at, `missing field "${key}"`);
  return record;
}

const text: Check = (v, at) => {
  if (typeof v !== 'string' || v.length === 0) fail(at, 'expected a non-empty string');
};
const texts: Check = (v, at) => {
  if (!Array.isArray(v)) fail(at, 'expected an array of strings');
  v.forEach((item, i) => text(item, `${at}[${i}]`));
};
const date: Check = (v, at) => {
  if (typeof v !== 'string' || !DATE.test(v) || Number.isNaN(Date.parse(`${v}T00:00:00Z`)))
    fail(at, 'expected a date YYYY-MM-DD');
};
const role: Check = (v, at) => {
  if (!ROLES.includes(v as DemoRole)) fail(at, `expected one of ${ROLES.join(', ')}`);
};
const route: Check = (v, at) => {
  if (typeof v !== 'string' || !/^\/[a-z0-9/-]*$/.test(v))
    fail(at, 'expected a route like /mesas/x/sessions');
};
const body: Check = (v, at) => {
  objectAt(v, at, null, ['occurredAt']);
  const occurredAt = (v as DemoBody).occurredAt;
  if (typeof occurredAt !== 'string') fail(`${at}.occurredAt`, 'expected an ISO-8601 instant');
};

function optional(record: Record<string, unknown>, key: string, check: Check, at: string): void {
  if (record[key] !== undefined) check(record[key], `${at}.${key}`);
}

export function parseIndexFile(value: unknown, file: string): DemoIndexFile {
  const r = objectAt(value, file, ['about', 'mesas'], ['mesas']);
  optional(r, 'about', texts, file);
  texts(r.mesas, `${file}.mesas`);
  for (const [i, mesa] of (r.mesas as string[]).entries()) {
    if (!ID.test(mesa)) fail(`${file}.mesas[${i}]`, 'expected a lowercase id');
  }
  if (new Set(r.mesas as string[]).size !== (r.mesas as string[]).length) {
    fail(`${file}.mesas`, 'a mesa is listed twice');
  }
  return r as unknown as DemoIndexFile;
}

export function parseMesaFile(value: unknown, file: string): DemoMesaFile {
  const keys = ['mesa', 'about', 'lists', 'templates', 'series', 'steps'];
  const r = objectAt(value, file, keys, ['mesa', 'steps']);
  text(r.mesa, `${file}.mesa`);
  optional(r, 'about', texts, file);
  for (const [name, list] of Object.entries(
    r.lists === undefined ? {} : objectAt(r.lists, `${file}.lists`, null, []),
  )) {
    const at = `${file}.lists.${name}`;
    const l = objectAt(list, at, ['about', 'from'], ['from']);
    optional(l, 'about', text, at);
    const from = objectAt(l.from, `${at}.from`, null, []);
    if (Object.keys(from).length === 0) fail(`${at}.from`, 'a list needs at least one date');
    Object.entries(from).forEach(([day, members], i) => {
      date(day, `${at}.from`);
      if (Array.isArray(members)) return texts(members, `${at}.from.${day}`);
      if (i === 0) fail(`${at}.from.${day}`, 'the first date holds the whole list');
      const change = objectAt(members, `${at}.from.${day}`, ['add', 'remove'], []);
      optional(change, 'add', texts, `${at}.from.${day}`);
      optional(change, 'remove', texts, `${at}.from.${day}`);
    });
  }
  for (const [name, template] of Object.entries(
    r.templates === undefined ? {} : objectAt(r.templates, `${file}.templates`, null, []),
  )) {
    const at = `${file}.templates.${name}`;
    const t = objectAt(template, at, ['about', 'as', 'path', 'body'], ['path', 'body']);
    optional(t, 'about', text, at);
    optional(t, 'as', role, at);
    route(t.path, `${at}.path`);
    body(t.body, `${at}.body`);
  }
  if (r.series !== undefined && !Array.isArray(r.series))
    fail(`${file}.series`, 'expected an array');
  ((r.series as unknown[] | undefined) ?? []).forEach((series, i) => {
    const at = `${file}.series[${i}]`;
    const s = objectAt(
      series,
      at,
      ['about', 'template', 'from', 'until', 'everyDays', 'except'],
      ['template', 'from', 'until', 'everyDays'],
    );
    optional(s, 'about', text, at);
    text(s.template, `${at}.template`);
    date(s.from, `${at}.from`);
    date(s.until, `${at}.until`);
    if (!Number.isInteger(s.everyDays) || (s.everyDays as number) < 1) {
      fail(`${at}.everyDays`, 'expected a whole number of days from 1');
    }
    if (s.except !== undefined) {
      texts(s.except, `${at}.except`);
      (s.except as unknown[]).forEach((d, j) => date(d, `${at}.except[${j}]`));
    }
  });
  if (!Array.isArray(r.steps)) fail(`${file}.steps`, 'expected an array');
  (r.steps as unknown[]).forEach((step, i) => {
    const at = `${file}.steps[${i}]`;
    const s = objectAt(step, at, ['note', 'as', 'path', 'body'], ['path', 'body']);
    optional(s, 'note', text, at);
    optional(s, 'as', role, at);
    route(s.path, `${at}.path`);
    body(s.body, `${at}.body`);
  });
  return r as unknown as DemoMesaFile;
}
