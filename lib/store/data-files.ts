import "server-only";
import { join } from "node:path";
import { env } from "@/lib/env";
import { AUDIT_STORE } from "./audit-schema";
import { HISTORY_STORE } from "./history-schema";
import { checkStore, StoreTooNewError } from "./sqlite-store";

// Every versioned file of the data directory, checked once at start (instrumentation.ts): a
// directory written by a newer Netlens stops the server before anything writes to it. The
// generated admin-token and session-key files are one secret each, with nothing to migrate.

const STORES = [AUDIT_STORE, HISTORY_STORE];

/** Throws StoreTooNewError, naming the file and both versions, for the first file too new. */
export function checkDataDirectory(dir: string = env.NETLENS_DATA_DIR): void {
  for (const store of STORES) checkStore(join(dir, store.name), store);
}

/** At start: a file too new ends the process with its message; anything else is only logged. */
export function refuseNewerData(): void {
  try {
    checkDataDirectory();
  } catch (err) {
    if (err instanceof StoreTooNewError) {
      console.error(`Netlens: refusing to start. ${err.message}`);
      process.exit(1);
    }
    console.error("[netlens] could not check the data directory", err);
  }
}
