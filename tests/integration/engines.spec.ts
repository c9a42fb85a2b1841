import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import type { Topology } from "@/lib/topology/types";
import { PrivateEngine } from "../support/private-engine";
import { bearer } from "../support/server";
import { startServer } from "../support/spawn-server";

// Several engines in one view, one of them over TCP with TLS material from a per-engine directory
// (as DOCKER_CERT_PATH holds it); an engine that refuses the client's certificate is listed down
// with the reason, and never hides the others.
const DIR = "/tmp/netlens-tls-test";
const TLS_PORT = 23761;

function openssl(...args: string[]) {
  execFileSync("openssl", args, { cwd: DIR, stdio: "ignore" });
}

/** A CA, a server certificate for 127.0.0.1 and a client certificate, as `docker` docs make them. */
function makeCertificates() {
  rmSync(DIR, { recursive: true, force: true });
  mkdirSync(DIR, { recursive: true });
  openssl(
    "req",
    "-x509",
    "-newkey",
    "rsa:2048",
    "-nodes",
    "-days",
    "2",
    "-subj",
    "/CN=netlens-test-ca",
    "-keyout",
    "ca-key.pem",
    "-out",
    "ca.pem",
  );
  for (const [who, ext] of [
    ["server", "subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth"],
    ["client", "extendedKeyUsage=clientAuth"],
  ] as const) {
    writeFileSync(join(DIR, `${who}.ext`), `${ext}\n`);
    openssl(
      "req",
      "-newkey",
      "rsa:2048",
      "-nodes",
      "-subj",
      `/CN=${who}`,
      "-keyout",
      `${who}-key.pem`,
      "-out",
      `${who}.csr`,
    );
    openssl(
      "x509",
      "-req",
      "-in",
      `${who}.csr`,
      "-CA",
      "ca.pem",
      "-CAkey",
      "ca-key.pem",
      "-CAcreateserial",
      "-days",
      "2",
      "-extfile",
      `${who}.ext`,
      "-out",
      `${who}.pem`,
    );
  }
  // Netlens reads <NETLENS_CERTS_DIR>/<engine name>/{ca,cert,key}.pem.
  const engineDir = join(DIR, "certs", "remote");
  mkdirSync(engineDir, { recursive: true });
  execFileSync("cp", [join(DIR, "ca.pem"), join(engineDir, "ca.pem")]);
  execFileSync("cp", [join(DIR, "client.pem"), join(engineDir, "cert.pem")]);
  execFileSync("cp", [join(DIR, "client-key.pem"), join(engineDir, "key.pem")]);
}

test("a TLS engine over TCP beside the local one: both in /api/health and on the map", async () => {
  test.setTimeout(120_000);
  makeCertificates();
  const remote = new PrivateEngine("tls", "10.244.0.1/24", [
    "--tlsverify",
    "--tlscacert",
    join(DIR, "ca.pem"),
    "--tlscert",
    join(DIR, "server.pem"),
    "--tlskey",
    join(DIR, "server-key.pem"),
    "--host",
    `tcp://127.0.0.1:${TLS_PORT}`,
  ]);
  await remote.start();
  const engines = `local=unix:///var/run/docker.sock,remote=tcp://127.0.0.1:${TLS_PORT}`;
  const server = await startServer(3406, {
    NETLENS_ENGINES: engines,
    NETLENS_CERTS_DIR: join(DIR, "certs"),
  });
  try {
    remote.cli("network", "create", "--label", "netlens.test=1", "nl-t-remote-net");
    const health = (await (await fetch(`${server.url}/api/health`)).json()) as {
      engines: { id: string; reachable: boolean; endpoint: string }[];
    };
    expect(health.engines.map((e) => [e.id, e.reachable])).toEqual([
      ["local", true],
      ["remote", true],
    ]);
    const res = await fetch(`${server.url}/api/topology`, { headers: bearer("viewer") });
    const t = (await res.json()) as Topology;
    expect(t.engines.map((e) => [e.id, e.status])).toEqual([
      ["local", "up"],
      ["remote", "up"],
    ]);
    expect(t.networks.find((n) => n.name === "nl-t-remote-net")?.engineId).toBe("remote");
    expect(
      t.networks
        .filter((n) => n.name === "bridge")
        .map((n) => n.engineId)
        .sort(),
    ).toEqual(["local", "remote"]);
  } finally {
    await server.stop();
  }

  // The wrong client certificate: the engine is down, with why; the local one is untouched.
  const wrong = join(DIR, "certs", "remote");
  execFileSync("cp", [join(DIR, "server.pem"), join(wrong, "cert.pem")]);
  execFileSync("cp", [join(DIR, "server-key.pem"), join(wrong, "key.pem")]);
  const refused = await startServer(3407, {
    NETLENS_ENGINES: engines,
    NETLENS_CERTS_DIR: join(DIR, "certs"),
  });
  try {
    const res = await fetch(`${refused.url}/api/topology`, { headers: bearer("viewer") });
    expect(res.status).toBe(200);
    const t = (await res.json()) as Topology;
    expect(t.engines.find((e) => e.id === "local")?.status).toBe("up");
    const down = t.engines.find((e) => e.id === "remote");
    expect(down?.status).toBe("down");
    expect(down?.message).toMatch(/certificate|tls|ssl/i);
    expect(t.containers.every((c) => c.engineId === "local")).toBe(true);
  } finally {
    await refused.stop();
    await remote.destroy();
    rmSync(DIR, { recursive: true, force: true });
  }
});
