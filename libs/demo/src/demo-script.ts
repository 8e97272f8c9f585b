import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  DemoBody,
  DemoDataError,
  DemoIndexFile,
  DemoJson,
  DemoList,
  DemoMesaFile,
  DemoRole,
  parseIndexFile,
  parseMesaFile,
} from './demo-file.schema';

/** One command of the demo, ready to send: `POST /api/v1{path}` with `body` under `key`. */
export interface DemoCommand {
  /** the Idempotency-Key: `demo-<n>`, n its 0-based place in the whole script */
  readonly key: string;
  readonly mesa: string;
  readonly as: DemoRole;
  readonly method: 'POST';
  readonly path: string;
  readonly body: DemoBody;
}

export const INDEX_FILE = 'index.json';

/**
 * Where the data files are: libs/demo/data of the repository, found from the sources
 * (libs/demo/src) and from the compiled lib (dist/libs/demo/src) alike. The files are read
 * where they are, not copied into dist/: a deployment carries libs/demo/data beside dist/.
 */
export function demoDataDir(): string {
  const candidates = [
    resolve(__dirname, '..', 'data'),
    resolve(__dirname, '../../../../libs/demo/data'),
  ];
  const found = candidates.find((dir) => existsSync(join(dir, INDEX_FILE)));
  if (!found)
    throw new DemoDataError(`no demo data: none of ${candidates.join(', ')} holds ${INDEX_FILE}`);
  return found;
}

/** Reads and checks every file of `dir`, and compiles them into the commands to send. */
export function readDemoScript(dir: string = demoDataDir()): DemoCommand[] {
  const read = (file: string): unknown => {
    try {
      return JSON.parse(readFileSync(join(dir, file), 'utf8'));
    } catch (error) {
      throw new DemoDataError(`${file}: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  const index = parseIndexFile(read(INDEX_FILE), INDEX_FILE);
  const unlisted = readdirSync(dir).filter(
    (f) => f.endsWith('.json') && f !== INDEX_FILE && !index.mesas.includes(f.slice(0, -5)),
  );
  if (unlisted.length > 0) {
    throw new DemoDataError(`${unlisted.join(', ')}: not listed in ${INDEX_FILE}`);
  }
  const files = index.mesas.map((mesa) => parseMesaFile(read(`${mesa}.json`), `${mesa}.json`));
  return compileDemoScript(index, files);
}

interface Timed {
  readonly at: number;
  readonly mesaRank: number;
  readonly rank: number;
  readonly command: Omit<DemoCommand, 'key'>;
}

/**
 * The commands of all mesas in one order: by `occurredAt`, so that every stream is written in
 * business-time order; at the same instant, the mesa listed first in the index goes first, and
 * a mesa's steps keep their order (a series' step before the steps written out).
 * Keys are given by place, so the same files always give the same keys.
 */
export function compileDemoScript(
  index: DemoIndexFile,
  files: readonly DemoMesaFile[],
): DemoCommand[] {
  const timed: Timed[] = [];
  files.forEach((file, mesaRank) => {
    if (file.mesa !== index.mesas[mesaRank]) {
      throw new DemoDataError(`${index.mesas[mesaRank]}.json: its "mesa" is ${file.mesa}`);
    }
    mesaCommands(file).forEach((command, rank) =>
      timed.push({ at: instantOf(command.body, `${file.mesa}.json`), mesaRank, rank, command }),
    );
  });
  timed.sort((a, b) => a.at - b.at || a.mesaRank - b.mesaRank || a.rank - b.rank);
  return timed.map(({ command }, n) => ({ key: `demo-${n}`, ...command }));
}

/** One mesa's commands in its own order: the steps as written, the series' steps merged in by time. */
function mesaCommands(file: DemoMesaFile): Omit<DemoCommand, 'key'>[] {
  const name = `${file.mesa}.json`;
  const lists = file.lists ?? {};
  const written = file.steps.map((step, i) => ({
    at: instantOf(step.body, `${name}.steps[${i}]`),
    command: {
      mesa: file.mesa,
      as: step.as ?? 'coordinator',
      method: 'POST' as const,
      path: step.path,
      body: resolveLists(step.body, lists, `${name}.steps[${i}]`),
    },
  }));
  written.forEach((step, i) => {
    if (i > 0 && step.at < written[i - 1].at) {
      throw new DemoDataError(`${name}.steps[${i}]: occurredAt is earlier than the step before it`);
    }
  });
  const repeated = (file.series ?? []).flatMap((series, i) => {
    const at = `${name}.series[${i}]`;
    const template = file.templates?.[series.template];
    if (!template) throw new DemoDataError(`${at}: no template "${series.template}"`);
    const days = daysOf(series.from, series.until, series.everyDays);
    for (const day of series.except ?? []) {
      if (!days.includes(day))
        throw new DemoDataError(`${at}.except: ${day} is not a day of the series`);
    }
    return days
      .filter((day) => !(series.except ?? []).includes(day))
      .map((day) => {
        const body = resolveLists(
          withDate(template.body, day) as DemoBody,
          lists,
          `${at} on ${day}`,
        );
        return {
          at: instantOf(body, `${at} on ${day}`),
          command: {
            mesa: file.mesa,
            as: template.as ?? 'coordinator',
            method: 'POST' as const,
            path: template.path,
            body,
          },
        };
      })
      .filter(({ command }) => !written.some((w) => told(w.command, command)));
  });
  return [...repeated, ...written]
    .map((step, order) => ({ ...step, order }))
    .sort((a, b) => a.at - b.at || a.order - b.order)
    .map(({ command }) => command);
}

/** A step written out replaces the series' step it tells in full: same route, same session. */
function told(written: Omit<DemoCommand, 'key'>, repeated: Omit<DemoCommand, 'key'>): boolean {
  return (
    written.path === repeated.path &&
    repeated.body.sessionId !== undefined &&
    written.body.sessionId === repeated.body.sessionId
  );
}

function daysOf(from: string, until: string, everyDays: number): string[] {
  const days: string[] = [];
  const end = Date.parse(`${until}T00:00:00Z`);
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= end; t += everyDays * 86_400_000) {
    days.push(new Date(t).toISOString().slice(0, 10));
  }
  return days;
}

function withDate(value: DemoJson, day: string): DemoJson {
  if (typeof value === 'string') return value.replaceAll('{date}', day);
  if (Array.isArray(value)) return value.map((v) => withDate(v, day));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withDate(v, day)]));
  }
  return value;
}

function instantOf(body: DemoBody, at: string): number {
  const t = typeof body.occurredAt === 'string' ? Date.parse(body.occurredAt) : NaN;
  if (Number.isNaN(t)) throw new DemoDataError(`${at}: occurredAt is not an ISO-8601 instant`);
  return t;
}

/**
 * Replaces each `{"$list": name, "add"?: [...], "remove"?: [...]}` of a body by the list as it
 * stood on the step's day (the UTC date of its occurredAt), with the changes applied.
 */
function resolveLists(
  body: DemoBody,
  lists: Readonly<Record<string, DemoList>>,
  at: string,
): DemoBody {
  const day = new Date(instantOf(body, at)).toISOString().slice(0, 10);
  const walk = (value: DemoJson, where: string): DemoJson => {
    if (Array.isArray(value)) return value.map((v, i) => walk(v, `${where}[${i}]`));
    if (value === null || typeof value !== 'object') return value;
    if (!('$list' in value)) {
      return Object.fromEntries(
        Object.entries(value).map(([k, v]) => [k, walk(v, `${where}.${k}`)]),
      );
    }
    const { $list: name, ...change } = value;
    if (typeof name !== 'string' || !lists[name])
      throw new DemoDataError(`${where}: no list "${String(name)}"`);
    return applyChange(listOn(lists[name], day, `${where} ($list ${name})`), change, where);
  };
  return walk(body, `${at}.body`) as DemoBody;
}

function listOn(list: DemoList, day: string, at: string): string[] {
  const dates = Object.keys(list.from).sort();
  if (dates.length === 0 || dates[0] > day)
    throw new DemoDataError(`${at}: the list does not exist yet on ${day}`);
  let members: string[] = [];
  for (const date of dates.filter((d) => d <= day)) {
    members = applyChange(members, list.from[date], `${at} from ${date}`);
  }
  return members;
}

function applyChange(
  members: readonly string[],
  change: DemoJson | readonly string[] | object,
  at: string,
): string[] {
  if (Array.isArray(change)) return [...(change as string[])];
  const { add = [], remove = [], ...rest } = change as { add?: string[]; remove?: string[] };
  if (Object.keys(rest).length > 0)
    throw new DemoDataError(`${at}: unknown field(s) ${Object.keys(rest).join(', ')}`);
  for (const m of remove)
    if (!members.includes(m)) throw new DemoDataError(`${at}: removes ${m}, not a member`);
  const kept = members.filter((m) => !remove.includes(m));
  for (const m of add)
    if (kept.includes(m)) throw new DemoDataError(`${at}: adds ${m}, already a member`);
  return [...kept, ...add];
}
