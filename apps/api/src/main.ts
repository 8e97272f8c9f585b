import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { loadDemo } from '@mesas/demo';
import type { EventStore } from '@mesas/event-store';
import { authSecretOf, boundHeapGrowth, loadConfig, EVENT_STORE, signToken } from '@mesas/runtime';
import { API_PREFIX, createApp } from './http/create-app';
import { installGracefulShutdown } from './http/graceful-shutdown';

async function main(): Promise<void> {
  boundHeapGrowth();
  const config = loadConfig();
  const app = await createApp(config);
  const logger = new Logger('Mesas');
  installGracefulShutdown(app, config.shutdownGraceMs, logger);
  await app.listen(config.port, config.host);
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1').replace('0.0.0.0', '127.0.0.1');
  logger.log(
    `API on ${url}/${API_PREFIX}, OpenAPI on ${url}/docs (profile: ${config.eventStore}, ` +
      `projections: ${config.runProjections ? 'in this process, under their leases' : 'in workers'})`,
  );
  if (config.demoData) {
    // an empty store gets the demo, an interrupted load is resumed, a store holding other
    // events is left alone (libs/demo/README.md)
    const secret = authSecretOf(config);
    const demo = new Logger('Demo');
    await loadDemo({
      baseUrl: `${url}/${API_PREFIX}`,
      store: app.get<EventStore>(EVENT_STORE),
      token: (actor) => signToken(secret, actor),
      log: (line) => demo.log(line),
    });
  }
}

main().catch((error: unknown) => {
  // a configuration error names every bad variable; print it as is, without a stack
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
