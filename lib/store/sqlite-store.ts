// The SQLite files of the data directory (audit.db, history.db) carry their schema version in
// SQLite's own header (PRAGMA user_version) and are upgraded in place when opened: ordered
// migrations, all pending ones in one transaction, so a file is either at its old version or at
// the new one. A file written by a newer Netlens is refused before anything is written to it:
// the next build reads what this one wrote; an older build never guesses at a newer layout.
// Without "server-only" on purpose: unit-tested under vitest; only server modules import it.
import { existsSync } from "node:fs";
import Database from "libsql";

export type Migration = (db: Database.Database) => void;

export type StoreSchema = {
  /** The file's name in the data directory, as messages name it. */
  name: string;
  /**
   * migrations[n] takes a file from version n to n + 1; this build writes version
   * migrations.length. Version 0 is a file from before versions (or a new, empty one): the
   * first migration must accept both. Never edit a released migration: add the next one.
   */
  migrations: readonly Migration[];
};

/** A data file newer than this build: refused, never written. */
export class StoreTooNewError extends Error {
  constructor(
    readonly path: string,
    readonly found: number,
    readonly known: number,
  ) {
    super(
      `${path} has schema version ${found}, but this Netlens knows versions up to ${known}: it was ` +
        `written by a newer Netlens. Run that version (or newer) with this data directory, or ` +
        `point NETLENS_DATA_DIR elsewhere; the file was not changed.`,
    );
    this.name = "StoreTooNewError";
  }
}

export const knownVersion = (schema: StoreSchema) => schema.migrations.length;

export function storeVersion(db: Database.Database): number {
  const row = db.prepare("PRAGMA user_version").get() as { user_version: number } | undefined;
  return row?.user_version ?? 0;
}

/**
 * Open `path` at this build's version of `schema`: refuse a newer file (StoreTooNewError, only
 * read), then `configure` (pragmas that must come before any table, such as auto_vacuum, or
 * that every connection needs), then every pending migration and the new version in one
 * transaction.
 */
export function openStore(
  path: string,
  schema: StoreSchema,
  configure?: (db: Database.Database) => void,
): Database.Database {
  const db = new Database(path);
  try {
    const found = storeVersion(db);
    const known = knownVersion(schema);
    if (found > known) throw new StoreTooNewError(path, found, known);
    configure?.(db);
    if (found < known) {
      db.transaction(() => {
        for (let v = found; v < known; v++) schema.migrations[v]?.(db);
        // A pragma takes no bound parameters; `known` is a number of our own.
        db.exec(`PRAGMA user_version = ${known}`);
      })();
    }
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

/** Throw StoreTooNewError when `path` exists and is newer than `schema`; reads only. */
export function checkStore(path: string, schema: StoreSchema): void {
  if (!existsSync(path)) return;
  const db = new Database(path);
  try {
    const found = storeVersion(db);
    if (found > knownVersion(schema)) {
      throw new StoreTooNewError(path, found, knownVersion(schema));
    }
  } finally {
    db.close();
  }
}
