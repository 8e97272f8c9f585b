import type {
  Barrier,
  CadenceDays,
  EscalationReason,
  MatrixStatus,
  MesaKind,
  MesaLevel,
  MesaStatus,
  Ownership,
  ParticipantRole,
  RootCause,
  SessionType,
  TaskStatus,
} from '@mesas/domain';

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
  barrier: Barrier;
  raisedBy: string;
  ownership: Ownership | null;
  rootCause: RootCause | null;
  rank: number | null;
  status: MatrixStatus;
  accepted: boolean;
  rejectionReason: string | null;
  solution: { revision: number; text: string } | null;
  tasks: TaskDoc[];
  escalation: { reason: EscalationReason; since: string } | null;
  raisedAt: string;
  resolvedAt: string | null;
  /** the session where each decision on this problem was taken, when the command named one */
  decidedIn: { type: string; sessionId: string; occurredAt: string }[];
};

export type ParticipantDoc = {
  participantId: string;
  name: string;
  organisation: string;
  role: ParticipantRole;
  joinedAt: string;
  leftAt: string | null;
  active: boolean;
};

export type SessionDoc = {
  sessionId: string;
  type: SessionType;
  heldOn: string;
  attendees: string[];
  problemIds: string[];
  summary: string | null;
};

export type MesaDoc = {
  mesaId: string;
  name: string;
  kind: MesaKind;
  scope: string;
  level: MesaLevel;
  region: string | null;
  convener: string;
  cadenceDays: CadenceDays;
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
