// NETLENS_ENGINES read: pure, so its messages are unit-tested; lib/env.ts validates with it.

import { ENGINE_NAME } from "@/lib/topology/engine-target";

export type EngineSetting = { name: string; url: string };

const ENGINE_URL = /^(unix:\/\/\/|tcp:\/\/|http:\/\/|https:\/\/)/;

/** "node1=unix:///…,node2=tcp://…" as a list, or what is wrong with it in plain words. */
export function parseEngineList(s: string): EngineSetting[] | string {
  const engines: EngineSetting[] = [];
  for (const part of s
    .split(",")
    .map((p) => p.trim())
    .filter(Boolean)) {
    const eq = part.indexOf("=");
    const name = eq > 0 ? part.slice(0, eq).trim() : "";
    const url = eq > 0 ? part.slice(eq + 1).trim() : "";
    if (!ENGINE_NAME.test(name)) {
      return `"${part}": each engine is name=url, the name lowercase letters, digits, ".", "_" or "-"`;
    }
    if (url.startsWith("ssh://")) {
      // dockerode would open an SSH connection per request and check no host key.
      return `engine ${name}: ssh:// is not supported; forward the engine's socket instead (ssh -nNT -L /run/${name}.sock:/var/run/docker.sock ${url.slice(6)}) and use ${name}=unix:///run/${name}.sock`;
    }
    if (!ENGINE_URL.test(url)) {
      return `engine ${name}: the url must start with unix:///, tcp:// or https://`;
    }
    if (engines.some((e) => e.name === name)) return `engine ${name} is listed twice`;
    engines.push({ name, url });
  }
  return engines.length ? engines : "no engine listed";
}
