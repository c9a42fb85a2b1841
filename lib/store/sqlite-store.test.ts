import { createHash } from "node:crypto";
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "libsql";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { AUDIT_STORE } from "./audit-schema";
import { HISTORY_STORE } from "./history-schema";
import {
  checkStore,
  openStore,
  storeVersion,
  StoreTooNewError,
  type StoreSchema,
} from "./sqlite-store";

// Real SQLite files through libsql, as the server opens them; the old audit log is the one the
// audit log's own code wrote on better-sqlite3 12, before versions existed.
const OLD_AUDIT = "tests/fixtures/audit-better-sqlite3.db";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "netlens-store-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const digest = (path: string) => createHash("sha256").update(readFileSync(path)).digest("hex");

/** A file at `version` with one table, as an earlier build would have left it. */
function fileAt(name: string, version: number): string {
  const path = join(dir, name);
  const db = new Database(path);
  db.exec("CREATE TABLE t (a TEXT)");
  db.exec(`PRAGMA user_version = ${version}`);
  db.close();
  return path;
}

const columns = (db: Database.Database, table: string) =>
  (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name);

describe("openStore", () => {
  it("makes a new audit.db at version 1 with its table", () => {
    const db = openStore(join(dir, "audit.db"), AUDIT_STORE);
    expect(storeVersion(db)).toBe(1);
    expect(columns(db, "audit")).toContain("outcome");
    db.close();
  });

  it("takes the unversioned audit log of an earlier build to version 1, keeping its entries", () => {
    const path = join(dir, "audit.db");
    copyFileSync(OLD_AUDIT, path);
    const db = openStore(path, AUDIT_STORE, (d) => d.pragma("journal_mode = WAL"));
    expect(storeVersion(db)).toBe(1);
    const rows = db.prepare("SELECT role, operation, target FROM audit ORDER BY id").all() as {
      role: string;
      operation: string;
      target: string;
    }[];
    expect(rows.map((r) => [r.role, r.operation, r.target])).toEqual([
      ["admin", "create", "nl-old-net"],
      ["operator", "connect", "nl-old-net"],
    ]);
    db.close();
    // Opened again: nothing pending, nothing run.
    const again = openStore(path, AUDIT_STORE);
    expect(storeVersion(again)).toBe(1);
    again.close();
  });

  it("runs only the pending migrations, in order", () => {
    const ran: number[] = [];
    const schema: StoreSchema = {
      name: "x.db",
      migrations: [
        () => ran.push(1),
        (db) => {
          ran.push(2);
          db.exec("ALTER TABLE t ADD COLUMN b TEXT");
        },
        (db) => {
          ran.push(3);
          db.exec("CREATE INDEX t_b ON t (b)");
        },
      ],
    };
    const db = openStore(fileAt("x.db", 1), schema);
    expect(ran).toEqual([2, 3]);
    expect(storeVersion(db)).toBe(3);
    expect(columns(db, "t")).toEqual(["a", "b"]);
    db.close();
  });

  it("applies all pending migrations or none: a failing one leaves the file as it was", () => {
    const path = fileAt("x.db", 1);
    const schema: StoreSchema = {
      name: "x.db",
      migrations: [
        () => {},
        (db) => db.exec("ALTER TABLE t ADD COLUMN b TEXT"),
        () => {
          throw new Error("migration 3 failed");
        },
      ],
    };
    expect(() => openStore(path, schema)).toThrow("migration 3 failed");
    const db = new Database(path);
    expect(storeVersion(db)).toBe(1);
    expect(columns(db, "t")).toEqual(["a"]);
    db.close();
  });

  it("refuses a file from a newer Netlens, naming it and both versions, and never writes it", () => {
    const path = fileAt("audit.db", 2);
    const before = digest(path);
    let error: unknown;
    try {
      openStore(path, AUDIT_STORE, (d) => d.pragma("journal_mode = WAL"));
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(StoreTooNewError);
    expect((error as Error).message).toBe(
      `${path} has schema version 2, but this Netlens knows versions up to 1: it was written by a ` +
        "newer Netlens. Run that version (or newer) with this data directory, or point " +
        "NETLENS_DATA_DIR elsewhere; the file was not changed.",
    );
    expect(digest(path)).toBe(before);
    expect(existsSync(`${path}-wal`)).toBe(false);
  });
});

describe("checkStore (at start)", () => {
  it("passes a missing file without making it, and files at or below the known version", () => {
    checkStore(join(dir, "audit.db"), AUDIT_STORE);
    expect(existsSync(join(dir, "audit.db"))).toBe(false);
    checkStore(fileAt("audit.db", 1), AUDIT_STORE);
    checkStore(fileAt("history.db", 0), HISTORY_STORE);
  });

  it("refuses a history.db with a version this build has no migration for", () => {
    const path = fileAt("history.db", 1);
    const before = digest(path);
    expect(() => checkStore(path, HISTORY_STORE)).toThrow(
      /history\.db has schema version 1, but this Netlens knows versions up to 0/,
    );
    expect(digest(path)).toBe(before);
  });
});
