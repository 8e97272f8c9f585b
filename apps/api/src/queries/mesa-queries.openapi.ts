import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';

/** OpenAPI shapes of the mesa and matrix reads (JSON); the CSV columns are in docs/analytics.md. */

const nullableString: SchemaObject = { type: 'string', nullable: true };
const instant: SchemaObject = { type: 'string', format: 'date-time' };

export const STATUS_COUNTS_SCHEMA: SchemaObject = {
  type: 'object',
  description: 'problems per matrix status',
  properties: Object.fromEntries(
    ['raised', 'rejected', 'open', 'escalated', 'resolved'].map((s) => [s, { type: 'integer' }]),
  ),
};

const MESA_SUMMARY: Record<string, SchemaObject> = {
  mesaId: { type: 'string' },
  name: { type: 'string' },
  kind: { type: 'string', enum: ['sector', 'factor'] },
  scope: { type: 'string' },
  level: { type: 'string', enum: ['national', 'regional'] },
  region: nullableString,
  convener: { type: 'string' },
  status: { type: 'string', enum: ['proposed', 'launched', 'closed'] },
  launchedAt: { ...instant, nullable: true },
  problems: STATUS_COUNTS_SCHEMA,
};

export const MESA_LIST_SCHEMA: SchemaObject = {
  type: 'object',
  properties: { mesas: { type: 'array', items: { type: 'object', properties: MESA_SUMMARY } } },
};

export const MESA_SCHEMA: SchemaObject = {
  type: 'object',
  properties: {
    ...MESA_SUMMARY,
    cadenceDays: { type: 'integer', enum: [7, 14] },
    viability: { type: 'object', nullable: true },
    proposedAt: instant,
    closedAt: { ...instant, nullable: true },
    closeReason: nullableString,
    participants: { type: 'array', items: { type: 'object' } },
    sessions: { type: 'array', items: { type: 'object' } },
    convenerHistory: { type: 'array', items: { type: 'object' } },
  },
};

export const MATRIX_SCHEMA: SchemaObject = {
  type: 'object',
  properties: {
    mesaId: { type: 'string' },
    asOf: instant,
    position: { type: 'string', description: 'the log position the matrix includes' },
    rows: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          problemId: { type: 'string' },
          title: { type: 'string' },
          barrier: { type: 'string' },
          ownership: nullableString,
          rootCause: nullableString,
          rank: { type: 'integer', nullable: true },
          status: { type: 'string', enum: ['raised', 'rejected', 'open', 'escalated', 'resolved'] },
          solution: {
            type: 'object',
            nullable: true,
            properties: { revision: { type: 'integer' }, text: { type: 'string' } },
          },
          tasks: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                taskId: { type: 'string' },
                title: { type: 'string' },
                responsibleEntity: { type: 'string' },
                dueOn: { type: 'string', format: 'date' },
                status: { type: 'string', enum: ['open', 'done', 'cancelled'] },
                overdue: { type: 'boolean' },
              },
            },
          },
          escalation: {
            type: 'object',
            nullable: true,
            properties: { reason: { type: 'string' }, since: instant },
          },
          raisedAt: instant,
          resolvedAt: { ...instant, nullable: true },
          decidedIn: { type: 'array', items: { type: 'object' } },
        },
      },
    },
  },
};

/** `GET /problems/{p}`: the problem's matrix row and its public timeline. */
export const PROBLEM_STORY_SCHEMA: SchemaObject = {
  type: 'object',
  properties: {
    problemId: { type: 'string' },
    mesaId: { type: 'string' },
    row: {
      ...(MATRIX_SCHEMA.properties?.rows as SchemaObject).items,
      description: 'the matrix row, as in /mesas/{m}/matrix, with mesaId and description',
    } as SchemaObject,
    timeline: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          type: { type: 'string' },
          occurredAt: instant,
          recordedAt: instant,
          sessionId: { type: 'string' },
          summary: { type: 'string' },
          historyIndex: { type: 'integer' },
          data: { type: 'object', description: 'the public fields of the event' },
        },
      },
    },
  },
};

export const MATRIX_DIFF_SCHEMA: SchemaObject = {
  type: 'object',
  properties: {
    mesaId: { type: 'string' },
    from: instant,
    to: instant,
    events: { type: 'integer' },
    before: { type: 'object' },
    after: { type: 'object' },
    problemsAdded: { type: 'array', items: { type: 'object' } },
    statusChanges: { type: 'array', items: { type: 'object' } },
    solutionRevisions: { type: 'array', items: { type: 'object' } },
    tasks: { type: 'array', items: { type: 'object' } },
    escalations: { type: 'array', items: { type: 'object' } },
    decisions: { type: 'array', items: { type: 'object' } },
    sessions: { type: 'array', items: { type: 'object' } },
  },
};

export const HISTORY_PAGE_SCHEMA: SchemaObject = {
  type: 'object',
  properties: {
    entries: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          index: { type: 'integer' },
          eventId: { type: 'string' },
          type: { type: 'string' },
          mesaId: { type: 'string' },
          problemId: { type: 'string' },
          occurredAt: instant,
          recordedAt: instant,
          summary: { type: 'string' },
          leafHash: { type: 'string', description: 'hex SHA-256 of the RFC 9162 leaf' },
          data: { type: 'object' },
          sessionId: { type: 'string' },
        },
      },
    },
    nextAfter: { type: 'integer', nullable: true },
  },
};

export const AUDIT_PAGE_SCHEMA: SchemaObject = {
  type: 'object',
  properties: {
    events: {
      type: 'array',
      description: 'event envelopes, as on Kafka (see /asyncapi.json)',
      items: { type: 'object' },
    },
    nextAfter: { type: 'string', nullable: true, description: 'opaque; pass back as `after`' },
  },
};

export const HEALTH_SCHEMA: SchemaObject = {
  type: 'object',
  properties: {
    status: { type: 'string', enum: ['ok', 'degraded', 'stalled'] },
    projections: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          name: { type: 'string' },
          state: { type: 'string', enum: ['running', 'stalled', 'standby', 'stopped'] },
          checkpoint: { type: 'string', nullable: true, description: 'opaque' },
          lag: { type: 'integer' },
          stalledAt: {
            type: 'object',
            description: 'the event a stalled projection stopped at, and why',
            properties: {
              position: { type: 'string' },
              eventId: { type: 'string' },
              type: { type: 'string' },
              streamId: { type: 'string' },
              error: { type: 'string' },
              since: { type: 'string', format: 'date-time' },
              attempts: { type: 'integer' },
            },
          },
          failing: {
            type: 'object',
            description: 'batches failing and being retried with backoff',
            properties: {
              error: { type: 'string' },
              failures: { type: 'integer' },
              since: { type: 'string', format: 'date-time' },
            },
          },
        },
      },
    },
    kafka: { type: 'object' },
  },
};

export const CHECKPOINT_SCHEMA: SchemaObject = {
  type: 'object',
  properties: {
    treeSize: { type: 'integer' },
    rootHash: { type: 'string' },
    signature: { type: 'string', description: 'base64 Ed25519' },
  },
};

export const KEY_SCHEMA: SchemaObject = {
  type: 'object',
  properties: {
    algorithm: { type: 'string', enum: ['Ed25519'] },
    publicKeyPem: { type: 'string' },
  },
};

export const INCLUSION_PROOF_SCHEMA: SchemaObject = {
  type: 'object',
  properties: {
    index: { type: 'integer' },
    treeSize: { type: 'integer' },
    leafHash: { type: 'string' },
    auditPath: { type: 'array', items: { type: 'string' } },
  },
};

export const CONSISTENCY_PROOF_SCHEMA: SchemaObject = {
  type: 'object',
  properties: {
    first: { type: 'integer' },
    second: { type: 'integer' },
    path: { type: 'array', items: { type: 'string' } },
  },
};
