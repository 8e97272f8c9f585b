import { Inject, Injectable, ServiceUnavailableException } from '@nestjs/common';
import { CheckpointCachedReader, DocumentStore } from '@mesas/projections';
import { DOCUMENT_STORE, ProjectionHost } from '@mesas/runtime';

/** Query-side access to a projection, honouring `minPosition` (read your own writes). */
@Injectable()
export class ReadModels {
  /** whole-collection reads (analytics) served from memory while the projection is idle */
  readonly cached: CheckpointCachedReader;

  constructor(
    @Inject(DOCUMENT_STORE) readonly documents: DocumentStore,
    private readonly host: ProjectionHost,
  ) {
    this.cached = new CheckpointCachedReader(documents);
  }

  async caughtUp(projection: string, minPosition: bigint | undefined): Promise<void> {
    if (minPosition === undefined) return;
    if (!(await this.host.waitFor(projection, minPosition, 5000))) {
      throw new ServiceUnavailableException(
        `the ${projection} projection has not reached position ${minPosition} yet; retry shortly`,
      );
    }
  }
}
