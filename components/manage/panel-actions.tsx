"use client";

// The changes the side panels offer: connect, disconnect, remove. Each says why when it cannot.
import { useState } from "react";
import type { ApiError } from "@/lib/client/api-client";
import { connectBlocker, networkBlocker, stackOwner } from "@/lib/manage/connect-check";
import { disconnectContainer, removeNetwork } from "@/lib/client/network-requests";
import { useEngineHosts } from "@/lib/client/use-engine-hosts";
import { hostFor, managerEngines } from "@/lib/topology/engine-target";
import { dockerArgs } from "@/lib/topology/network-spec";
import type { Container, Endpoint, Network, Topology } from "@/lib/topology/types";
import { Button, ErrorMessage } from "../dialog";
import { Notice, Section } from "../panel/panel-ui";
import { Checkbox } from "./form-ui";
import { useManage } from "./manage-context";

function Confirm({
  question,
  detail,
  confirmLabel,
  confirmTestId,
  busy,
  onConfirm,
  onCancel,
}: {
  question: string;
  detail?: string;
  confirmLabel: string;
  confirmTestId: string;
  busy: boolean;
  onConfirm(): void;
  onCancel(): void;
}) {
  return (
    <div
      role="group"
      aria-label={question}
      className="space-y-2 rounded-md bg-rose-950/30 p-2.5 ring-1 ring-rose-900/60"
    >
      <p className="text-sm text-slate-100">{question}</p>
      {detail && <p className="text-xs text-slate-400">{detail}</p>}
      <div className="flex gap-2">
        <Button
          tone="danger"
          data-testid={confirmTestId}
          disabled={busy}
          onClick={onConfirm}
          // The question has just appeared: answering it is the next thing to do.
          autoFocus
        >
          {busy ? "Working…" : confirmLabel}
        </Button>
        <Button onClick={onCancel} disabled={busy}>
          Cancel
        </Button>
      </div>
    </div>
  );
}

/** In the container panel: "Connect to network…", or why this container cannot be. */
export function ConnectContainerAction({
  topology,
  container,
}: {
  topology: Topology;
  container: Container;
}) {
  const manage = useManage();
  if (!manage?.can.connect) return null;
  const blocker = connectBlocker(topology, container);
  const owner = stackOwner(topology, container);
  return (
    <Section title="Connect">
      {blocker ? (
        <div data-testid="connect-blocked" className="space-y-2">
          <Notice tone="info">{blocker}</Notice>
          {owner && connectBlocker(topology, owner) === null && (
            <Button
              data-testid="connect-owner"
              disabled={!manage.enabled}
              title={manage.disabledReason ?? undefined}
              onClick={() => manage.openConnect({ containerId: owner.id, source: "container" })}
            >
              Connect {owner.name} to a network…
            </Button>
          )}
        </div>
      ) : (
        <>
          <Button
            data-testid="connect-open"
            disabled={!manage.enabled}
            title={manage.disabledReason ?? undefined}
            onClick={() => manage.openConnect({ containerId: container.id, source: "container" })}
          >
            Connect to network…
          </Button>
          <p className="mt-1.5 text-xs text-slate-500">
            Or drag its box onto a network&apos;s hub in the map.
          </p>
        </>
      )}
    </Section>
  );
}

/** In the network panel: "Connect container…", unless the network cannot be joined that way. */
export function ConnectToNetworkAction({ network }: { network: Network }) {
  const manage = useManage();
  if (!manage?.can.connect) return null;
  const blocker = networkBlocker(network);
  if (blocker) return <p className="mt-2 text-xs text-slate-500">{blocker}</p>;
  return (
    <Button
      className="mt-2"
      data-testid="connect-container-open"
      disabled={!manage.enabled}
      title={manage.disabledReason ?? undefined}
      onClick={() => manage.openConnect({ networkId: network.id, source: "network" })}
    >
      Connect container…
    </Button>
  );
}

/** In the endpoint panel: `docker network disconnect [--force]`, confirmed first. */
export function DisconnectAction({
  topology,
  endpoint,
}: {
  topology: Topology;
  endpoint: Endpoint;
}) {
  const manage = useManage();
  const [force, setForce] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!manage?.can.connect) return null;
  const container = topology.containers.find((c) => c.id === endpoint.containerId);
  const network = topology.networks.find((n) => n.id === endpoint.networkId);
  const containerName = container?.name ?? endpoint.containerId.slice(0, 12);
  const networkName = network?.name ?? endpoint.networkId.slice(0, 12);
  // Joiners of this namespace lose the network too: they have no interfaces of their own.
  const joiners = (topology.sandboxes.find((s) => s.id === endpoint.sandboxId)?.containerIds ?? [])
    .filter((id) => id !== endpoint.containerId)
    .map((id) => topology.containers.find((c) => c.id === id)?.name ?? id.slice(0, 12));

  if (network?.driver === "host") {
    return (
      <Section title="Disconnect">
        <p className="text-xs text-slate-400">
          A host-mode container cannot be disconnected from the host network: it has no stack of its
          own to fall back to. Recreate it without <code>--network host</code> instead.
        </p>
      </Section>
    );
  }

  const disconnect = async () => {
    setBusy(true);
    setError(null);
    try {
      await disconnectContainer(endpoint.networkId, endpoint.containerId, force);
      manage.select(container ? { kind: "container", id: container.id } : null);
    } catch (e) {
      setError((e as ApiError).message);
      setBusy(false);
      setConfirming(false);
    }
  };

  return (
    <Section title="Disconnect">
      <div className="space-y-2">
        <Checkbox
          data-testid="disconnect-force"
          checked={force}
          disabled={busy}
          onChange={(e) => setForce(e.target.checked)}
          label="Force"
          hint="--force: remove the endpoint even if Docker cannot clean it up properly"
        />
        {confirming ? (
          <Confirm
            question={`Disconnect ${containerName} from ${networkName}${force ? " (forced)" : ""}?`}
            detail={`Its interface ${endpoint.ipv4Address ? `and address ${endpoint.ipv4Address} ` : ""}on ${networkName} go away${
              joiners.length > 0 ? `, for ${joiners.join(", ")} too (they share its namespace)` : ""
            }.`}
            confirmLabel="Disconnect"
            confirmTestId="confirm-disconnect"
            busy={busy}
            onConfirm={() => void disconnect()}
            onCancel={() => setConfirming(false)}
          />
        ) : (
          <Button
            tone="danger"
            data-testid="disconnect"
            disabled={!manage.enabled}
            title={manage.disabledReason ?? undefined}
            onClick={() => {
              setError(null);
              setConfirming(true);
            }}
          >
            Disconnect…
          </Button>
        )}
        {error && <ErrorMessage message={error} testId="action-error" />}
      </div>
    </Section>
  );
}

/** In the network panel: `docker network rm`, or why it cannot be removed now. */
export function RemoveNetworkAction({
  topology,
  network,
}: {
  topology: Topology;
  network: Network;
}) {
  const manage = useManage();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const hosts = useEngineHosts(topology.engines.length > 1);
  if (!manage?.can.administer) return null;

  if (network.predefined) {
    return (
      <Section title="Remove">
        <p className="text-xs text-slate-400" data-testid="remove-network-reason">
          {network.name} is one of Docker&apos;s predefined networks (bridge, host, none): the
          engine creates it itself and it cannot be removed.
        </p>
      </Section>
    );
  }

  const attached = [
    ...new Set(
      topology.endpoints
        // Swarm's own endpoints (load balancers) belong to no container and do not block removal.
        .filter((e) => e.networkId === network.id && e.containerId !== "")
        .map((e) => topology.containers.find((c) => c.id === e.containerId)?.name ?? e.containerId),
    ),
  ];
  const configuredStopped = topology.containers
    .filter((c) => c.sandboxId === null && c.networkNames.includes(network.name))
    .map((c) => c.name);

  const remove = async () => {
    setBusy(true);
    setError(null);
    try {
      await removeNetwork(network.id);
      manage.select(null);
    } catch (e) {
      setError((e as ApiError).message);
      setBusy(false);
      setConfirming(false);
    }
  };

  return (
    <Section title="Remove">
      <div className="space-y-2">
        {attached.length > 0 && (
          <div data-testid="remove-network-reason">
            <Notice tone="info">
              In use by <span className="font-semibold">{attached.join(", ")}</span>. Docker removes
              a network only when no container is connected: disconnect{" "}
              {attached.length === 1 ? "it" : "them"} first.
            </Notice>
          </div>
        )}
        {configuredStopped.length > 0 && (
          <p className="text-xs text-amber-300/90">
            Configured for it while stopped: {configuredStopped.join(", ")}.{" "}
            {configuredStopped.length === 1 ? "It" : "They"} will fail to start once the network is
            gone.
          </p>
        )}
        {confirming ? (
          <Confirm
            question={`Remove network ${network.name}?`}
            detail={[
              // Where the server sends it: the network's engine, a manager for a swarm network.
              ...dockerArgs(
                hostFor(network.engineId ?? managerEngines(topology.engines)[0]?.id, hosts),
              ),
              "network rm",
              network.name,
            ].join(" ")}
            confirmLabel="Remove"
            confirmTestId="confirm-remove"
            busy={busy}
            onConfirm={() => void remove()}
            onCancel={() => setConfirming(false)}
          />
        ) : (
          <Button
            tone="danger"
            data-testid="remove-network"
            disabled={!manage.enabled || attached.length > 0}
            title={
              !manage.enabled
                ? (manage.disabledReason ?? undefined)
                : attached.length > 0
                  ? `In use by ${attached.join(", ")}`
                  : undefined
            }
            onClick={() => {
              setError(null);
              setConfirming(true);
            }}
          >
            Remove network…
          </Button>
        )}
        {error && <ErrorMessage message={error} testId="action-error" />}
      </div>
    </Section>
  );
}
