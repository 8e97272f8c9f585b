import type { INestApplication, LoggerService } from '@nestjs/common';
import type { Server } from 'node:http';
import { DrainState } from './request-context.middleware';

/**
 * What SIGTERM or SIGINT does to an API process, within SHUTDOWN_GRACE_MS:
 *
 * 1. stop accepting connections; close the idle keep-alive ones; every response not yet
 *    started, and every request that still arrives on an open connection, is answered with
 *    `Connection: close` (new requests: 503, retry elsewhere), so no client can keep the
 *    process busy;
 * 2. wait for the requests in flight, downloads included, to finish;
 * 3. at the grace's end, cut whatever is still open (a download to a reader that stopped
 *    reading ends incomplete, which its client sees);
 * 4. close the app: projection runners and the publisher stop at a checkpoint, then the stores;
 * 5. exit 0. A second signal exits at once (1).
 */
export function installGracefulShutdown(
  app: INestApplication,
  graceMs: number,
  logger: LoggerService,
): void {
  const drain = app.get(DrainState);
  const server = app.getHttpServer() as Server;
  let stopping = false;
  const shutdown = async (signal: NodeJS.Signals): Promise<void> => {
    if (stopping) {
      logger.warn?.(`${signal} again: exiting now`, 'Shutdown');
      process.exit(1);
    }
    stopping = true;
    const started = Date.now();
    logger.log(
      `${signal}: draining (${drain.inFlight.size} requests in flight, grace ${graceMs} ms)`,
      'Shutdown',
    );
    drain.startDraining();
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    const grace = new Promise<'timeout'>((resolve) =>
      setTimeout(() => resolve('timeout'), graceMs).unref(),
    );
    const outcome = await Promise.race([drain.idle().then(() => 'drained' as const), grace]);
    if (outcome === 'timeout') {
      logger.warn?.(`grace over: closing ${drain.inFlight.size} unfinished responses`, 'Shutdown');
    }
    server.closeAllConnections();
    await closed;
    await app.close();
    logger.log(`stopped after ${Date.now() - started} ms`, 'Shutdown');
    process.exit(0);
  };
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.on(signal, () => {
      shutdown(signal).catch((error: unknown) => {
        logger.error(
          `shutdown failed: ${error instanceof Error ? error.message : error}`,
          'Shutdown',
        );
        process.exit(1);
      });
    });
  }
}
