import { Controller, Get, Inject, ServiceUnavailableException } from '@nestjs/common';
import {
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { HEALTH_SCHEMA } from '../queries/mesa-queries.openapi';
import type { EventStore } from '@mesas/event-store';
import { APP_CONFIG, AppConfig, EVENT_STORE, ProjectionHost } from '@mesas/runtime';
import { DrainState } from '../http/request-context.middleware';

/** terminus's answer: `{status, info, error, details}` keyed by check */
const PROBE_SCHEMA = {
  type: 'object',
  properties: {
    status: { type: 'string', enum: ['ok', 'error', 'shutting_down'] },
    info: { type: 'object' },
    error: { type: 'object' },
    details: { type: 'object' },
  },
};

/** 503 in the API's error shape, with terminus's per-check details under `checks`. */
export class NotReady extends ServiceUnavailableException {
  constructor(message: string, checks: unknown) {
    super({ message, checks });
  }
}

/**
 * Liveness, readiness, and the detailed view.
 *
 * - `live`: 200 while the process serves HTTP (a balancer restarts it otherwise).
 * - `ready`: 200 when the event store answers and every projection is within READY_MAX_LAG
 *   events of the log and not stalled, and the process is not shutting down; else 503 saying
 *   which. A balancer sends no traffic to a process that is not ready.
 * - the bare route: checkpoints, lag and state of each projection, the Kafka publisher; always
 *   200 while the app serves (a broker that is down makes it `degraded`, not unavailable:
 *   commands still go to the event store and the publisher catches up, docs/kafka.md).
 */
@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly host: ProjectionHost,
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly drain: DrainState,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'Health',
    description:
      "Each projection's state (running, stalled, standby, stopped), checkpoint and lag, and the Kafka publisher's state; 200 while the app serves (`stalled` when a projection is stalled, naming its event; `degraded` when Kafka is down).",
  })
  @ApiOkResponse({ description: 'OK', schema: HEALTH_SCHEMA })
  async details() {
    const projections = await this.host.status();
    const kafka = await this.host.kafkaHealth();
    // the most specific word first: a stalled projection is named as such (its event is in it)
    const stalled = projections.some((p) => p.state === 'stalled');
    const degraded = kafka.enabled && (!kafka.connected || kafka.lastError !== undefined);
    return { status: stalled ? 'stalled' : degraded ? 'degraded' : 'ok', projections, kafka };
  }

  @Get('live')
  @HealthCheck()
  @ApiOperation({ summary: 'Liveness', description: '200 while the process serves HTTP.' })
  @ApiOkResponse({ description: 'the process serves HTTP', schema: PROBE_SCHEMA })
  live() {
    return this.health.check([]);
  }

  @Get('ready')
  @HealthCheck()
  @ApiOperation({
    summary: 'Readiness',
    description:
      'The event store answers, no projection is stalled or more than READY_MAX_LAG events behind, and the process is not shutting down.',
  })
  @ApiOkResponse({
    description: 'the store answers and every projection is current',
    schema: PROBE_SCHEMA,
  })
  @ApiServiceUnavailableResponse({ description: '`{statusCode, error, message, checks}`' })
  async ready() {
    try {
      return await this.health.check([
        () => this.serving(),
        () => this.eventStore(),
        () => this.projections(),
      ]);
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      const body = error.getResponse() as { error?: Record<string, { message?: string }> };
      const reasons = Object.entries(body.error ?? {}).map(
        ([key, value]) => `${key}: ${value.message ?? 'down'}`,
      );
      throw new NotReady(`not ready: ${reasons.join('; ')}`, body);
    }
  }

  private serving() {
    const check = this.indicators.check('shutdown');
    return this.drain.draining ? check.down({ message: 'shutting down' }) : check.up();
  }

  private async eventStore() {
    const check = this.indicators.check('eventStore');
    try {
      await this.store.readAll(null, 1);
      return check.up({ profile: this.config.eventStore });
    } catch (error) {
      return check.down({ message: error instanceof Error ? error.message : String(error) });
    }
  }

  private async projections() {
    const check = this.indicators.check('projections');
    let status;
    try {
      status = await this.host.status();
    } catch (error) {
      return check.down({
        message: `read models: ${error instanceof Error ? error.message : error}`,
      });
    }
    const max = this.config.readyMaxLag;
    const problems = status.flatMap((p) => {
      if (p.state === 'stalled') {
        return [`${p.name} is stalled since ${p.stalledAt?.since}: ${p.stalledAt?.error}`];
      }
      if (p.lag > max) return [`${p.name} is ${p.lag} events behind (READY_MAX_LAG ${max})`];
      return [];
    });
    const detail = Object.fromEntries(status.map((p) => [p.name, { state: p.state, lag: p.lag }]));
    return problems.length > 0
      ? check.down({ message: problems.join('; '), ...detail })
      : check.up(detail);
  }
}
