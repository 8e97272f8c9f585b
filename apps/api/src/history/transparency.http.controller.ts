import { BadRequestException, Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  CHECKPOINT_SCHEMA,
  CONSISTENCY_PROOF_SCHEMA,
  INCLUSION_PROOF_SCHEMA,
  KEY_SCHEMA,
} from '../queries/mesa-queries.openapi';
import { ApiQueryErrors } from '../http/openapi-shapes';
import {
  HISTORY,
  MAX_HISTORY_INDEX,
  historyConsistencyProof,
  historyInclusionProof,
  historyTree,
} from '@mesas/projections';
import type { Checkpoint, ConsistencyProof, InclusionProof } from '@mesas/transparency';
import { CURRENT, Cacheable, IMMUTABLE } from '../http/http-cache.interceptor';
import { QueryValues, ValidQuery, q, querySchema } from '../http/query-schema';
import { ReadModels } from '../queries/read-models';
import { TransparencySigner } from './transparency-signer';
import { WitnessCosigner, type WitnessStatus } from './witness-cosigner';

/** a tree size or leaf index: 0 up to one past the largest index a history entry can have */
const size = (description: string) => q.integer(description, 0, MAX_HISTORY_INDEX + 1);

const CHECKPOINT_QUERY = querySchema({ minPosition: q.minPosition() });
const INCLUSION_QUERY = querySchema({
  index: size('the leaf index').required(),
  treeSize: size('default: the current tree size'),
  minPosition: q.minPosition(),
});
const CONSISTENCY_QUERY = querySchema({
  first: size('the earlier tree size').required(),
  second: size('default: the current tree size'),
  minPosition: q.minPosition(),
});

/**
 * The history's Merkle tree (RFC 9162 over JCS leaves): the signed checkpoint, the key, and
 * inclusion and consistency proofs computed from stored subtree hashes in O(log n).
 * A tree size beyond the current tree, or an index outside the tree, is a 400.
 */
@ApiTags('transparency')
@Controller('transparency')
export class TransparencyController {
  constructor(
    private readonly readModels: ReadModels,
    private readonly signer: TransparencySigner,
    private readonly cosigner: WitnessCosigner,
  ) {}

  @Get('checkpoint')
  @ApiOperation({
    summary: 'The signed checkpoint',
    description: 'The current tree size and root hash of the public history, signed with Ed25519.',
  })
  @ApiQueryErrors(400, 503)
  @Cacheable(() => ({ projections: [HISTORY], cacheControl: CURRENT }))
  @ApiOkResponse({
    description:
      '`{treeSize, rootHash, signature}`: base64 Ed25519 over `mesas-transparency-log\\n{treeSize}\\n{rootHash}\\n`',
    schema: CHECKPOINT_SCHEMA,
  })
  async checkpoint(
    @ValidQuery(CHECKPOINT_QUERY) query: QueryValues<typeof CHECKPOINT_QUERY.params>,
  ): Promise<Checkpoint> {
    await this.readModels.caughtUp(HISTORY, query.minPosition);
    const { treeSize, rootHash } = await historyTree(this.readModels.documents);
    return this.signer.sign(treeSize, rootHash);
  }

  @Get('key')
  @ApiOperation({
    summary: 'The public key',
    description: 'The Ed25519 key that signs the checkpoints, as SPKI PEM.',
  })
  @ApiQueryErrors(503)
  @ApiOkResponse({
    description: '`{algorithm: "Ed25519", publicKeyPem}` (SPKI PEM)',
    schema: KEY_SCHEMA,
  })
  key(): { algorithm: 'Ed25519'; publicKeyPem: string } {
    return { algorithm: 'Ed25519', publicKeyPem: this.signer.publicKeyPem() };
  }

  @Get('witnesses')
  @ApiOperation({
    summary: 'The witnesses and their cosignatures',
    description:
      'The C2SP witnesses this log asks to cosign its checkpoints (WITNESSES), with the size and time of their latest cosignature and their last error.',
  })
  @ApiOkResponse({
    schema: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          name: { type: 'string' },
          vkey: { type: 'string' },
          url: { type: 'string' },
          cosignedSize: { type: 'integer', nullable: true },
          cosignedAt: { type: 'string', nullable: true },
          lastError: { type: 'string', nullable: true },
        },
      },
    },
    description:
      '`[{name, vkey, url, cosignedSize, cosignedAt, lastError}]`: the witnesses asked to cosign ' +
      'the checkpoint (WITNESSES) and their latest cosignature',
  })
  witnesses(): WitnessStatus[] {
    return this.cosigner.status();
  }

  @Get('proof/inclusion')
  @ApiOperation({
    summary: 'Inclusion proof',
    description:
      'The RFC 9162 audit path proving that the entry at `index` is in the tree of `treeSize`.',
  })
  @ApiQueryErrors(400, 503)
  @Cacheable((req) =>
    req.query.treeSize !== undefined
      ? { projections: [], cacheControl: IMMUTABLE }
      : { projections: [HISTORY], cacheControl: CURRENT },
  )
  @ApiOkResponse({
    description: '`{index, treeSize, leafHash, auditPath: [hex]}` (RFC 9162 §2.1.3)',
    schema: INCLUSION_PROOF_SCHEMA,
  })
  async inclusion(
    @ValidQuery(INCLUSION_QUERY) query: QueryValues<typeof INCLUSION_QUERY.params>,
  ): Promise<InclusionProof> {
    const index = query.index;
    const requested = query.treeSize;
    await this.readModels.caughtUp(HISTORY, query.minPosition);
    const treeSize = await this.size(requested, 'treeSize');
    if (index >= treeSize) {
      throw new BadRequestException(`index ${index} is outside a tree of size ${treeSize}`);
    }
    return historyInclusionProof(this.readModels.documents, index, treeSize);
  }

  @Get('proof/consistency')
  @ApiOperation({
    summary: 'Consistency proof',
    description:
      'The RFC 9162 proof that the tree of size `first` is a prefix of the tree of size `second`.',
  })
  @ApiQueryErrors(400, 503)
  @Cacheable((req) =>
    req.query.second !== undefined
      ? { projections: [], cacheControl: IMMUTABLE }
      : { projections: [HISTORY], cacheControl: CURRENT },
  )
  @ApiOkResponse({
    description: '`{first, second, path: [hex]}` (RFC 9162 §2.1.4)',
    schema: CONSISTENCY_PROOF_SCHEMA,
  })
  async consistency(
    @ValidQuery(CONSISTENCY_QUERY) query: QueryValues<typeof CONSISTENCY_QUERY.params>,
  ): Promise<ConsistencyProof> {
    const first = query.first;
    const requested = query.second;
    await this.readModels.caughtUp(HISTORY, query.minPosition);
    const second = await this.size(requested, 'second');
    if (first > second) {
      throw new BadRequestException(`first (${first}) must not exceed second (${second})`);
    }
    return historyConsistencyProof(this.readModels.documents, first, second);
  }

  /** The requested size, or the current one; a size the tree has not reached is a 400. */
  private async size(requested: number | undefined, name: string): Promise<number> {
    const { treeSize } = await historyTree(this.readModels.documents);
    if (requested === undefined) return treeSize;
    if (requested > treeSize) {
      throw new BadRequestException(
        `${name} ${requested} exceeds the current tree size ${treeSize}`,
      );
    }
    return requested;
  }
}
