import { Lang, VocabularyName, labelOf } from '@mesas/domain';
import type { JsonObject } from '@mesas/event-store';
import type { HistoryLeaf } from './history-entry';

/**
 * One-line summaries of history entries, in Spanish (the portal's default) and English.
 *
 * Built from the entry's public `data` only (never the raw event), plus names the history
 * projection remembers from earlier public entries (a mesa's name, a problem's title, a task's
 * title, a participant's name, a session's date), so an internal field can never leak through
 * a summary. Summaries are outside the Merkle leaf: they may be reworded without touching
 * the log's hashes. Codes (barrier, root cause, role…) are named with the domain's labels, the
 * same the portal shows; a code this build has no label for is shown as it is.
 */

export interface SummaryNames {
  mesa(mesaId: string): string | null;
  problem(problemId: string): string | null;
  task(problemId: string, taskId: string): string | null;
  participant(mesaId: string, participantId: string): string | null;
  /** the date a session was held on (YYYY-MM-DD), when it is recorded */
  session(mesaId: string, sessionId: string): string | null;
}

export type Summaries = Readonly<Record<Lang, string>>;

const MAX_TEXT = 160;

export function summarize(leaf: HistoryLeaf, names: SummaryNames): Summaries {
  const d = leaf.data;
  const s = (key: string): string => text(d[key]);
  const mesaId = leaf.mesaId ?? '';
  const mesa = quote(names.mesa(mesaId) ?? (typeof d.name === 'string' ? d.name : mesaId));
  const problem = quote(
    names.problem(leaf.problemId ?? '') ??
      (typeof d.title === 'string' ? d.title : (leaf.problemId ?? '')),
  );
  const task = (): string => quote(names.task(leaf.problemId ?? '', s('taskId')) ?? s('taskId'));
  /** the label of the code in field `key`, from vocabulary `name` */
  const pick = (name: VocabularyName, key: string): [string, string] => {
    const label = labelOf(name, d[key]);
    return label ? [label.es, label.en] : [s(key), s(key)];
  };
  const withText = (head: [string, string], key: string): [string, string] =>
    d[key] === null || d[key] === undefined || s(key) === ''
      ? head
      : [`${head[0]}: ${s(key)}`, `${head[1]}: ${s(key)}`];

  const lines = ((): [string, string] => {
    switch (leaf.type) {
      case 'MesaProposed': {
        const [es, en] = pick('mesaKind', 'kind');
        return [
          `Se propuso la mesa ${mesa} (${es} ${s('scope')}), convocada por ${s('convener')}`,
          `Mesa ${mesa} proposed (${en} ${s('scope')}), convened by ${s('convener')}`,
        ];
      }
      case 'MesaViabilityAssessed':
        return d.viable === true
          ? [`La mesa ${mesa} se evaluó viable`, `Mesa ${mesa} assessed viable`]
          : [`La mesa ${mesa} se evaluó no viable`, `Mesa ${mesa} assessed not viable`];
      case 'MesaLaunched':
        return [`Se lanzó la mesa ${mesa}`, `Mesa ${mesa} launched`];
      case 'MesaTransferred':
        return [
          `La mesa ${mesa} pasó de ${s('fromConvener')} a ${s('toConvener')}: ${s('reason')}`,
          `Mesa ${mesa} transferred from ${s('fromConvener')} to ${s('toConvener')}: ${s('reason')}`,
        ];
      case 'MesaClosed':
        return [`Se cerró la mesa ${mesa}: ${s('reason')}`, `Mesa ${mesa} closed: ${s('reason')}`];
      case 'ParticipantJoined': {
        const [es, en] = pick('participantRole', 'role');
        const who = `${s('name')} (${s('organisation')})`;
        return [
          `${who} se incorporó a la mesa ${mesa} como ${es}`,
          `${who} joined mesa ${mesa} as ${en}`,
        ];
      }
      case 'ParticipantLeft': {
        const who = names.participant(mesaId, s('participantId')) ?? s('participantId');
        return withText([`${who} dejó la mesa ${mesa}`, `${who} left mesa ${mesa}`], 'reason');
      }
      case 'SessionHeld': {
        const [es, en] = pick('sessionType', 'type');
        const attendees = Array.isArray(d.attendees) ? d.attendees.length : 0;
        const problems = Array.isArray(d.problemIds) ? d.problemIds.length : 0;
        // both session types are feminine in Spanish (sesión, reunión)
        const a = /^[aeiou]/i.test(en) ? 'an' : 'a';
        return [
          `La mesa ${mesa} realizó una ${es} el ${s('heldOn')} (${attendees} asistentes, ${problems} problemas tratados)`,
          `Mesa ${mesa} held ${a} ${en} on ${s('heldOn')} (${attendees} attendees, ${problems} problems discussed)`,
        ];
      }
      case 'ProblemRaised': {
        const [es, en] = pick('barrier', 'barrier');
        return [
          `Se planteó el problema ${problem} (barrera: ${es}) en la mesa ${mesa}`,
          `Problem ${problem} raised (barrier: ${en}) in mesa ${mesa}`,
        ];
      }
      case 'ProblemClassified': {
        const [es, en] = pick('rootCause', 'rootCause');
        const [ownEs, ownEn] = pick('ownership', 'ownership');
        return [
          `El problema ${problem} se clasificó como ${ownEs}; causa: ${es}`,
          `Problem ${problem} classified as ${ownEn}; root cause: ${en}`,
        ];
      }
      case 'ProblemFiltered':
        return d.decision === 'accepted'
          ? [`Se aceptó el problema ${problem}`, `Problem ${problem} accepted`]
          : withText(
              [`Se rechazó el problema ${problem}`, `Problem ${problem} rejected`],
              'reason',
            );
      case 'ProblemPrioritized':
        return [
          `El problema ${problem} recibió la prioridad ${s('rank')}`,
          `Problem ${problem} given priority ${s('rank')}`,
        ];
      case 'SolutionProposed':
        return [
          `Se propuso una solución para ${problem}: ${s('text')}`,
          `Solution proposed for ${problem}: ${s('text')}`,
        ];
      case 'SolutionRevised':
        return [
          `Se revisó la solución de ${problem} (revisión ${s('revision')}): ${s('text')}`,
          `Solution for ${problem} revised (revision ${s('revision')}): ${s('text')}`,
        ];
      case 'TaskAssigned':
        return [
          `Se asignó la tarea ${quote(s('title'))} de ${problem} a ${s('responsibleEntity')}, con plazo al ${s('dueOn')}`,
          `Task ${quote(s('title'))} of ${problem} assigned to ${s('responsibleEntity')}, due ${s('dueOn')}`,
        ];
      case 'TaskProgressReported':
        return [
          `Avance en la tarea ${task()} de ${problem}: ${s('note')}`,
          `Progress on task ${task()} of ${problem}: ${s('note')}`,
        ];
      case 'TaskDeadlineMoved':
        return [
          `El plazo de la tarea ${task()} de ${problem} pasó del ${s('previousDueOn')} al ${s('dueOn')}: ${s('reason')}`,
          `Deadline of task ${task()} of ${problem} moved from ${s('previousDueOn')} to ${s('dueOn')}: ${s('reason')}`,
        ];
      case 'TaskCompleted':
        return withText(
          [
            `Se completó la tarea ${task()} de ${problem}`,
            `Task ${task()} of ${problem} completed`,
          ],
          'outcome',
        );
      case 'TaskCancelled':
        return [
          `Se canceló la tarea ${task()} de ${problem}: ${s('reason')}`,
          `Task ${task()} of ${problem} cancelled: ${s('reason')}`,
        ];
      case 'Escalated': {
        const [es, en] = pick('escalationReason', 'reason');
        return withText(
          [
            `Se escaló el problema ${problem} al nivel superior (motivo: ${es})`,
            `Problem ${problem} escalated to the higher-level body (reason: ${en})`,
          ],
          'note',
        );
      }
      case 'EscalationResolved':
        return [
          `El nivel superior (${s('decidedBy')}) decidió sobre ${problem}: ${s('decision')}`,
          `The higher-level body (${s('decidedBy')}) decided on ${problem}: ${s('decision')}`,
        ];
      case 'ProblemResolved':
        return [
          `Se resolvió el problema ${problem}: ${s('outcome')}`,
          `Problem ${problem} resolved: ${s('outcome')}`,
        ];
      case 'ProblemReopened':
        return [
          `Se reabrió el problema ${problem}: ${s('reason')}`,
          `Problem ${problem} reopened: ${s('reason')}`,
        ];
      case 'ImpactRecorded':
        return [
          `Impacto de ${problem}: ${s('indicator')} pasó de ${s('before')} a ${s('after')} ${s('unit')}`,
          `Impact of ${problem}: ${s('indicator')} went from ${s('before')} to ${s('after')} ${s('unit')}`,
        ];
      default:
        return [`Evento ${leaf.type}`, `${leaf.type} event`];
    }
  })();

  const [es, en] = withSession(lines, leaf, names);
  return { es: oneLine(es), en: oneLine(en) };
}

/** Decision provenance: the session the command named, with its date when it is known. */
function withSession(
  [es, en]: [string, string],
  leaf: HistoryLeaf,
  names: SummaryNames,
): [string, string] {
  if (leaf.sessionId === undefined || leaf.type === 'SessionHeld') return [es, en];
  const heldOn = names.session(leaf.mesaId ?? '', leaf.sessionId);
  const on = heldOn ? [` del ${heldOn}`, ` of ${heldOn}`] : ['', ''];
  return [
    `${es} (decidido en la sesión ${leaf.sessionId}${on[0]})`,
    `${en} (decided in session ${leaf.sessionId}${on[1]})`,
  ];
}

function text(value: JsonObject[string] | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return clip(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return clip(JSON.stringify(value));
}

function quote(value: string): string {
  return `«${clip(value)}»`;
}

function clip(value: string): string {
  const flat = oneLine(value);
  return flat.length > MAX_TEXT ? `${flat.slice(0, MAX_TEXT - 1)}…` : flat;
}

/** One line: no line breaks or tabs, whatever the texts held. */
export function oneLine(value: string): string {
  return isOneLine(value) ? value : value.replace(/\s+/g, ' ').trim();
}

/**
 * Whether oneLine leaves `value` as it is: no white space other than U+0020, no two spaces in a
 * row, no space at either end. White space is what `\s` and trim() know (ECMAScript's
 * WhiteSpace and LineTerminator). A loop over the code units: this runs several times for
 * every history entry, and most texts are one line already.
 */
function isOneLine(value: string): boolean {
  const last = value.length - 1;
  let space = false;
  for (let i = 0; i <= last; i++) {
    const c = value.charCodeAt(i);
    if (c === 0x20) {
      if (space || i === 0 || i === last) return false;
      space = true;
    } else if (c > 0x20 && c < 0xa0) {
      space = false;
    } else if (isOtherWhiteSpace(c)) {
      return false;
    } else {
      space = false;
    }
  }
  return true;
}

function isOtherWhiteSpace(c: number): boolean {
  return (
    (c >= 0x09 && c <= 0x0d) ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}
