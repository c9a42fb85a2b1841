// The opaque `cursor` of GET /api/history: where a page ended (the last change it held, and in
// which order it was read), signed with a key kept in history.db, so a forged or altered cursor
// is refused (400) rather than trusted. Pure.
import { createHmac, timingSafeEqual } from "node:crypto";

export type HistoryOrder = "asc" | "desc";
export type Cursor = { order: HistoryOrder; lastId: number };

const sign = (payload: string, key: string) =>
  createHmac("sha256", key).update(payload).digest("base64url").slice(0, 22);

export function encodeCursor(cursor: Cursor, key: string): string {
  const payload = Buffer.from(`${cursor.order}:${cursor.lastId}`).toString("base64url");
  return `${payload}.${sign(payload, key)}`;
}

/** The place a cursor continues from; null when it is not one this key signed. */
export function decodeCursor(cursor: string, key: string): Cursor | null {
  const [payload, mac, ...rest] = cursor.split(".");
  if (!payload || !mac || rest.length) return null;
  const expected = Buffer.from(sign(payload, key));
  const given = Buffer.from(mac);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  const match = /^(asc|desc):(\d{1,15})$/.exec(Buffer.from(payload, "base64url").toString());
  return match ? { order: match[1] as HistoryOrder, lastId: Number(match[2]) } : null;
}
