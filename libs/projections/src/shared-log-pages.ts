import type { EventStore, LogCheckpoint, ReadAllResult } from '@mesas/event-store';

interface Page {
  readonly after: LogCheckpoint | null;
  readonly result: Promise<ReadAllResult>;
}

/**
 * One read of the log shared by several consumers that read it from the same place at the same
 * pace (the projections of one rebuild): each gets an `EventStore` view whose `readAll` of a
 * full page is served from the pages read for the others. A page is dropped once every consumer
 * asked for the one after it; a consumer more than `maxPages` pages ahead of the slowest waits
 * for it, so memory stays bounded. Any other read (a different page size while a consumer
 * narrows a failing batch to single events, a page already dropped) goes to the store itself,
 * so each view reads exactly what the store would have answered.
 */
export class SharedLogPages {
  private readonly pages: Page[] = [];
  /** per consumer, the index in `pages` of the page it asked for last (-1: none yet) */
  private readonly at = new Map<number, number>();
  private readonly waiting = new Set<() => void>();

  constructor(
    private readonly store: EventStore,
    private readonly pageSize: number,
    private readonly maxPages = 4,
  ) {}

  /** A view for one more consumer; `leave()` it once it stops reading (done or failed). */
  view(): { store: EventStore; leave: () => void } {
    const id = this.at.size === 0 ? 0 : Math.max(...this.at.keys()) + 1;
    this.at.set(id, -1);
    const store = this.store;
    return {
      store: {
        ...bind(store),
        readAll: (after, limit) => this.readAll(id, after, limit),
      },
      leave: () => {
        this.at.delete(id);
        this.trim();
      },
    };
  }

  private async readAll(
    id: number,
    after: LogCheckpoint | null,
    limit: number,
  ): Promise<ReadAllResult> {
    if (limit !== this.pageSize || !this.at.has(id)) return this.store.readAll(after, limit);
    for (;;) {
      const page = this.pages.find((p) => p.after === after);
      if (page) {
        this.at.set(id, this.pages.indexOf(page));
        const result = await page.result;
        // an empty page (the end of the log for now) is read again next time, not kept
        if (result.events.length === 0) this.drop(page);
        this.trim();
        return result;
      }
      const last = this.pages[this.pages.length - 1];
      if (last) {
        const next = await last.result.then(
          (r) => r.checkpoint,
          () => undefined,
        );
        // others may have moved the window meanwhile: look again
        if (next === undefined || this.pages[this.pages.length - 1] !== last) continue;
        if (this.pages.some((p) => p.after === after)) continue;
        if (next !== after) return this.store.readAll(after, limit);
      }
      if (this.pages.length >= this.maxPages) {
        await new Promise<void>((resolve) => this.waiting.add(resolve));
        continue;
      }
      const read: Page = { after, result: this.store.readAll(after, limit) };
      // a failed read is not kept: whoever asks again reads again
      read.result.catch(() => this.drop(read));
      this.pages.push(read);
    }
  }

  private drop(page: Page): void {
    const index = this.pages.indexOf(page);
    if (index < 0) return;
    this.pages.splice(index, 1);
    for (const [id, i] of this.at) if (i >= index) this.at.set(id, i - 1);
    this.wake();
  }

  /** Drops the pages every consumer is past, and wakes those waiting for room. */
  private trim(): void {
    const slowest = this.at.size === 0 ? this.pages.length : Math.min(...this.at.values());
    const done = Math.max(0, slowest);
    if (done === 0) return;
    this.pages.splice(0, done);
    for (const [id, i] of this.at) this.at.set(id, i - done);
    this.wake();
  }

  private wake(): void {
    for (const resolve of [...this.waiting]) {
      this.waiting.delete(resolve);
      resolve();
    }
  }
}

function bind(store: EventStore): EventStore {
  return {
    append: (streamId, events, expected) => store.append(streamId, events, expected),
    readStream: (streamId) => store.readStream(streamId),
    readAll: (after, limit) => store.readAll(after, limit),
    covers: (checkpoint, position) => store.covers(checkpoint, position),
    positionOf: (checkpoint) => store.positionOf(checkpoint),
    findByCommandId: (commandId) => store.findByCommandId(commandId),
    lagOf: (checkpoint) => store.lagOf(checkpoint),
    onAppended: (listener) => store.onAppended(listener),
    close: () => store.close(),
  };
}
