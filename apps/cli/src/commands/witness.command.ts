import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  SIGNATURE_TYPE_ED25519,
  SignedNoteError,
  parseVkey,
  type NoteVerifierKey,
} from '@mesas/transparency';
import type { CliCommand } from '../cli-command';
import { WitnessServer } from '../witness/witness-server';
import { WitnessDataError, loadOrCreateIdentity } from '../witness/witness-store';

/** `mesas witness key`: makes (once) and prints the witness's cosignature/v1 vkey. */
export const witnessKeyCommand: CliCommand = {
  path: ['witness', 'key'],
  usage: 'mesas witness key --data DIR --name NAME',
  summary:
    "print this witness's verifier key (cosignature/v1, type 0x04), making its Ed25519 key in DIR on first use",
  async run(args) {
    const parsed = parse(args, { data: { type: 'string' }, name: { type: 'string' } });
    if (typeof parsed === 'number') return parsed;
    const { data, name } = parsed.values;
    if (typeof data !== 'string') return usage('--data DIR is required');
    try {
      console.log(loadOrCreateIdentity(resolve(data), name as string | undefined).vkey);
      return 0;
    } catch (error) {
      if (error instanceof WitnessDataError) return usage(error.message);
      throw error;
    }
  },
};

/** `mesas witness serve`: a C2SP tlog-witness for the logs given with --log. */
export const witnessServeCommand: CliCommand = {
  path: ['witness', 'serve'],
  usage:
    'mesas witness serve --data DIR --port PORT --log VKEY [--log VKEY ...] [--host HOST] [--name NAME]',
  summary:
    'serve POST /add-checkpoint (c2sp.org/tlog-witness) for the logs whose Ed25519 vkeys are given; ' +
    'state in DIR, written atomically before each cosignature',
  async run(args) {
    const parsed = parse(args, {
      data: { type: 'string' },
      name: { type: 'string' },
      port: { type: 'string' },
      host: { type: 'string' },
      log: { type: 'string', multiple: true },
    });
    if (typeof parsed === 'number') return parsed;
    const { data, name, port, host, log } = parsed.values;
    if (typeof data !== 'string') return usage('--data DIR is required');
    const portNumber = Number(port ?? '');
    if (!Number.isInteger(portNumber) || portNumber < 0 || portNumber > 65535)
      return usage('--port PORT is required (0: any free port)');
    const vkeys = (log as string[] | undefined) ?? [];
    if (vkeys.length === 0) return usage('give the log(s) to witness with --log VKEY');
    const logs: NoteVerifierKey[] = [];
    for (const vkey of vkeys) {
      try {
        const key = parseVkey(vkey);
        if (key.type !== SIGNATURE_TYPE_ED25519)
          return usage(`--log ${vkey}: a log signs its checkpoints with Ed25519 (type 0x01)`);
        logs.push(key);
      } catch (error) {
        if (error instanceof SignedNoteError) return usage(`--log ${vkey}: ${error.message}`);
        throw error;
      }
    }
    let server: WitnessServer;
    let identity;
    try {
      identity = loadOrCreateIdentity(resolve(data), name as string | undefined);
      server = new WitnessServer(resolve(data), identity, logs);
    } catch (error) {
      if (error instanceof WitnessDataError) return usage(error.message);
      throw error;
    }
    const address = await server.listen(portNumber, (host as string | undefined) ?? '127.0.0.1');
    console.log(`witness ${identity.name} on http://${address.address}:${address.port}`);
    console.log(`  vkey ${identity.vkey}`);
    for (const key of logs) console.log(`  witnessing ${key.name}`);
    await new Promise<void>((done) => {
      process.once('SIGINT', done);
      process.once('SIGTERM', done);
    });
    await server.close();
    return 0;
  },
};

type Options = Parameters<typeof parseArgs>[0] extends infer C
  ? C extends { options?: infer O }
    ? O
    : never
  : never;

function parse(args: string[], options: Options) {
  try {
    return parseArgs({ args, options, strict: true });
  } catch (error) {
    return usage((error as Error).message);
  }
}

function usage(message: string): number {
  console.error(message);
  return 2;
}
