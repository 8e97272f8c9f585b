import type { Response } from 'express';

/**
 * Writes one chunk of a download, respecting back-pressure: when the socket's buffer is full it
 * waits for 'drain', so a slow reader holds at most one page in memory. Resolves false when the
 * response was closed instead (the client went away, or shutdown cut it at the end of its
 * grace): the caller stops reading the store.
 */
export async function writeChunk(res: Response, chunk: string): Promise<boolean> {
  if (res.destroyed || res.writableEnded) return false;
  if (res.write(chunk)) return true;
  return new Promise<boolean>((resolve) => {
    const done = (drained: boolean): void => {
      res.off('drain', onDrain);
      res.off('close', onClose);
      resolve(drained);
    };
    const onDrain = (): void => done(true);
    const onClose = (): void => done(false);
    res.on('drain', onDrain);
    res.on('close', onClose);
  });
}
