import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { CONFIG_VARIABLES } from '@mesas/runtime';

const ROOT = join(__dirname, '..', '..');
const dockerfile = readFileSync(join(ROOT, 'infra', 'Dockerfile'), 'utf8');

/**
 * What can be checked of the deployment files without Docker: every path the Dockerfile copies
 * from the repository exists, the image runs as a non-root user with a liveness check, and the
 * compose file parses and gives the mesas services only variables the configuration knows.
 */
describe('infra/Dockerfile', () => {
  it('copies only paths that exist in the repository', () => {
    const sources = [...dockerfile.matchAll(/^COPY (?!--from)(.+) \S+$/gm)].flatMap((m) =>
      m[1].trim().split(/\s+/),
    );
    expect(sources.length).toBeGreaterThan(3);
    for (const source of sources)
      expect([source, existsSync(join(ROOT, source))]).toEqual([source, true]);
  });

  it('builds with npm ci in one stage and runs slim, as a non-root user, with a liveness check', () => {
    const stages = [...dockerfile.matchAll(/^FROM (\S+) AS (\S+)$/gm)].map((m) => m[2]);
    expect(stages).toEqual(['build', 'runtime']);
    expect(dockerfile).toMatch(/RUN npm ci/);
    const runtime = dockerfile.slice(dockerfile.indexOf('AS runtime'));
    expect(runtime).toMatch(/^USER node$/m);
    expect(runtime).toMatch(/HEALTHCHECK[\s\S]*\/api\/v1\/health\/live/);
    expect(runtime).toMatch(/^CMD \["node", "bin\/api\.js"\]$/m);
  });
});

describe('infra/compose.server.yml', () => {
  const compose = parse(readFileSync(join(ROOT, 'infra', 'compose.server.yml'), 'utf8'), {
    merge: true,
  }) as { services: Record<string, { environment?: Record<string, string>; command?: string[] }> };

  it('runs PostgreSQL, Kafka, two APIs and a worker', () => {
    expect(Object.keys(compose.services).sort()).toEqual(
      ['api-1', 'api-2', 'kafka', 'postgres', 'worker'].sort(),
    );
    expect(compose.services.worker.command).toEqual(['node', 'bin/worker.js']);
    expect(compose.services.kafka.environment?.KAFKA_PROCESS_ROLES).toBe('broker,controller');
  });

  it('names only variables the configuration schema knows', () => {
    for (const name of ['api-1', 'api-2', 'worker']) {
      const env = compose.services[name].environment ?? {};
      expect(Object.keys(env).length).toBeGreaterThan(5);
      for (const variable of Object.keys(env)) {
        expect([
          name,
          variable,
          (CONFIG_VARIABLES as readonly string[]).includes(variable),
        ]).toEqual([name, variable, true]);
      }
    }
  });
});
