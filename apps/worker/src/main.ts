import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import {
  JsonLogger,
  PROJECTIONS,
  RuntimeModule,
  SecretScrubber,
  boundHeapGrowth,
  loadConfig,
} from '@mesas/runtime';

/**
 * The worker of the server profile: the projection runners and the Kafka publisher out of the
 * request path, no HTTP.
 *
 * It boots the same RuntimeModule as the API, with `runProjections` forced on, so it runs
 * exactly the registry the API would on the same stores, and nothing listens on a port. Every
 * API process also runs the projections under the same leases (unless PROJECTIONS=worker), so a
 * worker is optional: where workers run, they compete for the leases like any API, and an API
 * freed of them answers faster. Each projection runs in one process at a time (a PostgreSQL
 * advisory lock per projection); the others stand by and take over within about a second when
 * it dies.
 *
 * SIGTERM/SIGINT: the runners and the publisher stop at a checkpoint, the stores close, exit 0
 * (exit 1 if that takes longer than SHUTDOWN_GRACE_MS + 5 s).
 */
async function main(): Promise<void> {
  boundHeapGrowth();
  const config = { ...loadConfig(), runProjections: true };
  const jsonLogger = new JsonLogger(
    config.logLevel,
    new SecretScrubber([config.authSecret, config.transparencyKey.pem]),
  );
  const logger = new Logger('Worker');
  const app = await NestFactory.createApplicationContext(RuntimeModule.forRoot(config), {
    logger: jsonLogger,
  });
  if (config.eventStore === 'sqlite') {
    logger.warn(
      'EVENT_STORE=sqlite: the embedded profile runs projections in the API; a worker is for the server profile',
    );
  }
  let stopping = false;
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.on(signal, () => {
      if (stopping) process.exit(1);
      stopping = true;
      logger.log(`${signal}: stopping the projections at a checkpoint`);
      setTimeout(() => {
        logger.error(`not stopped within SHUTDOWN_GRACE_MS + 5 s`);
        process.exit(1);
      }, config.shutdownGraceMs + 5000).unref();
      app.close().then(
        () => process.exit(0),
        (error: unknown) => {
          logger.error(`shutdown failed: ${error instanceof Error ? error.message : error}`);
          process.exit(1);
        },
      );
    });
  }
  logger.log(
    `worker ready (profile: ${config.eventStore}, schema: ${config.databaseSchema}, ` +
      `projections: ${PROJECTIONS.map((p) => p.name).join(', ')})`,
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
