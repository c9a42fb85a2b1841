"use client";

import { useId, useState } from "react";
import type { ApiError } from "@/lib/client/api-client";
import {
  alreadyConnected,
  connectBlocker,
  connectFieldProblems,
  networkBlocker,
  parseAliases,
  stackOwner,
  type ConnectFields,
} from "@/lib/manage/connect-check";
import { connectContainer, type ConnectRequest } from "@/lib/client/network-requests";
import { useEngineHosts } from "@/lib/client/use-engine-hosts";
import { canJoin, engineMismatch, hostFor } from "@/lib/topology/engine-target";
import { dockerArgs, type SpecProblem } from "@/lib/topology/network-spec";
import type { Topology } from "@/lib/topology/types";
import { Button, Dialog, ErrorMessage } from "./dialog";
import { Field, Select, TextInput } from "./manage/form-ui";
import { Notice } from "./panel/panel-ui";

/** What to connect: either side may be left for the person to choose. */
export type ConnectIntent = {
  containerId?: string;
  networkId?: string;
  /** Where it came from: a drag in the graph fixes both sides. */
  source: "drag" | "container" | "network";
};

type Props = {
  topology: Topology;
  intent: ConnectIntent;
  onClose(): void;
  onConnected(containerId: string, networkId: string): void;
};

const asProblems = (field: string, messages: string[]): SpecProblem[] =>
  messages.map((message) => ({ field, message, kind: "invalid" }));

/** `docker network connect` for one container and one network, with aliases and static IPs. */
export function ConnectDialog({ topology, intent, onClose, onConnected }: Props) {
  const [containerId, setContainerId] = useState(intent.containerId ?? "");
  const [networkId, setNetworkId] = useState(intent.networkId ?? "");
  const [fields, setFields] = useState<ConnectFields>({
    aliases: "",
    ipv4Address: "",
    ipv6Address: "",
  });
  const [busy, setBusy] = useState(false);
  const [serverError, setServerError] = useState<string | null>(null);
  const ids = { container: useId(), network: useId(), aliases: useId(), v4: useId(), v6: useId() };

  const several = topology.engines.length > 1;
  const hosts = useEngineHosts(several);
  const container = topology.containers.find((c) => c.id === containerId);
  const owner = container ? stackOwner(topology, container) : undefined;
  const network = topology.networks.find((n) => n.id === networkId);
  // Only what can join: a container of the network's engine, or any for a swarm network.
  const containers = topology.containers
    .filter((c) => !network || canJoin(network, c))
    .sort((a, b) => a.name.localeCompare(b.name));
  const networks = topology.networks
    .filter((n) => !container || canJoin(n, container))
    .sort((a, b) => a.name.localeCompare(b.name));
  const onEngine = (engineId: string | null) => (several ? ` · ${engineId ?? "swarm"}` : "");

  const blocker =
    (container && connectBlocker(topology, container)) ??
    (network && networkBlocker(network)) ??
    (container && network && engineMismatch(network, container)) ??
    (container && network && alreadyConnected(topology, container, network)
      ? `${container.name} is already ${container.sandboxId ? "connected to" : "configured for"} ${network.name}.`
      : null);
  const fieldProblems = network && !blocker ? connectFieldProblems(fields, network) : [];
  const problemsOf = (field: keyof ConnectFields) =>
    asProblems(
      field,
      fieldProblems.filter((p) => p.field === field).map((p) => p.message),
    );
  const ready = !!container && !!network && !blocker && fieldProblems.length === 0;

  const set = (patch: Partial<ConnectFields>) => {
    setFields((f) => ({ ...f, ...patch }));
    setServerError(null);
  };

  const submit = async () => {
    if (!ready || busy || !container || !network) return;
    const request: ConnectRequest = { containerId: container.id };
    const aliases = parseAliases(fields.aliases);
    if (aliases.length > 0) request.aliases = aliases;
    if (fields.ipv4Address.trim()) request.ipv4Address = fields.ipv4Address.trim();
    if (fields.ipv6Address.trim()) request.ipv6Address = fields.ipv6Address.trim();
    setBusy(true);
    setServerError(null);
    try {
      await connectContainer(network.id, request);
      onConnected(container.id, network.id);
    } catch (error) {
      setServerError((error as ApiError).message);
      setBusy(false);
    }
  };

  const fixedBoth = intent.containerId !== undefined && intent.networkId !== undefined;
  const title = fixedBoth
    ? `Connect ${container?.name ?? "container"} to ${network?.name ?? "network"}`
    : intent.networkId !== undefined
      ? `Connect a container to ${network?.name ?? "network"}`
      : `Connect ${container?.name ?? "container"} to a network`;
  const command =
    container && network
      ? [
          ...dockerArgs(hostFor(container.engineId, hosts)),
          "network connect",
          ...parseAliases(fields.aliases).map((a) => `--alias ${a}`),
          fields.ipv4Address.trim() ? `--ip ${fields.ipv4Address.trim()}` : "",
          fields.ipv6Address.trim() ? `--ip6 ${fields.ipv6Address.trim()}` : "",
          network.name,
          container.name,
        ]
          .filter(Boolean)
          .join(" ")
      : null;

  return (
    <Dialog
      testId="connect-dialog"
      title={title}
      description={
        intent.source === "drag"
          ? "Dropped on the network's hub: this adds an endpoint (an interface and an address)."
          : "Adds an endpoint: an interface and an address on the network."
      }
      onClose={onClose}
      busy={busy}
      footer={
        <>
          {serverError && (
            <div className="w-full">
              <ErrorMessage message={serverError} />
            </div>
          )}
          <Button onClick={onClose} disabled={busy}>
            Cancel
          </Button>
          <Button
            tone="primary"
            data-testid="connect-submit"
            disabled={!ready || busy}
            onClick={() => void submit()}
          >
            {busy ? "Connecting…" : "Connect"}
          </Button>
        </>
      }
    >
      <form
        className="space-y-3"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <div className="grid gap-3 sm:grid-cols-2">
          <Field label="Container" htmlFor={ids.container}>
            {intent.containerId !== undefined ? (
              <p
                id={ids.container}
                data-testid="connect-container"
                className="py-1 font-mono text-sm text-slate-100"
              >
                {container?.name ?? intent.containerId}
              </p>
            ) : (
              <Select
                id={ids.container}
                data-testid="connect-container"
                data-autofocus
                value={containerId}
                onChange={(e) => {
                  setContainerId(e.target.value);
                  setServerError(null);
                }}
              >
                <option value="">Choose a container…</option>
                {containers.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                    {c.sandboxId === null ? ` (${c.state})` : ""}
                    {onEngine(c.engineId)}
                  </option>
                ))}
              </Select>
            )}
          </Field>
          <Field label="Network" htmlFor={ids.network}>
            {intent.networkId !== undefined ? (
              <p
                id={ids.network}
                data-testid="connect-network"
                className="py-1 font-mono text-sm text-slate-100"
              >
                {network?.name ?? intent.networkId}
                {network && network.subnets.length > 0 && (
                  <span className="ml-1.5 text-xs text-slate-500">
                    {network.subnets.map((s) => s.subnet).join(", ")}
                  </span>
                )}
              </p>
            ) : (
              <Select
                id={ids.network}
                data-testid="connect-network"
                data-autofocus
                value={networkId}
                onChange={(e) => {
                  setNetworkId(e.target.value);
                  setServerError(null);
                }}
              >
                <option value="">Choose a network…</option>
                {networks.map((n) => (
                  <option key={n.id} value={n.id} disabled={networkBlocker(n) !== null}>
                    {n.name} ({n.driver}
                    {n.subnets.length > 0 ? `, ${n.subnets.map((s) => s.subnet).join(", ")}` : ""})
                    {onEngine(n.engineId)}
                  </option>
                ))}
              </Select>
            )}
          </Field>
        </div>

        {blocker ? (
          <div data-testid="connect-blocked" className="space-y-2">
            <Notice tone="warning">{blocker}</Notice>
            {owner && connectBlocker(topology, owner) === null && (
              <Button data-testid="connect-owner" onClick={() => setContainerId(owner.id)}>
                Connect {owner.name} instead
              </Button>
            )}
          </div>
        ) : (
          <>
            {container && container.sandboxId === null && (
              <p className="text-xs text-slate-400">
                {container.name} is {container.state}: Docker records the network now and attaches
                it when the container starts.
              </p>
            )}
            <Field
              label="Aliases (optional)"
              htmlFor={ids.aliases}
              hint="comma-separated DNS names other containers on the network can use"
              problems={problemsOf("aliases")}
            >
              <TextInput
                id={ids.aliases}
                data-testid="connect-aliases"
                data-autofocus={fixedBoth ? true : undefined}
                mono
                value={fields.aliases}
                placeholder="api, api-v2"
                onChange={(e) => set({ aliases: e.target.value })}
              />
            </Field>
            <div className="grid gap-3 sm:grid-cols-2">
              <Field
                label="Static IPv4 (optional)"
                htmlFor={ids.v4}
                problems={problemsOf("ipv4Address")}
              >
                <TextInput
                  id={ids.v4}
                  data-testid="connect-ipv4"
                  mono
                  value={fields.ipv4Address}
                  placeholder="assigned by Docker"
                  aria-invalid={problemsOf("ipv4Address").length > 0}
                  onChange={(e) => set({ ipv4Address: e.target.value })}
                />
              </Field>
              <Field
                label="Static IPv6 (optional)"
                htmlFor={ids.v6}
                problems={problemsOf("ipv6Address")}
              >
                <TextInput
                  id={ids.v6}
                  data-testid="connect-ipv6"
                  mono
                  value={fields.ipv6Address}
                  placeholder={network?.ipv6 ? "assigned by Docker" : "IPv6 is off on this network"}
                  aria-invalid={problemsOf("ipv6Address").length > 0}
                  onChange={(e) => set({ ipv6Address: e.target.value })}
                />
              </Field>
            </div>
            {command && (
              <pre
                data-testid="connect-command"
                className="overflow-auto rounded bg-slate-950 p-2 font-mono text-[11.5px] break-all whitespace-pre-wrap text-emerald-200 ring-1 ring-slate-800"
              >
                {command}
              </pre>
            )}
          </>
        )}
        <button type="submit" hidden disabled={!ready || busy} tabIndex={-1} />
      </form>
    </Dialog>
  );
}
