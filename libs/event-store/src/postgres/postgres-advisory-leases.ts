import type { Client } from 'pg';
import type { ConsumerLease } from '../catch-up';
import { PostgresConnectionOptions, openClient, schemaNameOf } from './postgres-connection';

export interface PostgresAdvisoryLeasesOptions extends PostgresConnectionOptions {
  /** how often a held lease checks that its connection is still alive (default 5 s) */
  readonly heartbeatMs?: number;
}

/**
 * "Only one process runs this consumer", from PostgreSQL session-level advisory locks
 * (`pg_try_advisory_lock`), all held on one dedicated connection per instance.
 *
 * What is guaranteed: while a lease is held, no other session can hold the same one. When the
 * holding process dies (SIGKILL, crash, lost network) its connection closes and PostgreSQL
 * releases the lock, so a standby that keeps calling `acquire` takes over. A lease is not a
 * fence: a holder that lost its connection may still be finishing a batch. Consumers therefore
 * still make their effects conditional (the read models' checkpoint compare-and-set); the lease
 * only keeps the others idle.
 */
export class PostgresAdvisoryLeases {
  private client: Client | null = null;
  private connecting: Promise<Client> | null = null;
  /** bumped whenever the connection is lost: leases taken on an older one are gone */
  private epoch = 0;
  private readonly held = new Map<string, number>();
  private lastHeartbeat = 0;
  private closed = false;
  private readonly schema: string;

  constructor(private readonly options: PostgresAdvisoryLeasesOptions) {
    this.schema = schemaNameOf(options);
  }

  lease(name: string): ConsumerLease {
    return {
      acquire: () => this.acquire(name),
      release: () => this.release(name),
    };
  }

  /** Whether this instance currently holds `name` (as far as it knows without asking). */
  holds(name: string): boolean {
    return this.held.get(name) === this.epoch && this.client !== null;
  }

  private key(name: string): string {
    return `mesas-lease/${this.schema}/${name}`;
  }

  /**
   * Every runner of the process shares the one lease connection; node-postgres must not be
   * given a query while another is in flight on a client, so lease operations take turns.
   */
  private turn: Promise<unknown> = Promise.resolve();

  private inTurn<T>(operation: () => Promise<T>): Promise<T> {
    const result = this.turn.then(operation, operation);
    this.turn = result.catch(() => undefined);
    return result;
  }

  private acquire(name: string): Promise<boolean> {
    return this.inTurn(() => this.acquireNow(name));
  }

  private async acquireNow(name: string): Promise<boolean> {
    if (this.closed) return false;
    const client = await this.connection();
    if (this.held.get(name) === this.epoch) {
      if (Date.now() - this.lastHeartbeat >= (this.options.heartbeatMs ?? 5000)) {
        try {
          await client.query('SELECT 1');
        } catch (error) {
          // a connection that does not answer cannot vouch for its locks: give them up
          if (this.client === client) await this.disconnect();
          throw error;
        }
        this.lastHeartbeat = Date.now();
      }
      return this.held.get(name) === this.epoch;
    }
    const epoch = this.epoch;
    const { rows } = await client.query<{ ok: boolean }>(
      'SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS ok',
      [this.key(name)],
    );
    const ok = rows[0]?.ok === true && epoch === this.epoch;
    if (ok) this.held.set(name, epoch);
    return ok;
  }

  private release(name: string): Promise<void> {
    return this.inTurn(() => this.releaseNow(name));
  }

  private async releaseNow(name: string): Promise<void> {
    const epoch = this.held.get(name);
    this.held.delete(name);
    const client = this.client;
    if (epoch === this.epoch && client) {
      // session-level locks are re-entrant counters: we took it once, so one unlock frees it
      await client
        .query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [this.key(name)])
        .catch(() => undefined);
    }
    if (this.held.size === 0) await this.disconnect();
  }

  private connection(): Promise<Client> {
    if (this.client) return Promise.resolve(this.client);
    if (this.connecting) return this.connecting;
    const client = openClient(this.options, 10_000);
    const lost = (): void => {
      if (this.client === client) {
        this.client = null;
        this.epoch++;
      }
      client.end().catch(() => undefined);
    };
    client.on('error', lost);
    client.on('end', lost);
    this.connecting = client
      .connect()
      // the server notices a vanished client (its host down, the network cut) within about 25 s
      // and frees the locks; a killed process closes its socket and frees them at once
      .then(() =>
        client.query(
          'SET tcp_keepalives_idle = 10; SET tcp_keepalives_interval = 5; SET tcp_keepalives_count = 3',
        ),
      )
      .then(() => {
        this.client = client;
        this.lastHeartbeat = Date.now();
        return client;
      })
      .catch((error: unknown) => {
        client.end().catch(() => undefined);
        throw error;
      })
      .finally(() => {
        this.connecting = null;
      });
    return this.connecting;
  }

  private async disconnect(): Promise<void> {
    const client = this.client;
    if (!client) return;
    this.client = null;
    this.epoch++;
    await client.end().catch(() => undefined);
  }

  /** Ends the connection: every lease it held is released by PostgreSQL. */
  async close(): Promise<void> {
    this.closed = true;
    this.held.clear();
    await this.connecting?.catch(() => undefined);
    await this.disconnect();
  }
}
