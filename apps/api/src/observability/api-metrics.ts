import { Injectable } from '@nestjs/common';
import { Counter, Histogram } from 'prom-client';
import { RuntimeMetrics } from '@mesas/runtime';
import { statusOf } from '../http/domain-exception.filter';

/**
 * What the API measures, on the process's registry (RuntimeMetrics): HTTP requests by route
 * pattern (never the raw URL, so ids do not multiply the series) and status, and commands by
 * type and outcome.
 */
@Injectable()
export class ApiMetrics {
  readonly httpRequests: Counter<'method' | 'route' | 'status'>;
  readonly httpDuration: Histogram<'method' | 'route'>;
  readonly commands: Counter<'type' | 'outcome'>;
  readonly commandDuration: Histogram<'type'>;

  constructor(readonly runtime: RuntimeMetrics) {
    const registers = [runtime.registry];
    this.httpRequests = new Counter({
      name: 'mesas_http_requests_total',
      help: 'HTTP requests answered, by method, route pattern and status',
      labelNames: ['method', 'route', 'status'],
      registers,
    });
    this.httpDuration = new Histogram({
      name: 'mesas_http_request_duration_seconds',
      help: 'time to answer an HTTP request, by method and route pattern',
      labelNames: ['method', 'route'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    this.commands = new Counter({
      name: 'mesas_commands_total',
      help: 'commands by type and outcome (accepted, rejected: a business rule or a concurrent write, invalid, forbidden, error)',
      labelNames: ['type', 'outcome'],
      registers,
    });
    this.commandDuration = new Histogram({
      name: 'mesas_command_duration_seconds',
      help: 'time from a valid command request to its answer, by type',
      labelNames: ['type'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers,
    });
  }

  /**
   * Runs one command through its handler, counting it by its domain type (ProposeMesa,
   * RaiseProblem…) and outcome, and timing it. Requests refused before a handler (400 on the
   * body, 401) are counted by the HTTP metrics only.
   */
  async timeCommand<T>(type: string, run: () => Promise<T>): Promise<T> {
    const stop = this.commandDuration.startTimer({ type });
    try {
      const result = await run();
      this.commands.inc({ type, outcome: 'accepted' });
      return result;
    } catch (error) {
      this.commands.inc({ type, outcome: commandOutcome(statusOf(error)) });
      throw error;
    } finally {
      stop();
    }
  }
}

/** The outcome label of a command answered with `status`. */
export function commandOutcome(status: number): string {
  if (status < 300) return 'accepted';
  if (status === 409) return 'rejected';
  if (status === 401 || status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  if (status < 500) return 'invalid';
  return 'error';
}
