// npm run lab:scale -- [containers] [networks] [keep] | npm run lab:scale -- down
// A big map on the engine (DOCKER_HOST or the local socket): N running containers over M networks,
// in 12 compose projects, every 7th also on a second network, every 50th publishing a port — all
// labelled netlens.scale=1 and removed by `down` (and by the test cleanup script). `keep` adds only
// what is missing (an interrupted fill goes on where it stopped) instead of starting afresh. Uses the Engine
// API directly, a few requests at a time: `docker run` 2,000 times would take several times longer.
import { engineRequest, engineSocket, pool as poolOf } from "./engine-api.mts";

const LABEL = "netlens.scale";
const IMAGE = process.env.NETLENS_TEST_IMAGE ?? "netlens-busybox:latest";
const SOCKET = engineSocket();
const PROJECTS = 12;
const AT_ONCE = 6;

const engine = <T = unknown,>(method: string, path: string, body?: unknown) =>
  engineRequest<T>(SOCKET, method, path, body);
const pool = <T,>(items: T[], fn: (item: T) => Promise<void>) => poolOf(items, AT_ONCE, fn);

const labelled = encodeURIComponent(JSON.stringify({ label: [`${LABEL}=1`] }));

export async function scaleDown(): Promise<void> {
  const containers = await engine<{ Id: string }[]>(
    "GET",
    `/containers/json?all=1&filters=${labelled}`,
  );
  await pool(containers, (c) => engine("DELETE", `/containers/${c.Id}?force=1`).then(() => {}));
  const networks = await engine<{ Id: string }[]>("GET", `/networks?filters=${labelled}`);
  await pool(networks, (n) => engine("DELETE", `/networks/${n.Id}`).then(() => {}));
  console.log(`[scale] removed ${containers.length} containers, ${networks.length} networks`);
}

/** The subnet of scale network `j`: 10.150.0.0/24 upwards, apart from every other lab's. */
export const subnetOf = (j: number) => `10.${150 + Math.floor(j / 250)}.${j % 250}.0/24`;

export async function scaleUp(
  containers: number,
  networks: number,
  { keep = false } = {},
): Promise<void> {
  if (!keep) await scaleDown();
  const t0 = performance.now();
  const netIds: string[] = [];
  const haveNets = new Map(
    (await engine<{ Id: string; Name: string }[]>("GET", `/networks?filters=${labelled}`)).map(
      (n) => [n.Name, n.Id],
    ),
  );
  const haveContainers = new Set(
    (
      await engine<{ Names: string[]; State: string }[]>(
        "GET",
        `/containers/json?filters=${labelled}`,
      )
    ).flatMap((c) => c.Names.map((n) => n.replace(/^\//, ""))),
  );
  // Stopped or half-made ones from an interrupted fill are made again.
  const stale = await engine<{ Id: string }[]>(
    "GET",
    `/containers/json?all=1&filters=${encodeURIComponent(JSON.stringify({ label: [`${LABEL}=1`], status: ["created", "exited"] }))}`,
  );
  await pool(stale, (c) => engine("DELETE", `/containers/${c.Id}?force=1`).then(() => {}));
  await pool(
    Array.from({ length: networks }, (_, j) => j),
    async (j) => {
      const existing = haveNets.get(`scale-net-${j}`);
      if (existing) {
        netIds[j] = existing;
        return;
      }
      const { Id } = await engine<{ Id: string }>("POST", "/networks/create", {
        Name: `scale-net-${j}`,
        CheckDuplicate: true,
        Labels: { [LABEL]: "1" },
        IPAM: { Config: [{ Subnet: subnetOf(j) }] },
      });
      netIds[j] = Id;
    },
  );
  await pool(
    Array.from({ length: containers }, (_, i) => i),
    async (i) => {
      if (haveContainers.has(`scale-${i}`)) return;
      const project = `scale-p${i % PROJECTS}`;
      const published = i % 50 === 0;
      const { Id } = await engine<{ Id: string }>("POST", `/containers/create?name=scale-${i}`, {
        Image: IMAGE,
        Cmd: ["sleep", "infinity"],
        Labels: {
          [LABEL]: "1",
          "com.docker.compose.project": project,
          "com.docker.compose.service": `svc${i % 5}`,
        },
        ...(published ? { ExposedPorts: { "80/tcp": {} } } : {}),
        HostConfig: {
          NetworkMode: `scale-net-${i % networks}`,
          // Nothing in the lab looks a name up outside; if it did, it would stay on the host.
          Dns: ["127.0.0.1"],
          ...(published
            ? { PortBindings: { "80/tcp": [{ HostIp: "127.0.0.1", HostPort: String(20000 + i) }] } }
            : {}),
        },
      });
      if (i % 7 === 0 && networks > 1) {
        await engine("POST", `/networks/${netIds[(i + 1) % networks]}/connect`, { Container: Id });
      }
      await engine("POST", `/containers/${Id}/start`);
    },
  );
  const s = ((performance.now() - t0) / 1000).toFixed(1);
  console.log(`[scale] ${containers} containers over ${networks} networks in ${s} s`);
}

// Run as a script (not when imported by the render benchmark).
if (import.meta.url === `file://${process.argv[1]}`) {
  const [first, second, third] = process.argv.slice(2);
  if (first === "down") await scaleDown();
  else await scaleUp(Number(first ?? 500), Number(second ?? 50), { keep: third === "keep" });
}
