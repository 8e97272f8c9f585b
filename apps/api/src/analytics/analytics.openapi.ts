import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { TASK_GROUP_BYS } from '@mesas/projections';

/** OpenAPI shapes of the analytics answers (JSON); the CSV columns are listed in the README. */

const nullableNumber: SchemaObject = { type: 'number', nullable: true };
const integer: SchemaObject = { type: 'integer' };

const CURVE: SchemaObject = {
  type: 'array',
  description: 'the Kaplan–Meier step curve: {day 0, survival 1}, then one point per event time',
  items: {
    type: 'object',
    properties: { day: { type: 'number' }, survival: { type: 'number' } },
  },
};

const MEDIAN_CI: SchemaObject = {
  type: 'object',
  description:
    '95% confidence interval of the median (null where not reached) — an addition to docs/API.md',
  properties: { lower: nullableNumber, upper: nullableNumber },
};

const SURVIVAL: Record<string, SchemaObject> = {
  n: integer,
  resolved: integer,
  censored: integer,
  medianDays: nullableNumber,
  p25Days: nullableNumber,
  p75Days: nullableNumber,
  medianCi: MEDIAN_CI,
  curve: CURVE,
};

export const TIME_TO_RESOLUTION_SCHEMA: SchemaObject = {
  type: 'object',
  properties: {
    asOf: { type: 'string', format: 'date-time' },
    groups: {
      type: 'array',
      items: { type: 'object', properties: { key: { type: 'string' }, ...SURVIVAL } },
    },
  },
};

export const CADENCE_SCHEMA: SchemaObject = {
  type: 'object',
  properties: {
    mesaId: { type: 'string' },
    from: { type: 'string', format: 'date' },
    to: { type: 'string', format: 'date' },
    sessions: integer,
    days: integer,
    perMonth: { type: 'number' },
    longestGapDays: { type: 'integer', nullable: true },
    months: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          month: { type: 'string', example: '2015-02' },
          sessions: integer,
          days: integer,
        },
      },
    },
  },
};

export const TASKS_SCHEMA: SchemaObject = {
  type: 'object',
  properties: {
    groupBy: { type: 'string', enum: [...TASK_GROUP_BYS] },
    asOf: { type: 'string', format: 'date-time' },
    asOfDate: { type: 'string', format: 'date', description: 'the date of asOf in Peru' },
    groups: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          key: { type: 'string' },
          assigned: integer,
          open: integer,
          done: integer,
          doneOnTime: integer,
          doneLate: integer,
          doneOnOriginalTime: integer,
          cancelled: integer,
          overdueNow: integer,
          medianDaysLate: nullableNumber,
        },
      },
    },
  },
};

const SUMMARY: SchemaObject = { type: 'object', properties: SURVIVAL };

export const ESCALATIONS_SCHEMA: SchemaObject = {
  type: 'object',
  properties: {
    asOf: { type: 'string', format: 'date-time' },
    count: integer,
    decided: integer,
    pending: integer,
    problems: integer,
    escalatedProblems: integer,
    shareEscalated: nullableNumber,
    timeToDecision: {
      type: 'object',
      properties: { ...SURVIVAL, medianDaysAmongDecided: nullableNumber },
    },
    timeToResolution: {
      type: 'object',
      properties: { escalated: SUMMARY, notEscalated: SUMMARY },
    },
  },
};

export const WHOSE_MOVE_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['asOf', 'groups', 'problems'],
  properties: {
    asOf: { type: 'string', format: 'date-time' },
    groups: {
      type: 'array',
      description: 'one per court, most days first',
      items: {
        type: 'object',
        properties: {
          court: {
            type: 'string',
            description: '`high_level`, `dedicated_team` or a responsible entity (e.g. SERFOR)',
          },
          days: { type: 'number', description: '3 decimals' },
          share: { type: 'number', description: 'days / all days counted, 4 decimals' },
          problems: { ...integer, description: 'problems that spent time in this court' },
        },
      },
    },
    problems: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          problemId: { type: 'string' },
          courts: {
            type: 'object',
            additionalProperties: { type: 'number' },
            description: 'days per court (3 decimals)',
          },
        },
      },
    },
  },
};

export const SCREENING_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['asOf', 'groupBy', 'groups'],
  properties: {
    asOf: { type: 'string', format: 'date-time' },
    groupBy: { type: 'string', enum: ['organisation', 'barrier', 'raisedBy'] },
    groups: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          key: { type: 'string' },
          raised: integer,
          accepted: integer,
          rejected: integer,
          pending: integer,
          rejectedShare: { ...nullableNumber, description: 'rejected / (accepted + rejected)' },
          reasons: {
            type: 'array',
            items: {
              type: 'object',
              properties: { reason: { type: 'string' }, n: integer },
            },
          },
        },
      },
    },
  },
};
