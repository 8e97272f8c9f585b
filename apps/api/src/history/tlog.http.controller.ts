import { Controller, Get, NotFoundException, Param, Res } from '@nestjs/common';
import {
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { historyTile, historyTree } from '@mesas/projections';
import {
  TilePathError,
  formatNote,
  parseTilePath,
  type TileCoordinates,
} from '@mesas/transparency';
import { ReadModels } from '../queries/read-models';
import { TransparencySigner } from './transparency-signer';
import { WitnessCosigner } from './witness-cosigner';

/** Served outside /api/v1, so that the log's C2SP prefix is http(s)://host/tlog. */
export const TLOG_PREFIX = 'tlog';

const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * The public history in the formats of the transparency-log ecosystem (C2SP): the checkpoint
 * as a signed note with the witnesses' cosignatures, the log's verifier key, and the tiles and
 * entry bundles of c2sp.org/tlog-tiles. Same tree, same key as /api/v1/transparency/*.
 */
@ApiTags('transparency')
@Controller(TLOG_PREFIX)
export class TlogController {
  constructor(
    private readonly readModels: ReadModels,
    private readonly signer: TransparencySigner,
    private readonly witnesses: WitnessCosigner,
  ) {}

  @Get('checkpoint')
  @ApiOperation({
    summary: 'The log checkpoint (C2SP signed note)',
    description:
      'The current tree size and root hash as a C2SP tlog-checkpoint, signed by the log under its origin, followed by the cosignatures of the witnesses that vouched for it. Not cached: it moves with the log.',
  })
  @ApiProduces('text/plain')
  @ApiOkResponse({
    schema: { type: 'string' },
    description:
      'C2SP tlog-checkpoint in a signed note (`{origin}\\n{size}\\n{base64 root}\\n`, blank line, ' +
      'the log signature, then witness cosignatures)',
  })
  async checkpoint(@Res() res: Response): Promise<void> {
    const { treeSize, rootHash } = await historyTree(this.readModels.documents);
    const note = this.signer.note(treeSize, rootHash);
    const cosignatures = this.witnesses.cosignaturesFor(treeSize, rootHash);
    res
      .status(200)
      .type('text/plain; charset=utf-8')
      .set('Cache-Control', 'no-cache')
      .send(formatNote({ ...note, signatures: [...note.signatures, ...cosignatures] }));
  }

  @Get('vkey')
  @ApiOperation({
    summary: "The log's verifier key (C2SP)",
    description:
      'The note verifier key of the log, for C2SP tools and witnesses: the same Ed25519 key as /api/v1/transparency/key.',
  })
  @ApiProduces('text/plain')
  @ApiOkResponse({
    schema: { type: 'string' },
    description: '`{origin}+{hex keyID}+{base64(0x01 ‖ Ed25519 public key)}`',
  })
  vkey(@Res() res: Response): void {
    res
      .status(200)
      .type('text/plain; charset=utf-8')
      .set('Cache-Control', 'no-cache')
      .send(this.signer.vkey());
  }

  @Get('tile/*path')
  @ApiOperation({
    summary: 'A tile or entry bundle of the log (C2SP tlog-tiles)',
    description:
      'Hash tiles of height 8 and entry bundles (each entry its JCS leaf, prefixed by its length as a big-endian uint16). Full tiles never change and are cached for a year; partial tiles exist only for sizes the log has had as its head.',
  })
  @ApiProduces('application/octet-stream')
  @ApiParam({
    name: 'path',
    description: 'the rest of the tile path: `{L}/{N}[.p/{W}]` or `entries/{N}[.p/{W}]`',
  })
  @ApiNotFoundResponse({ description: 'not a canonical tile path, or not part of this log (yet)' })
  @ApiOkResponse({
    schema: { type: 'string', format: 'binary' },
    description:
      'C2SP tlog-tiles (height 8): `tile/{L}/{N}[.p/{W}]` hashes, `tile/entries/{N}[.p/{W}]` entry bundles',
  })
  async tile(@Param('path') path: string | string[], @Res() res: Response): Promise<void> {
    const relative = `tile/${Array.isArray(path) ? path.join('/') : path}`;
    let coordinates: TileCoordinates;
    try {
      coordinates = parseTilePath(relative);
    } catch (error) {
      if (error instanceof TilePathError) throw new NotFoundException(error.message);
      throw error;
    }
    const bytes = await historyTile(this.readModels.documents, coordinates);
    if (bytes === null) throw new NotFoundException(`${relative} is not part of this log (yet)`);
    res.status(200).type('application/octet-stream').set('Cache-Control', IMMUTABLE).send(bytes);
  }
}
