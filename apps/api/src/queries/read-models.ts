import { Inject, Injectable, ServiceUnavailableException } from '@nestjs/common';
import type { DocumentStore } from '@mesas/projections';
import { DOCUMENT_STORE } from '../infrastructure/tokens';
import { ProjectionHost } from '../infrastructure/projection-host';

/** Query-side access to a projection, honouring `minPosition` (read your own writes). */
@Injectable()
export class ReadModels {
  constructor(
    @Inject(DOCUMENT_STORE) readonly documents: DocumentStore,
    private readonly host: ProjectionHost,
  ) {}

  async caughtUp(projection: string, minPosition: bigint | undefined): Promise<void> {
    if (minPosition === undefined) return;
    if (!(await this.host.waitFor(projection, minPosition, 5000))) {
      throw new ServiceUnavailableException(
        `the ${projection} projection has not reached position ${minPosition} yet; retry shortly`,
      );
    }
  }
}
