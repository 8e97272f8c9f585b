import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import type { EventStore } from '@mesas/event-store';
import { DocumentStore, Projection, ProjectionRunner, matrixProjection } from '@mesas/projections';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG, DOCUMENT_STORE, EVENT_STORE } from './tokens';

/** Every projection this build maintains; later read models register here. */
export const PROJECTIONS: readonly Projection[] = [matrixProjection];

/**
 * Runs the projections in this process when the profile says so (embedded), and lets queries
 * wait until a projection has reached a position whoever runs it (here or in a worker).
 */
@Injectable()
export class ProjectionHost implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('Projections');
  private readonly runners: ProjectionRunner[] = [];

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(DOCUMENT_STORE) private readonly documents: DocumentStore,
  ) {}

  onModuleInit(): void {
    if (!this.config.runProjections) return;
    for (const projection of PROJECTIONS) {
      const runner = new ProjectionRunner(projection, this.store, this.documents, {
        onError: (error) => this.logger.error(`${projection.name}: ${String(error)}`),
      });
      runner.start();
      this.runners.push(runner);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.runners.map((r) => r.stop()));
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
