import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import type { EventStore } from '@mesas/event-store';
import { resolveAuthSecret, loadConfig, EVENT_STORE } from '@mesas/runtime';
import { loadDemoData } from './demo/demo-loader';
import { API_PREFIX, createApp } from './http/create-app';

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await createApp(config);
  await app.listen(config.port, '0.0.0.0');
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1').replace('0.0.0.0', '127.0.0.1');
  const logger = new Logger('Mesas');
  logger.log(`API on ${url}/${API_PREFIX}, OpenAPI on ${url}/docs (profile: ${config.eventStore})`);
  if (config.demoData) {
    const store = app.get<EventStore>(EVENT_STORE);
    const secret = resolveAuthSecret(config.authSecret, config.dataDir);
    const report = await loadDemoData(`${url}/${API_PREFIX}`, secret, store);
    if (!report) logger.log('the store already holds events: demo data not loaded');
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
