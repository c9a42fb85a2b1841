import type { StoreSchema } from "./sqlite-store";

/**
 * history.db (lib/history/store.ts): version 0 is its layout as HistoryStore creates it (tables
 * made idempotently at open, as first released). Its first schema change adds migrations[0],
 * which takes those files on; until then a history.db with a version above 0 is refused.
 */
export const HISTORY_STORE: StoreSchema = { name: "history.db", migrations: [] };
