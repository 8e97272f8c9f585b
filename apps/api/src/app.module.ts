import { DynamicModule, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { JwtModule } from '@nestjs/jwt';
import type { EventStore } from '@mesas/event-store';
import type { DocumentStore } from '@mesas/projections';
import { AnalyticsController } from './analytics/analytics.http.controller';
import { AuditController } from './audit/audit.http.controller';
import { resolveAuthSecret } from './auth/auth-secret';
import { BearerAuthGuard } from './auth/bearer-auth.guard';
import { MesaCommandHandler } from './commands/mesa-command.handler';
import { ProblemCommandHandler } from './commands/problem-command.handler';
import type { AppConfig } from './config/app-config';
import { HealthController } from './health/health.http.controller';
import { HistoryController } from './history/history.http.controller';
import { MatrixDiffController } from './history/matrix-diff.http.controller';
import { TransparencyController } from './history/transparency.http.controller';
import { TransparencySigner } from './history/transparency-signer';
import { ProjectionHost } from './infrastructure/projection-host';
import { openDocumentStore, openEventStore } from './infrastructure/store-factory';
import { APP_CONFIG, DOCUMENT_STORE, EVENT_STORE } from './infrastructure/tokens';
import { MesaCommandsController } from './mesas/mesa-commands.http.controller';
import { ProblemCommandsController } from './problems/problem-commands.http.controller';
import { MesaQueriesController } from './queries/mesa-queries.http.controller';
import { ReadModels } from './queries/read-models';

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

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    const secret = resolveAuthSecret(config.authSecret, config.dataDir);
    return {
      module: AppModule,
      imports: [
        CqrsModule.forRoot(),
        JwtModule.register({
          secret,
          signOptions: { algorithm: 'HS256' },
          verifyOptions: { algorithms: ['HS256'] },
        }),
      ],
      controllers: [
        MesaCommandsController,
        ProblemCommandsController,
        MesaQueriesController,
        AuditController,
        AnalyticsController,
        HistoryController,
        TransparencyController,
        MatrixDiffController,
        HealthController,
      ],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: EVENT_STORE, useFactory: () => openEventStore(config) },
        { provide: DOCUMENT_STORE, useFactory: () => openDocumentStore(config) },
        StoreCloser,
        ProjectionHost,
        ReadModels,
        BearerAuthGuard,
        MesaCommandHandler,
        ProblemCommandHandler,
        TransparencySigner,
      ],
    };
  }
}
