import { Controller, Get, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { EventStore } from '@mesas/event-store';
import type { DocumentStore } from '@mesas/projections';
import { PROJECTIONS } from '../infrastructure/projection-host';
import { DOCUMENT_STORE, EVENT_STORE } from '../infrastructure/tokens';

/** Liveness and how far behind the log each projection is. */
@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(DOCUMENT_STORE) private readonly documents: DocumentStore,
  ) {}

  @Get()
  async health() {
    const projections = await Promise.all(
      PROJECTIONS.map(async (p) => {
        const checkpoint = await this.documents.checkpoint(p.name);
        return { name: p.name, checkpoint, lag: await this.store.lagOf(checkpoint) };
      }),
    );
    return { status: 'ok', projections };
  }
}
