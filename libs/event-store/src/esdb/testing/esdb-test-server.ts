import { EventStoreDBClient, jsonEvent } from '@eventstore/db-client';
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Where the EventStoreDB tests find a real server: `ESDB_CONNECTION_STRING`, else a throwaway
 * container (testcontainers) when a container runtime is reachable, else nowhere — then the
 * suites skip and say so. There is no fake server: an adapter is only tested against the real
 * database.
 */
export type EsdbTestTarget =
  | { readonly kind: 'env'; readonly connectionString: string }
  | { readonly kind: 'container'; readonly image: string; readonly runtime: string }
  | { readonly kind: 'none'; readonly reason: string };

export interface EsdbTestServer {
  readonly connectionString: string;
  /** what the tests run against, for the log */
  readonly description: string;
  stop(): Promise<void>;
}

/** The official image; `ESDB_TEST_IMAGE` may name another (e.g. a KurrentDB image). */
export const DEFAULT_ESDB_IMAGE = 'eventstore/eventstore:24.10';

/**
 * Decided synchronously, from the environment and the file system, because jest declares
 * suites synchronously. A runtime socket that exists but does not answer makes the suite fail
 * (loudly) rather than skip.
 */
export function esdbTestTarget(env: NodeJS.ProcessEnv = process.env): EsdbTestTarget {
  if (env.ESDB_CONNECTION_STRING)
    return { kind: 'env', connectionString: env.ESDB_CONNECTION_STRING };
  const runtime = containerRuntime(env);
  if (runtime !== null)
    return { kind: 'container', image: env.ESDB_TEST_IMAGE || DEFAULT_ESDB_IMAGE, runtime };
  return {
    kind: 'none',
    reason:
      'ESDB_CONNECTION_STRING is not set and no container runtime was found (no DOCKER_HOST, ' +
      'no docker or podman socket, no ~/.testcontainers.properties)',
  };
}

function containerRuntime(env: NodeJS.ProcessEnv): string | null {
  if (env.DOCKER_HOST) return `DOCKER_HOST=${env.DOCKER_HOST}`;
  const home = homedir();
  const properties = join(home, '.testcontainers.properties');
  if (existsSync(properties) && /^\s*docker\.host\s*=/m.test(readFileSync(properties, 'utf8'))) {
    return properties;
  }
  const sockets = [
    '/var/run/docker.sock',
    join(home, '.docker', 'run', 'docker.sock'),
    join(home, '.docker', 'desktop', 'docker.sock'),
    '/run/podman/podman.sock',
    ...(env.XDG_RUNTIME_DIR
      ? [
          join(env.XDG_RUNTIME_DIR, 'docker.sock'),
          join(env.XDG_RUNTIME_DIR, 'podman', 'podman.sock'),
        ]
      : []),
  ];
  return sockets.find((socket) => existsSync(socket)) ?? null;
}

/**
 * Says once, plainly, that a suite did not run and why. Written to stderr directly: jest drops
 * the console output of a test file whose tests were all skipped when it runs several files.
 */
export function warnEsdbSkipped(suite: string, reason: string): void {
  process.stderr.write(
    `\n*** SKIPPED: ${suite} did not run: ${reason}.\n` +
      '*** Set ESDB_CONNECTION_STRING=esdb://HOST:2113?tls=false (see docs/esdb.md) or start Docker to run it.\n\n',
  );
}

/** Connects to the target; for a container, starts it and waits until it takes writes. */
export async function startEsdbTestServer(target: EsdbTestTarget): Promise<EsdbTestServer> {
  switch (target.kind) {
    case 'none':
      throw new Error(`no EventStoreDB for the tests: ${target.reason}`);
    case 'env':
      return {
        connectionString: target.connectionString,
        description: 'the server of ESDB_CONNECTION_STRING',
        stop: async () => undefined,
      };
    case 'container':
      return startContainer(target.image, target.runtime);
  }
}

async function startContainer(image: string, runtime: string): Promise<EsdbTestServer> {
  const { GenericContainer, Wait } = await import('testcontainers');
  // KurrentDB images read KURRENTDB_*, EventStoreDB images EVENTSTORE_*
  const prefix = /kurrent/i.test(image) ? 'KURRENTDB' : 'EVENTSTORE';
  const container = await new GenericContainer(image)
    .withEnvironment({
      [`${prefix}_INSECURE`]: 'true',
      [`${prefix}_MEM_DB`]: 'true',
      [`${prefix}_RUN_PROJECTIONS`]: 'None',
      [`${prefix}_CLUSTER_SIZE`]: '1',
    })
    .withExposedPorts(2113)
    .withWaitStrategy(
      Wait.forAll([
        Wait.forListeningPorts(),
        Wait.forHttp('/health/live', 2113).forStatusCode(204),
      ]),
    )
    .withStartupTimeout(180_000)
    .start();
  const connectionString = `esdb://${container.getHost()}:${container.getMappedPort(2113)}?tls=false`;
  try {
    await waitUntilWritable(connectionString, 60_000);
  } catch (error) {
    await container.stop();
    throw error;
  }
  return {
    connectionString,
    description: `${image} in a container (${runtime})`,
    stop: async () => {
      await container.stop();
    },
  };
}

/** A single node answers health checks a moment before it has elected itself leader. */
async function waitUntilWritable(connectionString: string, timeoutMs: number): Promise<void> {
  const client = EventStoreDBClient.connectionString(connectionString);
  const deadline = Date.now() + timeoutMs;
  try {
    for (;;) {
      try {
        await client.appendToStream(
          `readiness-${randomUUID()}`,
          jsonEvent({ type: 'Ready', data: {} }),
        );
        return;
      } catch (error) {
        if (Date.now() > deadline) throw error;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    }
  } finally {
    await client.dispose();
  }
}
