import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ProjectionHost } from '@mesas/runtime';
import { HEALTH_SCHEMA } from '../queries/mesa-queries.openapi';

/**
 * Liveness, how far behind the log each projection is, and the Kafka publisher. Always 200 while
 * the app serves: a broker that is down makes it `degraded`, not unavailable, because commands
 * still go to the event store and the publisher catches up from its checkpoint when the broker
 * is back (docs/kafka.md). A projection stopped at an event it cannot apply makes it `stalled`,
 * with the event named under `projections[].stalledAt`: queries of that projection with
 * `minPosition` answer 503 until it is fixed (a readiness check should fail on it).
 */
@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly host: ProjectionHost) {}

  @Get()
  @ApiOperation({
    summary: 'Health',
    description:
      "Each projection's state, checkpoint and lag (and the event a stalled one stopped at), and the Kafka publisher's state; 200 while the app serves (`degraded` when Kafka is down, `stalled` when a projection is).",
  })
  @ApiOkResponse({ description: 'OK', schema: HEALTH_SCHEMA })
  async health() {
    const projections = await this.host.status();
    const kafka = await this.host.kafkaHealth();
    const stalled = projections.some((p) => p.state === 'stalled');
    const degraded = kafka.enabled && (!kafka.connected || kafka.lastError !== undefined);
    return { status: stalled ? 'stalled' : degraded ? 'degraded' : 'ok', projections, kafka };
  }
}
