import { Kafka, LogEntry, logLevel } from 'kafkajs';

/** Where this lib reports; the apps pass their own logger (Nest's), tests pass nothing. */
export interface MessagingLogger {
  log(message: string): void;
  warn(message: string): void;
  error(message: string): void;
  /** kafkajs's own lines (retries, reconnects): verbose, so only at debug level */
  debug?(message: string): void;
}

/** How to reach the cluster; shared by the publisher, the probe and the reference consumer. */
export interface KafkaConnection {
  /** `host:port` bootstrap brokers; use 127.0.0.1, not localhost (Node may pick ::1) */
  readonly brokers: readonly string[];
  readonly clientId?: string;
  /** to open one TCP connection (kafkajs default 1000 ms) */
  readonly connectionTimeoutMs?: number;
  /** for one request to answer (kafkajs default 30 000 ms) */
  readonly requestTimeoutMs?: number;
}

/** How kafkajs retries inside one call (also how long a connect to a dead broker takes). */
export interface KafkaRetry {
  readonly retries: number;
  readonly initialRetryTime: number;
  readonly maxRetryTime: number;
}

/** A kafkajs client whose log lines go to `logger.debug`, or nowhere. */
export function createKafka(
  connection: KafkaConnection,
  logger?: MessagingLogger,
  retry?: KafkaRetry,
): Kafka {
  if (connection.brokers.length === 0) throw new Error('Kafka needs at least one broker');
  const debug = logger?.debug?.bind(logger);
  return new Kafka({
    clientId: connection.clientId ?? 'mesas',
    brokers: [...connection.brokers],
    connectionTimeout: connection.connectionTimeoutMs ?? 3000,
    requestTimeout: connection.requestTimeoutMs ?? 30000,
    ...(retry ? { retry: { ...retry } } : {}),
    logLevel: debug ? logLevel.WARN : logLevel.NOTHING,
    logCreator: () => (entry: LogEntry) => {
      debug?.(`kafkajs ${entry.namespace}: ${entry.log.message}`);
    },
  });
}

export type BrokerReachability =
  | { readonly connected: true; readonly checkedAt: string }
  | { readonly connected: false; readonly checkedAt: string; readonly error: string };

/**
 * Answers "does the cluster answer now?" for the health endpoint: an admin connection and one
 * DescribeCluster request, bounded by a timeout, without retries. Results are cached for a few
 * seconds and concurrent checks share one probe, so a busy health endpoint does not hammer the
 * broker.
 */
export class KafkaConnectivityProbe {
  private readonly kafka: Kafka;
  private last: { readonly result: BrokerReachability; readonly at: number } | null = null;
  private inFlight: Promise<BrokerReachability> | null = null;

  constructor(
    connection: KafkaConnection,
    private readonly options: { readonly cacheMs?: number; readonly timeoutMs?: number } = {},
  ) {
    // no retries, at the client level too (that is where kafkajs retries a connect): a probe
    // answers now, and leaves nothing running after it
    this.kafka = createKafka(
      {
        ...connection,
        clientId: `${connection.clientId ?? 'mesas'}-probe`,
        connectionTimeoutMs: Math.min(connection.connectionTimeoutMs ?? 1000, this.timeoutMs),
        requestTimeoutMs: this.timeoutMs,
      },
      undefined,
      { retries: 0, initialRetryTime: 100, maxRetryTime: 100 },
    );
  }

  private get timeoutMs(): number {
    return this.options.timeoutMs ?? 2000;
  }

  async check(): Promise<BrokerReachability> {
    if (this.last && Date.now() - this.last.at < (this.options.cacheMs ?? 5000)) {
      return this.last.result;
    }
    this.inFlight ??= this.probe().finally(() => {
      this.inFlight = null;
    });
    return this.inFlight;
  }

  private async probe(): Promise<BrokerReachability> {
    const admin = this.kafka.admin({ retry: { retries: 0 } });
    let timer: NodeJS.Timeout | undefined;
    let result: BrokerReachability;
    try {
      await Promise.race([
        admin.connect().then(() => admin.describeCluster()),
        new Promise<never>((_, reject) => {
          timer = setTimeout(
            () => reject(new Error(`no answer within ${this.timeoutMs} ms`)),
            this.timeoutMs,
          );
        }),
      ]);
      result = { connected: true, checkedAt: new Date().toISOString() };
    } catch (error) {
      result = {
        connected: false,
        checkedAt: new Date().toISOString(),
        error: describeError(error),
      };
    } finally {
      clearTimeout(timer);
      await admin.disconnect().catch(() => undefined);
    }
    this.last = { result, at: Date.now() };
    return result;
  }
}

/** One line for logs and the health endpoint: kafkajs nests the cause of a retried failure. */
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as { originalError?: unknown }).originalError;
  const base = `${error.name}: ${error.message}`;
  return cause instanceof Error && !error.message.includes(cause.message)
    ? `${base} (${cause.message})`
    : base;
}
