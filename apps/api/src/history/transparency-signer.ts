import {
  Inject,
  Injectable,
  Logger,
  OnModuleInit,
  ServiceUnavailableException,
} from '@nestjs/common';
import { signCheckpoint, type Checkpoint, type KeyPairPem } from '@mesas/transparency';
import {
  APP_CONFIG,
  TransparencyKeyUnavailable,
  resolveTransparencyKey,
  type AppConfig,
} from '@mesas/runtime';

/**
 * Signs tree heads with the log's key (see resolveTransparencyKey). The key is resolved when the
 * module starts: a malformed configured key stops the process; a server profile without one
 * still starts (a worker signs nothing) but answers the signing routes with 503 and says why.
 */
@Injectable()
export class TransparencySigner implements OnModuleInit {
  private readonly logger = new Logger('Transparency');
  private key: KeyPairPem | null = null;
  private unavailable = 'the signing key is not loaded yet';

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  onModuleInit(): void {
    try {
      this.key = resolveTransparencyKey(this.config);
    } catch (error) {
      if (!(error instanceof TransparencyKeyUnavailable)) throw error;
      this.unavailable = error.message;
      this.logger.warn(`checkpoints cannot be signed: ${error.message}`);
    }
  }

  publicKeyPem(): string {
    return this.require().publicKeyPem;
  }

  sign(treeSize: number, rootHash: string): Checkpoint {
    return signCheckpoint(this.require().privateKeyPem, treeSize, rootHash);
  }

  private require(): KeyPairPem {
    if (!this.key) throw new ServiceUnavailableException(this.unavailable);
    return this.key;
  }
}
