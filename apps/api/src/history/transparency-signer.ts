import {
  Inject,
  Injectable,
  Logger,
  OnModuleInit,
  ServiceUnavailableException,
} from '@nestjs/common';
import type { KeyObject } from 'node:crypto';
import {
  ed25519PrivateKeyObject,
  ed25519Vkey,
  formatCheckpointText,
  signCheckpoint,
  signNoteEd25519,
  type Checkpoint,
  type KeyPairPem,
  type SignedNote,
} from '@mesas/transparency';
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
  private keyObject: KeyObject | null = null;
  private unavailable = 'the signing key is not loaded yet';

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  onModuleInit(): void {
    try {
      this.key = resolveTransparencyKey(this.config);
      this.keyObject = ed25519PrivateKeyObject(this.key.privateKeyPem);
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

  /** The C2SP origin, which is also the key name of the log's signature (LOG_ORIGIN). */
  get origin(): string {
    return this.config.logOrigin;
  }

  /** `{origin}+{hex keyID}+{base64(0x01 ‖ public key)}`: the same key as publicKeyPem(). */
  vkey(): string {
    return ed25519Vkey(this.origin, this.require().publicKeyPem);
  }

  /**
   * The tree head as a C2SP checkpoint signed by the log (Ed25519 is deterministic, so one head
   * always gives one note); cosignatures are added by whoever serves it.
   */
  note(treeSize: number, rootHash: string): SignedNote {
    this.require();
    const text = formatCheckpointText({ origin: this.origin, treeSize, rootHash });
    return { text, signatures: [signNoteEd25519(text, this.origin, this.keyObject!)] };
  }

  private require(): KeyPairPem {
    if (!this.key) throw new ServiceUnavailableException(this.unavailable);
    return this.key;
  }
}
