import { createHash, randomUUID } from 'node:crypto';
import { UnprocessableEntityException } from '@nestjs/common';
import { Forbidden } from '@mesas/domain';
import type { EventStore, StoredEvent } from '@mesas/event-store';
import type { CommandResult, RequestContext } from './command-messages';

/**
 * Idempotency without a second table: a command sent with an `Idempotency-Key` gets a command
 * id derived from the actor and the key, and event ids derived from that. A retry finds the
 * first attempt's events by command id and answers with them; two racing attempts collide on
 * the event ids and the loser answers the same way. The events and the record of the command
 * are therefore one write.
 */
export function commandIdOf(context: RequestContext): string {
  if (context.idempotencyKey === undefined) return randomUUID();
  return digest(`${context.actor.sub}\n${context.idempotencyKey}`);
}

export function eventIdFor(context: RequestContext, commandId: string, index: number): string {
  if (context.idempotencyKey === undefined) return randomUUID();
  return uuidFromDigest(digest(`${commandId}\n${index}`));
}

export async function previousResult(
  store: EventStore,
  context: RequestContext,
  commandId: string,
  resultId: string,
): Promise<CommandResult | null> {
  if (context.idempotencyKey === undefined) return null;
  const events = await store.findByCommandId(commandId);
  if (events.length === 0) return null;
  if (events[0].metadata.requestHash !== context.requestHash) {
    throw new UnprocessableEntityException(
      'this Idempotency-Key was already used with another request',
    );
  }
  // a replay answers only where the token may act now: scope is checked again, not remembered
  const mesaId = events[0].data.mesaId;
  if (context.actor.mesaId !== undefined && mesaId !== context.actor.mesaId) {
    throw new Forbidden(`this token acts in mesa ${context.actor.mesaId} only`);
  }
  return resultOf(events, events[0].metadata.resultId ?? resultId);
}

export function resultOf(events: readonly StoredEvent[], id: string): CommandResult {
  const last = events[events.length - 1];
  return {
    id,
    streamId: last.streamId,
    version: last.streamVersion,
    position: last.globalPosition.toString(),
  };
}

export function digest(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function uuidFromDigest(hex: string): string {
  // RFC 9562 layout, version 8 (custom), variant 10
  const h = hex.slice(0, 32).split('');
  h[12] = '8';
  h[16] = ((parseInt(h[16], 16) & 0x3) | 0x8).toString(16);
  const s = h.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20, 32)}`;
}
