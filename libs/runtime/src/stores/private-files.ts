import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';

/**
 * DATA_DIR holds the embedded event log, the read models, the token secret and the history's
 * signing key: readable by the process's user only. These make it so whatever the umask:
 * folders 0700, files 0600. SQLite creates its -wal and -shm files with the mode of the database
 * file, so a database created here 0600 keeps its companions 0600 too; they are tightened as
 * well in case an older build left them wider.
 */
export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/** Makes `dir` (and missing parents) 0700; an existing `dir` is narrowed to 0700 when we own it. */
export function ensurePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  try {
    chmodSync(dir, PRIVATE_DIR_MODE);
  } catch (error) {
    // a folder someone else owns (a mounted volume): our files in it are still 0600
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') throw error;
  }
}

/**
 * Narrows an existing file we keep (a secret, a key) to 0600; one we do not own (mounted
 * read-only, say) is left as it is rather than failing the start.
 */
export function tightenFile(file: string): void {
  try {
    chmodSync(file, PRIVATE_FILE_MODE);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EPERM' && code !== 'EROFS') throw error;
  }
}

/** Creates `file` empty and 0600 when missing, and makes it 0600 when it exists. */
export function ensurePrivateFile(file: string): void {
  closeSync(openSync(file, 'a', PRIVATE_FILE_MODE));
  chmodSync(file, PRIVATE_FILE_MODE);
}

/** A SQLite database about to be opened: the file exists, 0600, before SQLite makes its -wal/-shm. */
export function preparePrivateSqlite(file: string): void {
  ensurePrivateFile(file);
  tightenSqliteCompanions(file);
}

/** The database's -wal and -shm (and a rollback -journal), where they exist, 0600. */
export function tightenSqliteCompanions(file: string): void {
  for (const suffix of ['-wal', '-shm', '-journal']) {
    if (existsSync(`${file}${suffix}`)) chmodSync(`${file}${suffix}`, PRIVATE_FILE_MODE);
  }
}
