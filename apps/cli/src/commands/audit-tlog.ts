import { verifyTlog, type NoteVerifierKey, type TlogVerifyReport } from '@mesas/transparency';
import { apiBaseUrl } from '@mesas/transparency';

/** The log prefix of a server (`http(s)://host/tlog`), from the URL given to --url. */
export function tlogPrefix(url: string): string {
  return `${apiBaseUrl(url).replace(/\/api\/v1$/, '')}/tlog`;
}

/**
 * Fetches the C2SP view of the server at `url` (note, vkey, tiles) and checks it against the
 * JSON checkpoint already verified (libs/transparency verifyTlog). A fetch that fails is a
 * problem of the report, not an exception.
 */
export async function verifyTlogOf(
  url: string,
  options: {
    readonly checkpoint: unknown;
    readonly publicKeyPem: string;
    readonly witnesses: readonly NoteVerifierKey[];
    readonly quorum: number;
    readonly pinnedVkey: string | null;
  },
): Promise<TlogVerifyReport & { vkey: string | null; note: string | null }> {
  const prefix = tlogPrefix(url);
  const api = apiBaseUrl(url);
  const get = async (path: string): Promise<Response> => {
    const res = await fetch(`${prefix}/${path}`);
    if (!res.ok) throw new Error(`GET ${prefix}/${path} → ${res.status}`);
    return res;
  };
  let note: string;
  let vkey: string;
  try {
    note = await (await get('checkpoint')).text();
    vkey = (await (await get('vkey')).text()).trim();
  } catch (error) {
    return {
      passed: [],
      problems: [`the C2SP checkpoint cannot be read: ${(error as Error).message}`],
      checkpoint: null,
      cosigners: [],
      vkey: null,
      note: null,
    };
  }
  const checkpoint = options.checkpoint as { treeSize: number; rootHash: string };
  const report = await verifyTlog({
    note,
    vkey,
    checkpoint,
    publicKeyPem: options.publicKeyPem,
    witnesses: options.witnesses,
    quorum: options.quorum,
    pinnedVkey: options.pinnedVkey,
    fetchTile: async (path) => new Uint8Array(await (await get(path)).arrayBuffer()),
    consistencyProof: async (first, second) => {
      const res = await fetch(
        `${api}/transparency/proof/consistency?first=${first}&second=${second}`,
      );
      if (!res.ok) throw new Error(`consistency proof ${first} → ${second}: ${res.status}`);
      return res.json();
    },
  });
  return { ...report, vkey, note };
}
