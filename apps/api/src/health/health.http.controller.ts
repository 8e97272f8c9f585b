import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { HEALTH_SCHEMA } from '../queries/mesa-queries.openapi';
import type { EventStore } from '@mesas/event-store';
import type { DocumentStore } from '@mesas/projections';
import { PROJECTIONS, ProjectionHost, DOCUMENT_STORE, EVENT_STORE } from '@mesas/runtime';

/**
 * Liveness, how far behind the log each projection is, and the Kafka publisher. Always 200 while
 * the app serves: a broker that is down makes it `degraded`, not unavailable, because commands
 * still go to the event store and the publisher catches up from its checkpoint when the broker
 * is back (docs/kafka.md).
 */
@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(DOCUMENT_STORE) private readonly documents: DocumentStore,
    private readonly host: ProjectionHost,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'Health',
    description:
      "Each projection's checkpoint and lag, and the Kafka publisher's state; 200 while the app serves (`degraded` when Kafka is down).",
  })
  @ApiOkResponse({ description: 'OK', schema: HEALTH_SCHEMA })
  async health() {
    const projections = await Promise.all(
      PROJECTIONS.map(async (p) => {
        const checkpoint = await this.documents.checkpoint(p.name);
        return { name: p.name, checkpoint, lag: await this.store.lagOf(checkpoint) };
      }),
    );
    const kafka = await this.host.kafkaHealth();
    const degraded = kafka.enabled && (!kafka.connected || kafka.lastError !== undefined);
    return { status: degraded ? 'degraded' : 'ok', projections, kafka };
  }
}
