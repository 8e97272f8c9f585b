import type { EventStore, LogCheckpoint } from '@mesas/event-store';
import type { KafkaConnection } from './kafka-client';
import { KafkaConnectivityProbe } from './kafka-client';
import {
  KAFKA_PUBLISHER,
  KafkaEventPublisher,
  PublisherCheckpoints,
} from './kafka-event-publisher';

/** The `kafka` section of GET /health. */
export type KafkaHealth =
  | { readonly enabled: false }
  | {
      readonly enabled: true;
      readonly topic: string;
      /** whether the publisher runs in this process (embedded) or elsewhere (the worker) */
      readonly publisherHere: boolean;
      /** the broker answers (and, when the publisher runs here, its sends go through) */
      readonly connected: boolean;
      /** events in the log the broker has not acknowledged yet */
      readonly lag: number;
      /** the publisher's stored checkpoint (opaque) */
      readonly checkpoint: LogCheckpoint | null;
      readonly lastError?: string;
    };

/**
 * Reports on the publisher from any process: lag and checkpoint come from the stored checkpoint
 * (what the broker acknowledged, whoever published it), connectivity from the publisher when it
 * runs here, else from a probe of the cluster.
 */
export class KafkaHealthCheck {
  private probe: KafkaConnectivityProbe | null = null;

  constructor(
    private readonly store: EventStore,
    private readonly checkpoints: PublisherCheckpoints,
    private readonly options: KafkaConnection & {
      readonly topic: string;
      readonly publisher: KafkaEventPublisher | null;
    },
  ) {}

  async check(): Promise<KafkaHealth> {
    if (this.options.brokers.length === 0) return { enabled: false };
    const publisher = this.options.publisher;
    if (publisher) {
      const s = await publisher.status();
      return {
        enabled: true,
        topic: s.topic,
        publisherHere: true,
        connected: s.connected,
        lag: s.lag,
        checkpoint: s.checkpoint,
        ...(s.lastError ? { lastError: s.lastError } : {}),
      };
    }
    const checkpoint = await this.checkpoints.checkpoint(KAFKA_PUBLISHER);
    this.probe ??= new KafkaConnectivityProbe({
      ...this.options,
      clientId: this.options.clientId ?? 'mesas-health',
    });
    const reach = await this.probe.check();
    return {
      enabled: true,
      topic: this.options.topic,
      publisherHere: false,
      connected: reach.connected,
      lag: await this.store.lagOf(checkpoint),
      checkpoint,
      ...(reach.connected ? {} : { lastError: reach.error }),
    };
  }
}
