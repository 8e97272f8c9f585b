import type { MatrixStatus, MesaStatus, TaskStatus } from '@mesas/domain';

/** The documents of the matrix projection (JSON, as stored). */

export type TaskDoc = {
  taskId: string;
  title: string;
  responsibleEntity: string;
  dueOn: string;
  status: TaskStatus;
  assignedAt: string;
  completedAt: string | null;
};

export type MatrixRowDoc = {
  problemId: string;
  mesaId: string;
  title: string;
  description: string | null;
  barrier: string;
  raisedBy: string;
  ownership: string | null;
  rootCause: string | null;
  rank: number | null;
  status: MatrixStatus;
  accepted: boolean;
  rejectionReason: string | null;
  solution: { revision: number; text: string } | null;
  tasks: TaskDoc[];
  escalation: { reason: string; since: string } | null;
  raisedAt: string;
  resolvedAt: string | null;
  /** the session where each decision on this problem was taken, when the command named one */
  decidedIn: { type: string; sessionId: string; occurredAt: string }[];
};

export type ParticipantDoc = {
  participantId: string;
  name: string;
  organisation: string;
  role: string;
  joinedAt: string;
  leftAt: string | null;
  active: boolean;
};

export type SessionDoc = {
  sessionId: string;
  type: string;
  heldOn: string;
  attendees: string[];
  problemIds: string[];
  summary: string | null;
};

export type MesaDoc = {
  mesaId: string;
  name: string;
  kind: string;
  scope: string;
  level: string;
  region: string | null;
  convener: string;
  cadenceDays: number;
  status: MesaStatus;
  viability: { viable: boolean; notes: string; assessedAt: string } | null;
  proposedAt: string;
  launchedAt: string | null;
  closedAt: string | null;
  closeReason: string | null;
  participants: ParticipantDoc[];
  sessions: SessionDoc[];
  convenerHistory: { convener: string; since: string; reason: string | null }[];
};
