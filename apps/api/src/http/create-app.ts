import { INestApplication, ValidationPipe } from '@nestjs/common';
import express from 'express';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { NestFactory, Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import type { DestinationStream } from 'pino';
import { asyncApiDocument } from '@mesas/messaging';
import { AppModule } from '../app.module';
import { TLOG_PREFIX } from '../history/tlog.http.controller';
import { AppConfig, JsonLogger, SecretScrubber } from '@mesas/runtime';
import type { ConflictRetryPolicy } from '../commands/conflict-retry';
import { ApiMetrics } from '../observability/api-metrics';
import { installBodyParsing } from './body-parsing';
import { ErrorResponseFilter } from './domain-exception.filter';
import { openApiDocument } from './openapi-document';
import { PortalReads } from '../portal/portal-reads';
import { portalRouter } from '../portal/portal.routes';
import { installCors, installRateLimits, installSecurityHeaders } from './public-edge';
import { DrainState, installRequestContext } from './request-context.middleware';
import { installHeaderChecks } from './request-headers';
import { ResponseCache, installResponseCache } from './response-cache';
import { installFastReads } from './fast-reads';
import { FastCommandEdge, commandRoutes, installFastCommands } from './fast-commands';
import { BearerAuthGuard } from '../auth/bearer-auth.guard';
import { MesaCommandsController } from '../mesas/mesa-commands.http.controller';
import { ProblemCommandsController } from '../problems/problem-commands.http.controller';
import type { Server } from 'node:http';

export const API_PREFIX = 'api/v1';

export interface CreateAppOptions {
  /** false: no log at all (tests); otherwise JSON lines at LOG_LEVEL on stdout */
  readonly logger?: false;
  /** where the JSON lines go instead of stdout (tests that read the log) */
  readonly logDestination?: DestinationStream;
  /** the conflict-retry policy of the command handlers (the benchmark compares two) */
  readonly retry?: ConflictRetryPolicy;
  /** false: commands go through Express and Nest only (tests comparing the two paths) */
  readonly fastCommands?: false;
}

/**
 * Builds the whole HTTP application for a configuration: the same function serves `npm start`,
 * the e2e tests and the demo loader, so the tests exercise what users run.
 *
 * The edge, in order: correlation id, access log and HTTP metrics (every request, refused ones
 * included); header checks; security headers; CORS; rate limits; the response cache; body parsing;
 * the portal; the API under /api/v1, and /tlog and /metrics at the root. In front of it all, two
 * request listeners answer what they can answer identically with the same pieces: cached public
 * reads (fast-reads.ts) and commands (fast-commands.ts); everything else reaches Express.
 */
export async function createApp(
  config: AppConfig,
  options: CreateAppOptions = {},
): Promise<INestApplication> {
  const logger =
    options.logger === false
      ? null
      : new JsonLogger(
          config.logLevel,
          new SecretScrubber([config.authSecret, config.transparencyKey.pem]),
          options.logDestination,
        );
  const overrides = options.retry ? { retry: options.retry } : {};
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.forRoot(config, overrides),
    { bodyParser: false, logger: logger ?? false },
  );
  const metrics = app.get(ApiMetrics);
  const drain = app.get(DrainState);
  installRequestContext(app, logger, metrics, drain);
  // malformed Idempotency-Key / X-Correlation-Id: a 400, logged with the id the context made
  installHeaderChecks(app);
  installSecurityHeaders(app);
  const cors = installCors(app, config.corsOrigins);
  const rateLimits = installRateLimits(app, config.rateLimits);
  // public GETs answered again from their serialized bytes while their checkpoints hold: the
  // answers are captured here, and served by the fast path in front of Express
  const cache = app.get(ResponseCache);
  installResponseCache(app, cache);
  installFastReads(app.getHttpServer() as Server, {
    cache,
    logger,
    metrics,
    drain,
    cors,
    rateLimits,
  });
  installBodyParsing(app, config.bodyLimit);
  // The portal's pages (server-rendered) on their exact paths, then its static assets; both
  // before Nest's routes, neither able to answer for /api/v1, /docs or /tlog.
  app.use(portalRouter(app.get(PortalReads)));
  const assets = findPortalAssets();
  if (assets) {
    const files = express.static(assets, { index: false, maxAge: '5m' });
    // no asset lives under the API's prefix: its requests skip the file system
    app.use((req: express.Request, res: express.Response, next: express.NextFunction) =>
      req.path.startsWith(`/${API_PREFIX}/`) ? next() : files(req, res, next),
    );
  }
  // The C2SP log lives at the root (its prefix is http(s)://host/tlog), outside the API's
  // version; so does /metrics, where scrapers look.
  app.setGlobalPrefix(API_PREFIX, { exclude: [`${TLOG_PREFIX}/{*path}`, 'metrics'] });
  const filter = new ErrorResponseFilter();
  app.useGlobalFilters(filter);
  const validation = new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
  });
  app.useGlobalPipes(validation);
  SwaggerModule.setup('docs', app, () => openApiDocument(app));
  // The events' contract beside the HTTP one: built from the domain's event catalogue.
  const asyncApi = JSON.stringify(asyncApiDocument({ partitions: config.kafkaPartitions }));
  app.use('/asyncapi.json', (req: express.Request, res: express.Response, next: () => void) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    res.type('application/json').send(asyncApi);
  });
  if (options.fastCommands !== false) {
    // the command routes answered in front of Express, by the same guard, pipes, handlers and
    // filter as Nest's (fast-commands.ts); the guard's instance is this path's own
    const guard = new BearerAuthGuard(app.get(JwtService), app.get(Reflector));
    const routes = commandRoutes(
      API_PREFIX,
      [app.get(MesaCommandsController), app.get(ProblemCommandsController)],
      new Map([[BearerAuthGuard, guard]]),
    );
    installFastCommands(app.getHttpServer() as Server, routes, {
      logger,
      metrics,
      drain,
      cors,
      rateLimits,
      bodyLimit: config.bodyLimit,
      validation,
      filter,
      express: app.getHttpAdapter().getInstance() as FastCommandEdge['express'],
    });
  }
  return app;
}

/** The portal's static assets (apps/portal/public), found from the source or the compiled tree. */
function findPortalAssets(): string | null {
  for (let dir = __dirname; dir !== dirname(dir); dir = dirname(dir)) {
    const candidate = join(dir, 'apps', 'portal', 'public');
    if (existsSync(join(candidate, 'styles.css'))) return candidate;
  }
  return null;
}
