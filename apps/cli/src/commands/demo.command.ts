import {
  DEMO_LOAD_SUMMARY,
  DEMO_LOAD_USAGE,
  DEMO_STATUS_SUMMARY,
  DEMO_STATUS_USAGE,
  DemoCliContext,
  runDemoLoad,
  runDemoStatus,
} from '@mesas/demo';
import { authSecretOf, loadConfig, openEventStore, signToken } from '@mesas/runtime';
import { CliCommand, progressBar } from '../cli-command';

/** The environment's store, secret and port, for the commands of libs/demo. */
function demoContext(): DemoCliContext {
  const config = loadConfig();
  return {
    openStore: () => openEventStore(config),
    token: (actor) => signToken(authSecretOf(config), actor),
    defaultUrl: `http://127.0.0.1:${config.port}`,
    progress: (total) => progressBar('demo', total),
  };
}

export const demoLoadCommand: CliCommand = {
  path: ['demo', 'load'],
  usage: DEMO_LOAD_USAGE,
  summary: DEMO_LOAD_SUMMARY,
  run: (args) => runDemoLoad(args, demoContext),
};

export const demoStatusCommand: CliCommand = {
  path: ['demo', 'status'],
  usage: DEMO_STATUS_USAGE,
  summary: DEMO_STATUS_SUMMARY,
  run: (args) => runDemoStatus(args, demoContext),
};
