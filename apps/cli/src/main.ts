import 'reflect-metadata';
import { boundHeapGrowth } from '@mesas/runtime';
import type { CliCommand } from './cli-command';
import {
  projectionsRebuildCommand,
  projectionsStatusCommand,
} from './commands/projections.command';
import { tokenCommand } from './commands/token.command';
import { auditVerifyCommand } from './commands/audit-verify.command';
import { exportCommand } from './commands/export.command';
import { demoLoadCommand, demoStatusCommand } from './commands/demo.command';
import { witnessKeyCommand, witnessServeCommand } from './commands/witness.command';

/** Every subcommand of `mesas`; each lives in its own file under ./commands. */
const COMMANDS: readonly CliCommand[] = [
  tokenCommand,
  projectionsStatusCommand,
  projectionsRebuildCommand,
  auditVerifyCommand,
  exportCommand,
  demoLoadCommand,
  demoStatusCommand,
  witnessKeyCommand,
  witnessServeCommand,
];

function help(): string {
  const lines = COMMANDS.map((c) => `  ${c.usage}\n      ${c.summary}`);
  return `usage: mesas <command>\n\n${lines.join('\n')}\n\nConfiguration comes from the environment (DATA_DIR, EVENT_STORE, DATABASE_URL, AUTH_SECRET, ...).`;
}

function commandHelp(command: CliCommand): string {
  return [
    `usage: ${command.usage}`,
    '',
    command.summary,
    ...(command.details ? ['', command.details] : []),
    '',
    'Configuration comes from the environment, checked as the server checks it (README "Operations").',
  ].join('\n');
}

export async function runCli(argv: string[]): Promise<number> {
  // a rebuild's garbage is collected before the heap grows far past what it keeps
  boundHeapGrowth();
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === 'help') {
    console.log(help());
    return argv.length === 0 ? 2 : 0;
  }
  const command = [...COMMANDS]
    .sort((a, b) => b.path.length - a.path.length)
    .find((c) => c.path.every((word, i) => argv[i] === word));
  if (!command && (argv.includes('--help') || argv.includes('-h'))) {
    console.log(help());
    return 0;
  }
  if (!command) {
    console.error(`unknown command: mesas ${argv.join(' ')}\n\n${help()}`);
    return 2;
  }
  const args = argv.slice(command.path.length);
  if (args.includes('--help') || args.includes('-h')) {
    console.log(commandHelp(command));
    return 0;
  }
  try {
    return await command.run(args);
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    return 1;
  }
}

if (require.main === module) {
  runCli(process.argv.slice(2)).then(
    (code) => process.exit(code),
    () => process.exit(1),
  );
}
