import { DynamicModule, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import type { EventStore } from '@mesas/event-store';
import type { DocumentStore } from '@mesas/projections';
import type { AppConfig } from './config/app-config';
import { APP_CONFIG, DOCUMENT_STORE, EVENT_STORE } from './injection-tokens';
import { RuntimeMetrics, countingAppends } from './observability/runtime-metrics';
import { ProjectionHost } from './projections/projection-host';
import { openDocumentStore, openEventStore } from './stores/store-factory';

/** Closes the stores last, after the projection runners have stopped. */
class StoreCloser implements OnApplicationShutdown {
  constructor(
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(DOCUMENT_STORE) private readonly documents: DocumentStore,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await this.documents.close();
    await this.events.close();
  }
}

/**
 * What every mesas process boots, whatever else it serves: the configuration, the event store
 * of the profile (upcasting on read, appends counted), the read-model store, the process's
 * metrics registry, and the projection host (the
 * projection runners, the Kafka publisher, waits for a position). The API adds HTTP to it, the
 * worker nothing. Global, so that feature modules inject the ports by token.
 *
 * Shutdown order: the host stops its runners and the publisher in `beforeApplicationShutdown`,
 * then the stores close in `onApplicationShutdown`.
 */
@Module({})
export class RuntimeModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: RuntimeModule,
      global: true,
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: RuntimeMetrics, useFactory: () => new RuntimeMetrics() },
        {
          provide: EVENT_STORE,
          useFactory: async (metrics: RuntimeMetrics) =>
            countingAppends(await openEventStore(config), metrics),
          inject: [RuntimeMetrics],
        },
        { provide: DOCUMENT_STORE, useFactory: () => openDocumentStore(config) },
        StoreCloser,
        ProjectionHost,
      ],
      exports: [APP_CONFIG, EVENT_STORE, DOCUMENT_STORE, ProjectionHost, RuntimeMetrics],
    };
  }
}
