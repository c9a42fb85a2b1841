import type { StoreSchema } from "./sqlite-store";

/**
 * audit.db's schema versions (lib/store): version 1 is the table as it has been since the first
 * release, so a file from before versions (user_version 0, the table already there) takes it on
 * unchanged, and a new file gets it made.
 */
export const AUDIT_STORE: StoreSchema = {
  name: "audit.db",
  migrations: [
    (d) =>
      d.exec(`CREATE TABLE IF NOT EXISTS audit (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at TEXT NOT NULL,
        role TEXT NOT NULL,
        operation TEXT NOT NULL,
        target TEXT NOT NULL,
        params TEXT NOT NULL,
        status INTEGER NOT NULL,
        outcome TEXT NOT NULL,
        message TEXT
      )`),
  ],
};
