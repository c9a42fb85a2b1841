import { execFileSync } from "node:child_process";
import { expect, test } from "@playwright/test";
import { startServer } from "../support/spawn-server";

// `npm start` listens where the README says: 127.0.0.1:3000 unless HOST / PORT say otherwise.
const listening = (port: number) =>
  execFileSync("ss", ["-ltnH", `sport = :${port}`], { encoding: "utf8" })
    .trim()
    .split("\n")
    .filter(Boolean)
    .map((line) => line.split(/\s+/)[3]);

test("npm start without HOST listens on 127.0.0.1 only", async () => {
  const server = await startServer(
    3234,
    { PORT: "3234", HOST: undefined },
    { command: ["npm", "start"] },
  );
  try {
    expect(listening(3234)).toEqual(["127.0.0.1:3234"]);
  } finally {
    await server.stop();
  }
});

test("npm start with HOST listens there", async () => {
  const server = await startServer(
    3235,
    { PORT: "3235", HOST: "127.0.0.2" },
    { command: ["npm", "start"], host: "127.0.0.2" },
  );
  try {
    expect(listening(3235)).toEqual(["127.0.0.2:3235"]);
  } finally {
    await server.stop();
  }
});
