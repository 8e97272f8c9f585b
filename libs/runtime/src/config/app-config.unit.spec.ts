import { CONFIG_VARIABLES, ConfigError, loadConfig } from './app-config';

const SECRET = 'a'.repeat(64);

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return [...error.problems];
    throw error;
  }
  return [];
}

describe('loadConfig', () => {
  it('starts with defaults on an empty environment', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 3000,
      host: '0.0.0.0',
      eventStore: 'sqlite',
      demoData: true,
      runProjections: true,
      bodyLimit: '64kb',
      shutdownGraceMs: 10_000,
      readyMaxLag: 1000,
      rateLimits: { readsPerMinute: 6000, authFailuresPerMinute: 20 },
      corsOrigins: [],
      witnesses: [],
      logOrigin: 'localhost/mesas',
      logLevel: 'info',
    });
  });

  it.each([
    ['on', true],
    ['off', false],
    ['true', true],
    ['false', false],
    ['1', true],
    ['0', false],
    ['OFF', false],
  ])('reads DEMO_DATA=%s as %s', (value, expected) => {
    expect(loadConfig({ DEMO_DATA: value }).demoData).toBe(expected);
  });

  it.each([
    ['DEMO_DATA', 'no', 'DEMO_DATA must be on, off, true, false, 1 or 0'],
    ['DEMO_DATA', '', 'DEMO_DATA must be on, off'],
    ['PROJECTIONS', 'bogus', 'PROJECTIONS must be one of in-process, worker'],
    ['PORT', '', 'PORT must be a port number'],
    ['PORT', '70000', 'PORT must be a port number'],
    ['PORT', '30x', 'PORT must be a port number'],
    ['EVENT_STORE', 'mysql', 'EVENT_STORE must be one of sqlite, postgres, esdb'],
    ['SHUTDOWN_GRACE_MS', '-1', 'SHUTDOWN_GRACE_MS must be'],
    ['READY_MAX_LAG', 'many', 'READY_MAX_LAG must be'],
    ['RATE_LIMIT_READS_PER_MINUTE', '1.5', 'RATE_LIMIT_READS_PER_MINUTE must be'],
    ['RATE_LIMIT_AUTH_FAILURES_PER_MINUTE', 'x', 'RATE_LIMIT_AUTH_FAILURES_PER_MINUTE must be'],
    ['BODY_LIMIT', 'big', 'BODY_LIMIT must be a size'],
    ['LOG_LEVEL', 'loud', 'LOG_LEVEL must be one of fatal, error, warn, info'],
    ['LOG_ORIGIN', 'https://example.org/mesas', 'LOG_ORIGIN must be a schema-less URL'],
    ['WITNESSES', 'not-a-witness', 'WITNESSES: not-a-witness is not a vkey'],
    ['CORS_ORIGINS', 'example.org', 'CORS_ORIGINS must be a comma-separated list of origins'],
    ['CORS_ORIGINS', '*', 'CORS_ORIGINS must be'],
    ['KAFKA_BROKERS', 'localhost', 'KAFKA_BROKERS must be a comma-separated list of host:port'],
    ['KAFKA_PARTITIONS', '0', 'KAFKA_PARTITIONS must be'],
    ['DATABASE_SCHEMA', 'Public', 'DATABASE_SCHEMA must be a lowercase SQL identifier'],
    ['HOST', 'a host', 'HOST must be a host name or IP address'],
  ])('refuses %s=%j, naming it and what is allowed', (name, value, message) => {
    const problems = problemsOf({ [name]: value });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(message);
  });

  it('refuses a short AUTH_SECRET without echoing it', () => {
    const problems = problemsOf({ AUTH_SECRET: 'short-secret-123' });
    expect(problems).toEqual([
      expect.stringContaining('AUTH_SECRET must be at least 32 characters'),
    ]);
    expect(problems.join()).not.toContain('short-secret-123');
  });

  it('lists every bad variable at once', () => {
    const problems = problemsOf({ PORT: '', PROJECTIONS: 'bogus', DEMO_DATA: 'false-ish' });
    expect(problems.map((p) => p.split(' ')[0]).sort()).toEqual([
      'DEMO_DATA',
      'PORT',
      'PROJECTIONS',
    ]);
    expect(() => loadConfig({ PORT: '' })).toThrow(/invalid configuration:\n {2}- PORT/);
  });

  it('needs DATABASE_URL for the server profiles and ESDB_CONNECTION_STRING for esdb', () => {
    expect(problemsOf({ EVENT_STORE: 'postgres' })).toEqual([
      expect.stringContaining('set DATABASE_URL'),
    ]);
    expect(problemsOf({ EVENT_STORE: 'postgres', DATABASE_URL: 'mysql://x' })).toEqual([
      expect.stringContaining('DATABASE_URL must be a postgres:// or postgresql:// URL'),
    ]);
    expect(problemsOf({ EVENT_STORE: 'esdb', DATABASE_URL: 'postgres://h/db' })).toEqual([
      expect.stringContaining('needs ESDB_CONNECTION_STRING'),
    ]);
  });

  it('runs projections in every API by default, in the server profile too', () => {
    const server = {
      EVENT_STORE: 'postgres',
      DATABASE_URL: 'postgres://h/db',
      AUTH_SECRET: SECRET,
    };
    expect(loadConfig(server).runProjections).toBe(true);
    expect(loadConfig({ ...server, PROJECTIONS: 'worker' }).runProjections).toBe(false);
  });

  it('reads lists, treating an empty list as unset', () => {
    const config = loadConfig({
      KAFKA_BROKERS: 'a:9092, b:9093',
      CORS_ORIGINS: 'https://diario.example,http://localhost:8080',
      LOG_ORIGIN: 'example.org/mesas',
    });
    expect(config.kafkaBrokers).toEqual(['a:9092', 'b:9093']);
    expect(config.corsOrigins).toEqual(['https://diario.example', 'http://localhost:8080']);
    expect(config.logOrigin).toBe('example.org/mesas');
    expect(loadConfig({ KAFKA_BROKERS: '' }).kafkaBrokers).toEqual([]);
  });

  it('turns a rate limit off with 0', () => {
    expect(loadConfig({ RATE_LIMIT_READS_PER_MINUTE: '0' }).rateLimits.readsPerMinute).toBe(0);
  });

  it('declares every variable it reads', () => {
    const source = loadConfig.toString();
    const read = new Set([...source.matchAll(/'([A-Z][A-Z0-9_]+)'/g)].map((m) => m[1]));
    for (const name of read) expect(CONFIG_VARIABLES).toContain(name);
  });
});
