import "server-only";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import Database from "libsql";
import { env } from "@/lib/env";
import { AUDIT_STORE } from "@/lib/store/audit-schema";
import { openStore } from "@/lib/store/sqlite-store";
import type { AuditEntry } from "./types";

// Every attempt to change the engine, kept in SQLite in the data directory so it survives
// restarts. libsql: better-sqlite3's API and file format, with its binary shipped in an npm
// package, so a fresh install compiles nothing: who (by role), when, what, on what, with which parameters, and how it ended —
// Docker's own words included when it refused.

export type AuditFilter = {
  operation?: string;
  outcome?: string;
  role?: string;
  q?: string;
  limit: number;
};

let db: Database.Database | null = null;

function open(): Database.Database {
  if (db) return db;
  mkdirSync(env.NETLENS_DATA_DIR, { recursive: true, mode: 0o700 });
  db = openStore(join(env.NETLENS_DATA_DIR, AUDIT_STORE.name), AUDIT_STORE, (d) =>
    d.pragma("journal_mode = WAL"),
  );
  return db;
}

export function recordAudit(e: Omit<AuditEntry, "id" | "outcome">): void {
  const outcome = e.status < 400 ? "done" : e.status < 500 ? "refused" : "failed";
  open()
    .prepare(
      "INSERT INTO audit (at, role, operation, target, params, status, outcome, message) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .run(e.at, e.role, e.operation, e.target, e.params, e.status, outcome, e.message);
}

export function queryAudit(f: AuditFilter): AuditEntry[] {
  const where: string[] = [];
  const args: (string | number)[] = [];
  for (const key of ["operation", "outcome", "role"] as const) {
    const value = f[key];
    if (value) {
      where.push(`${key} = ?`);
      args.push(value);
    }
  }
  if (f.q) {
    where.push(
      "(target LIKE ? ESCAPE '\\' OR params LIKE ? ESCAPE '\\' OR message LIKE ? ESCAPE '\\')",
    );
    const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    args.push(like, like, like);
  }
  const sql = `SELECT * FROM audit ${where.length ? `WHERE ${where.join(" AND ")}` : ""} ORDER BY id DESC LIMIT ?`;
  return open()
    .prepare(sql)
    .all(...args, f.limit) as AuditEntry[];
}
