import {
  LIMA_UTC_OFFSET_MINUTES,
  dateOfDayNumber,
  dayNumber,
  instantMs,
  localDayNumber,
} from './calendar';
import { sampleMedian } from './sample-median';
import type { TaskStatus } from '@mesas/domain';
import { UNKNOWN_KEY, compareKeys } from './group-keys';

export interface TaskRecord {
  /** grouping value, e.g. responsibleEntity; null → key `unknown` */
  readonly group: string | null;
  /** the deadline now in force: the latest TaskDeadlineMoved, else the TaskAssigned one */
  readonly dueOn: string;
  /** the deadline given at TaskAssigned */
  readonly originalDueOn: string;
  readonly status: TaskStatus;
  /** occurredAt of TaskCompleted; required when status is done */
  readonly completedAt?: string | null;
}

export interface TaskDeliveryOptions {
  readonly asOf: string;
  /**
   * Offset at which an instant becomes a calendar date (completion day, the asOf day).
   * Default UTC−05:00, Peru's civil time.
   */
  readonly utcOffsetMinutes?: number;
}

export interface TaskDeliveryGroup {
  readonly key: string;
  /** every task, cancelled ones included */
  readonly assigned: number;
  readonly open: number;
  readonly done: number;
  /** done, completion date ≤ dueOn (the latest deadline) */
  readonly doneOnTime: number;
  /** done, completion date > dueOn */
  readonly doneLate: number;
  /** done, completion date ≤ originalDueOn */
  readonly doneOnOriginalTime: number;
  readonly cancelled: number;
  /** open and dueOn < the asOf date */
  readonly overdueNow: number;
  /** median of (completion date − dueOn) in calendar days over doneLate; null if none */
  readonly medianDaysLate: number | null;
}

export interface TaskDeliveryResult {
  readonly asOf: string;
  /** the calendar date of asOf at the offset used */
  readonly asOfDate: string;
  readonly groups: readonly TaskDeliveryGroup[];
}

interface Tally {
  assigned: number;
  open: number;
  done: number;
  doneOnTime: number;
  doneOnOriginalTime: number;
  cancelled: number;
  overdueNow: number;
  daysLate: number[];
}

export function taskDelivery(
  tasks: readonly TaskRecord[],
  options: TaskDeliveryOptions,
): TaskDeliveryResult {
  const asOfMs = instantMs(options.asOf, 'asOf');
  const offset = options.utcOffsetMinutes ?? LIMA_UTC_OFFSET_MINUTES;
  const asOfDay = localDayNumber(asOfMs, offset);

  const tallies = new Map<string, Tally>();
  for (const task of tasks) {
    const key = task.group ?? UNKNOWN_KEY;
    let tally = tallies.get(key);
    if (!tally) {
      tally = {
        assigned: 0,
        open: 0,
        done: 0,
        doneOnTime: 0,
        doneOnOriginalTime: 0,
        cancelled: 0,
        overdueNow: 0,
        daysLate: [],
      };
      tallies.set(key, tally);
    }
    const dueDay = dayNumber(task.dueOn, 'dueOn');
    const originalDueDay = dayNumber(task.originalDueOn, 'originalDueOn');
    tally.assigned++;

    let status = task.status;
    let completedDay: number | null = null;
    if (status === 'done') {
      if (!task.completedAt) throw new RangeError('a done task needs completedAt');
      const completedMs = instantMs(task.completedAt, 'completedAt');
      // A completion after asOf had not happened yet at asOf.
      if (completedMs > asOfMs) status = 'open';
      else completedDay = localDayNumber(completedMs, offset);
    }

    if (status === 'cancelled') {
      tally.cancelled++;
    } else if (status === 'open') {
      tally.open++;
      if (dueDay < asOfDay) tally.overdueNow++;
    } else if (completedDay !== null) {
      tally.done++;
      if (completedDay <= dueDay) tally.doneOnTime++;
      else tally.daysLate.push(completedDay - dueDay);
      if (completedDay <= originalDueDay) tally.doneOnOriginalTime++;
    }
  }

  const groups = [...tallies.keys()].sort(compareKeys).map((key): TaskDeliveryGroup => {
    const t = tallies.get(key) as Tally;
    return {
      key,
      assigned: t.assigned,
      open: t.open,
      done: t.done,
      doneOnTime: t.doneOnTime,
      doneLate: t.daysLate.length,
      doneOnOriginalTime: t.doneOnOriginalTime,
      cancelled: t.cancelled,
      overdueNow: t.overdueNow,
      medianDaysLate: sampleMedian(t.daysLate),
    };
  });
  return { asOf: new Date(asOfMs).toISOString(), asOfDate: dateOfDayNumber(asOfDay), groups };
}
