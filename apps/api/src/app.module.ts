import { createSecretKey } from 'node:crypto';
import { DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { JwtModule } from '@nestjs/jwt';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import type { DocumentStore } from '@mesas/projections';
import { AppConfig, DOCUMENT_STORE, RuntimeModule, authSecretOf } from '@mesas/runtime';
import { AnalyticsController } from './analytics/analytics.http.controller';
import { AuditController } from './audit/audit.http.controller';
import { BearerAuthGuard } from './auth/bearer-auth.guard';
import { AggregateStates } from './commands/aggregate-state';
import { CONFLICT_RETRY, COMMAND_RETRY, ConflictRetryPolicy } from './commands/conflict-retry';
import { MesaCommandHandler } from './commands/mesa-command.handler';
import { ProblemCommandHandler } from './commands/problem-command.handler';
import { HealthController } from './health/health.http.controller';
import { HttpCacheInterceptor } from './http/http-cache.interceptor';
import { DrainState } from './http/request-context.middleware';
import { ResponseCache } from './http/response-cache';
import { ApiMetrics } from './observability/api-metrics';
import { MetricsController } from './observability/metrics.http.controller';
import { HistoryController } from './history/history.http.controller';
import { MatrixDiffController } from './history/matrix-diff.http.controller';
import { TransparencyController } from './history/transparency.http.controller';
import { TlogController } from './history/tlog.http.controller';
import { TransparencySigner } from './history/transparency-signer';
import { QueryInterceptor } from './http/query-schema';
import { WitnessCosigner } from './history/witness-cosigner';
import { MesaCommandsController } from './mesas/mesa-commands.http.controller';
import { ProblemCommandsController } from './problems/problem-commands.http.controller';
import { MesaQueriesController } from './queries/mesa-queries.http.controller';
import { ProblemQueriesController } from './queries/problem-queries.http.controller';
import { ReadModels } from './queries/read-models';
import { VocabulariesController } from './vocabularies/vocabularies.http.controller';
import { PortalReads } from './portal/portal-reads';

@Module({})
export class AppModule {
  static forRoot(
    config: AppConfig,
    overrides: { readonly retry?: ConflictRetryPolicy } = {},
  ): DynamicModule {
    const secret = authSecretOf(config);
    const hmacKey = createSecretKey(Buffer.from(secret, 'utf8'));
    return {
      module: AppModule,
      imports: [
        RuntimeModule.forRoot(config),
        CqrsModule.forRoot(),
        // readiness failures are answered (and access-logged) as 503s; no log line per probe
        TerminusModule.forRoot({ logger: false }),
        JwtModule.register({
          // a KeyObject made once: given the string, jsonwebtoken would first try (and fail) to
          // parse it as a public key on every request, most of a verification's cost
          secretOrKeyProvider: () => hmacKey,
          signOptions: { algorithm: 'HS256' },
          verifyOptions: { algorithms: ['HS256'] },
        }),
      ],
      controllers: [
        MesaCommandsController,
        ProblemCommandsController,
        MesaQueriesController,
        ProblemQueriesController,
        AuditController,
        AnalyticsController,
        HistoryController,
        TransparencyController,
        TlogController,
        MatrixDiffController,
        HealthController,
        VocabulariesController,
        MetricsController,
      ],
      providers: [
        { provide: COMMAND_RETRY, useValue: overrides.retry ?? CONFLICT_RETRY },
        ReadModels,
        BearerAuthGuard,
        AggregateStates,
        MesaCommandHandler,
        ProblemCommandHandler,
        TransparencySigner,
        WitnessCosigner,
        PortalReads,
        // every route's query string is checked against its declared schema (none: no parameter)
        { provide: APP_INTERCEPTOR, useClass: QueryInterceptor },
        ApiMetrics,
        { provide: DrainState, useValue: new DrainState() },
        {
          provide: ResponseCache,
          useFactory: (documents: DocumentStore) => new ResponseCache(documents),
          inject: [DOCUMENT_STORE],
        },
        { provide: APP_INTERCEPTOR, useClass: HttpCacheInterceptor },
      ],
    };
  }
}
