import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  OnModuleInit,
} from '@nestjs/common';
import type { EventStore } from '@mesas/event-store';
import {
  DocumentStore,
  ProjectionRunner,
  ProjectionStatus,
  projectionStatus,
} from '@mesas/projections';
import { KafkaEventPublisher, KafkaHealth, KafkaHealthCheck } from '@mesas/messaging';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG, DOCUMENT_STORE, EVENT_STORE } from '../injection-tokens';
import { RepeatedFailureLog } from '../logging/json-logger';
import { RuntimeMetrics } from '../observability/runtime-metrics';
import { Gauge } from 'prom-client';
import { PROJECTIONS } from './projection-registry';

/**
 * Runs the projections in this process unless PROJECTIONS=worker (in the server profile each
 * runner works only while it holds its PostgreSQL advisory lease), reports their status and
 * metrics, and lets queries wait until a projection has reached a position whoever runs it.
 */
@Injectable()
export class ProjectionHost implements OnModuleInit, BeforeApplicationShutdown {
  private readonly logger = new Logger('Projections');
  private readonly runners = new Map<string, ProjectionRunner>();
  /** the Kafka publisher, where the projections run and KAFKA_BROKERS is set */
  private publisher: KafkaEventPublisher | null = null;
  private kafkaHealthCheck: KafkaHealthCheck | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(DOCUMENT_STORE) private readonly documents: DocumentStore,
    private readonly metrics: RuntimeMetrics,
  ) {}

  onModuleInit(): void {
    this.registerMetrics();
    if (!this.config.runProjections) return;
    for (const projection of PROJECTIONS) {
      const runner = new ProjectionRunner(projection, this.store, this.documents, {
        onError: (error) => this.logger.warn(`${projection.name}: ${String(error)}`),
        onStall: (stall) => {
          if (stall) {
            this.logger.error(
              `${projection.name} is stalled at position ${stall.position}: event ${stall.eventId} ` +
                `(${stall.type}) since ${stall.since}: ${stall.error}`,
            );
          } else {
            this.logger.log(`${projection.name} got past the event it was stalled at`);
          }
        },
      });
      runner.start();
      this.runners.set(projection.name, runner);
    }
    this.startKafkaPublisher();
  }

  /** Before the stores close (onApplicationShutdown hooks run concurrently, after this). */
  async beforeApplicationShutdown(): Promise<void> {
    // the publisher waits up to 5 s for a batch in flight, then disconnects its producer
    await Promise.all([...[...this.runners.values()].map((r) => r.stop()), this.publisher?.stop()]);
  }

  /**
   * Every projection's state, checkpoint and lag, and the event it is stalled at, if any: from
   * its runner when this process runs it, else from what the running process recorded in the
   * read-model store. For health, readiness and metrics.
   */
  status(): Promise<ProjectionStatus[]> {
    return Promise.all(
      PROJECTIONS.map((p) =>
        projectionStatus(p.name, this.store, this.documents, this.runners.get(p.name) ?? null),
      ),
    );
  }

  /**
   * `mesas_projection_lag_events` and `mesas_projection_stalled`, computed at each scrape from
   * one `status()` (shared by both gauges of that scrape).
   */
  private registerMetrics(): void {
    let scrape: { at: number; status: Promise<ProjectionStatus[]> } | null = null;
    const current = (): Promise<ProjectionStatus[]> => {
      if (!scrape || Date.now() - scrape.at > 500) {
        scrape = { at: Date.now(), status: this.status() };
      }
      return scrape.status;
    };
    new Gauge({
      name: 'mesas_projection_lag_events',
      help: 'events in the log the projection has not applied yet',
      labelNames: ['projection'],
      registers: [this.metrics.registry],
      async collect() {
        for (const s of await current()) this.set({ projection: s.name }, s.lag);
      },
    });
    new Gauge({
      name: 'mesas_projection_stalled',
      help: '1 when the projection is stalled at an event it cannot apply',
      labelNames: ['projection'],
      registers: [this.metrics.registry],
      async collect() {
        for (const s of await current()) {
          this.set({ projection: s.name }, s.state === 'stalled' ? 1 : 0);
        }
      },
    });
  }

  /**
   * One more checkpointed consumer of the log, run wherever the projections run (embedded: the
   * API process; server profile: the worker). It retries an unreachable broker in the
   * background, so a broker that is down never keeps the app from starting.
   */
  private startKafkaPublisher(): void {
    if (this.config.kafkaBrokers.length === 0) return;
    const logger = new Logger('KafkaPublisher');
    // the broker being down shows as warnings with backoff, not a line per retry
    const failures = new RepeatedFailureLog((m) => logger.warn(m));
    this.publisher = new KafkaEventPublisher(this.store, this.documents, {
      brokers: this.config.kafkaBrokers,
      topic: this.config.kafkaTopic,
      partitions: this.config.kafkaPartitions,
      logger: {
        // its own warnings come once per outage; an info line means it is publishing again
        log: (m) => {
          failures.succeeded();
          logger.log(m);
        },
        warn: (m) => logger.warn(m),
        error: (m) => logger.error(m),
        debug: (m) => logger.debug(m),
      },
      onError: (error) =>
        failures.failed(`publishing failed: ${error instanceof Error ? error.message : error}`),
    });
    this.publisher.start();
  }

  /** The `kafka` section of the health endpoint, whichever process publishes. */
  kafkaHealth(): Promise<KafkaHealth> {
    this.kafkaHealthCheck ??= new KafkaHealthCheck(this.store, this.documents, {
      brokers: this.config.kafkaBrokers,
      topic: this.config.kafkaTopic,
      publisher: this.publisher,
    });
    return this.kafkaHealthCheck.check();
  }

  /**
   * Resolves true once `projection` has applied the event at `position`, false after the
   * timeout. Reads the checkpoint from the read-model store, so it also works when a worker
   * process runs the projection.
   */
  async waitFor(projection: string, position: bigint, timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const checkpoint = await this.documents.checkpoint(projection);
      if (await this.store.covers(checkpoint, position)) return true;
      if (Date.now() >= deadline) return false;
      await new Promise((r) => setTimeout(r, 20));
    }
  }
}
