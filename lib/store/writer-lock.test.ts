import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import { takeWriterLock } from "./writer-lock";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "netlens-lock-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

it("gives the lock to one holder at a time, and again once it is released", () => {
  const path = join(dir, "history.lock");
  const first = takeWriterLock(path);
  expect(first).not.toBeNull();
  expect(takeWriterLock(path)).toBeNull();
  first?.release();
  const second = takeWriterLock(path);
  expect(second).not.toBeNull();
  second?.release();
});
