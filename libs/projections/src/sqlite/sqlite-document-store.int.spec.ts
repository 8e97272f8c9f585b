import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { documentStoreContract } from '../document-store.contract';
import { SqliteDocumentStore } from './sqlite-document-store';

documentStoreContract('SQLite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mesas-rm-'));
  const documents = new SqliteDocumentStore(join(dir, 'read-models.sqlite'));
  return {
    documents,
    teardown: async () => {
      await documents.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});
