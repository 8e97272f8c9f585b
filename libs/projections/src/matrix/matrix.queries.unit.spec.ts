import type { Doc } from '../document-store.port';
import type { MatrixRowDoc } from './matrix.documents';
import { problemCountsByMesa } from './matrix.queries';

describe('problemCountsByMesa', () => {
  const row = (mesaId: string, problemId: string, status: string): MatrixRowDoc =>
    ({ mesaId, problemId, status }) as unknown as MatrixRowDoc;
  const rows = [
    row('forestal', 'p1', 'raised'),
    row('forestal', 'p2', 'resolved'),
    row('forestal', 'p3', 'raised'),
    row('acuicola', 'p4', 'open'),
  ];

  it('counts each mesa from its own partition, one mesa at a time', async () => {
    const reads: (string | null | undefined)[] = [];
    let open = 0;
    let mostOpen = 0;
    const documents = {
      async scan(
        projection: string,
        collection: string,
        partition: string | undefined,
        visit: (doc: Doc) => void,
      ) {
        expect([projection, collection]).toEqual(['matrix', 'row']);
        reads.push(partition);
        open++;
        mostOpen = Math.max(mostOpen, open);
        await new Promise((r) => setImmediate(r));
        open--;
        for (const r of rows.filter((r) => r.mesaId === partition)) visit(r as unknown as Doc);
      },
    };
    const counts = await problemCountsByMesa(documents, ['forestal', 'acuicola', 'textil']);
    expect(reads).toEqual(['forestal', 'acuicola', 'textil']);
    expect(mostOpen).toBe(1);
    expect(counts.get('forestal')).toMatchObject({ raised: 2, resolved: 1, open: 0 });
    expect(counts.get('acuicola')).toMatchObject({ raised: 0, open: 1 });
    expect(Object.values(counts.get('textil') ?? {}).every((n) => n === 0)).toBe(true);
  });
});
