/** Stream naming of docs/domain.md: one stream per aggregate instance. */
export const mesaStreamId = (mesaId: string): string => `mesa-${mesaId}`;
export const problemStreamId = (problemId: string): string => `problem-${problemId}`;

/** Ids chosen by clients or by the server: lowercase, url-safe, at most 64 characters. */
export const ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,63}$/;

export function parseStreamId(streamId: string): { kind: 'mesa' | 'problem'; id: string } | null {
  const match = /^(mesa|problem)-(.+)$/.exec(streamId);
  if (!match) return null;
  return { kind: match[1] as 'mesa' | 'problem', id: match[2] };
}
