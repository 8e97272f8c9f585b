import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { PROJECTIONS, RuntimeModule, loadConfig } from '@mesas/runtime';

/**
 * The worker of the server profile: the projection runners and the Kafka publisher out of the
 * request path, no HTTP.
 *
 * It boots the same RuntimeModule as the API, with `runProjections` forced on, so it runs
 * exactly the registry the API would (PROJECTIONS) on the same stores, and nothing listens on a
 * port. Start as many as you like: each projection runs in one of them at a time (a PostgreSQL
 * advisory lock per projection); the others stand by and take over within about a second when
 * it dies.
 */
async function main(): Promise<void> {
  const config = { ...loadConfig(), runProjections: true };
  const logger = new Logger('Worker');
  if (config.eventStore === 'sqlite') {
    logger.warn(
      'EVENT_STORE=sqlite: the embedded profile runs projections in the API; a worker is for the server profile',
    );
  }
  const app = await NestFactory.createApplicationContext(RuntimeModule.forRoot(config));
  app.enableShutdownHooks();
  logger.log(
    `worker ready (profile: ${config.eventStore}, schema: ${config.databaseSchema}, ` +
      `projections: ${PROJECTIONS.map((p) => p.name).join(', ')})`,
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
