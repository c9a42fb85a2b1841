"use client";

import { useEffect, useId, useState } from "react";
import type { ApiError } from "@/lib/client/api-client";
import { shortId } from "@/lib/graph/format";
import { pruneNetworks, type PruneResult } from "@/lib/client/network-requests";
import type { Container, EngineEntry } from "@/lib/topology/types";
import { Button, Dialog, ErrorMessage } from "./dialog";
import { Field, Select } from "./manage/form-ui";
import { Notice } from "./panel/panel-ui";

type Phase =
  | { step: "previewing" }
  | { step: "preview"; preview: PruneResult }
  | { step: "pruning"; preview: PruneResult }
  | { step: "done"; result: PruneResult };

/**
 * `docker network prune`, but shown first: a dry run lists exactly what would go, the person may
 * keep some, and only the ones still ticked are removed (one that gained a container meanwhile is
 * kept by the server).
 */
export function PruneDialog({
  containers,
  engines,
  initialEngineId,
  onClose,
}: {
  /** To say which stopped containers are configured for a network that would go. */
  containers: readonly Container[];
  /** With several, one engine is pruned at a time, chosen here. */
  engines: readonly EngineEntry[];
  initialEngineId?: string | null;
  onClose(): void;
}) {
  const several = engines.length > 1;
  // One engine: nothing sent, as before there were several.
  const [engineId, setEngineId] = useState(() =>
    several ? (initialEngineId ?? engines[0]?.id) : undefined,
  );
  const [phase, setPhase] = useState<Phase>({ step: "previewing" });
  const [error, setError] = useState<string | null>(null);
  /** Ids the person unticked in the preview: kept. */
  const [kept, setKept] = useState<ReadonlySet<string>>(new Set());
  const engineFieldId = useId();

  useEffect(() => {
    let live = true;
    pruneNetworks(true, undefined, engineId)
      .then((preview) => live && setPhase({ step: "preview", preview }))
      .catch((e: ApiError) => live && setError(e.message));
    return () => {
      live = false;
    };
  }, [engineId]);

  const chooseEngine = (id: string) => {
    setEngineId(id);
    setPhase({ step: "previewing" });
    setError(null);
    setKept(new Set());
  };

  const confirm = async (preview: PruneResult, ids: string[]) => {
    setPhase({ step: "pruning", preview });
    setError(null);
    try {
      const result = await pruneNetworks(false, ids, engineId);
      setPhase({ step: "done", result });
    } catch (e) {
      setError((e as ApiError).message);
      setPhase({ step: "preview", preview });
    }
  };

  const busy = phase.step === "pruning";
  const toRemove = phase.step === "preview" || phase.step === "pruning" ? phase.preview : null;
  const chosen = toRemove ? toRemove.networks.filter((n) => !kept.has(n.id)).map((n) => n.id) : [];
  const stoppedOn = (name: string) =>
    containers.filter(
      (c) =>
        c.sandboxId === null &&
        c.networkNames.includes(name) &&
        (engineId === undefined || c.engineId === engineId),
    );

  return (
    <Dialog
      testId="prune-dialog"
      title="Prune unused networks"
      description="Removes networks no container is connected to. Docker's predefined networks are never touched."
      onClose={onClose}
      busy={busy}
      footer={
        phase.step === "done" ? (
          <Button tone="primary" data-testid="prune-close" data-autofocus onClick={onClose}>
            Close
          </Button>
        ) : (
          <>
            <Button onClick={onClose} disabled={busy}>
              Cancel
            </Button>
            <Button
              tone="danger"
              data-testid="prune-confirm"
              disabled={chosen.length === 0 || busy}
              onClick={() => toRemove && void confirm(toRemove, chosen)}
            >
              {busy
                ? "Removing…"
                : chosen.length > 0
                  ? `Remove ${chosen.length} network${chosen.length === 1 ? "" : "s"}`
                  : "Remove"}
            </Button>
          </>
        )
      }
    >
      <div className="space-y-3 text-sm">
        {several && (
          <Field label="Engine" htmlFor={engineFieldId}>
            <Select
              id={engineFieldId}
              data-testid="prune-engine"
              value={engineId}
              disabled={phase.step === "pruning" || phase.step === "done"}
              onChange={(e) => chooseEngine(e.target.value)}
            >
              {engines.map((e) => (
                <option key={e.id} value={e.id}>
                  {e.id}
                  {e.swarm?.role === "manager" ? " · swarm manager (its unused overlays too)" : ""}
                  {e.status === "down" ? " — down" : ""}
                </option>
              ))}
            </Select>
          </Field>
        )}
        {error && <ErrorMessage message={error} />}
        {phase.step === "previewing" && !error && (
          <p className="flex items-center gap-2 text-slate-400" data-testid="prune-loading">
            <span className="h-3.5 w-3.5 animate-spin rounded-full border-2 border-slate-600 border-t-sky-400" />
            Asking the engine which networks are unused…
          </p>
        )}
        {toRemove &&
          (toRemove.networks.length === 0 ? (
            <p data-testid="prune-empty" className="text-slate-300">
              Nothing to prune: every network has a container connected, or is predefined.
            </p>
          ) : (
            <>
              <p className="text-slate-300">
                {toRemove.networks.length === 1
                  ? "This network has no container connected and would be removed"
                  : `These ${toRemove.networks.length} networks have no container connected and would be removed`}{" "}
                (untick any to keep):
              </p>
              <ul className="max-h-64 space-y-1 overflow-y-auto rounded bg-slate-950/60 p-2 ring-1 ring-slate-800">
                {toRemove.networks.map((n) => {
                  const stopped = stoppedOn(n.name);
                  return (
                    <li
                      key={n.id}
                      data-testid="prune-item"
                      data-name={n.name}
                      data-id={n.id}
                      className="font-mono text-[12.5px]"
                    >
                      <label className="flex cursor-pointer items-baseline gap-2">
                        <input
                          type="checkbox"
                          data-testid="prune-item-check"
                          checked={!kept.has(n.id)}
                          disabled={busy}
                          onChange={(e) =>
                            setKept((previous) => {
                              const next = new Set(previous);
                              if (e.target.checked) next.delete(n.id);
                              else next.add(n.id);
                              return next;
                            })
                          }
                          className="h-3.5 w-3.5 shrink-0 translate-y-0.5 accent-rose-500"
                        />
                        <span className="min-w-0 flex-1 truncate text-slate-100">{n.name}</span>
                        <span className="shrink-0 text-[11px] text-slate-500">{shortId(n.id)}</span>
                      </label>
                      {stopped.length > 0 && (
                        <p className="pl-5.5 font-sans text-[11px] text-amber-300/90">
                          configured for {stopped.map((c) => `${c.name} (${c.state})`).join(", ")}:
                          {stopped.length === 1 ? " it" : " they"} will fail to start without it
                        </p>
                      )}
                    </li>
                  );
                })}
              </ul>
            </>
          ))}
        {phase.step === "done" && (
          <>
            {phase.result.networks.length > 0 ? (
              <>
                <p className="text-slate-300">
                  Removed {phase.result.networks.length} network
                  {phase.result.networks.length === 1 ? "" : "s"}:
                </p>
                <NetworkList items={phase.result.networks} testId="prune-removed" />
              </>
            ) : (
              <p className="text-slate-300" data-testid="prune-none-removed">
                No network was removed.
              </p>
            )}
            {phase.result.failed.length > 0 && (
              <div className="space-y-1.5">
                <p className="text-slate-300">Not removed:</p>
                {phase.result.failed.map((f) => (
                  <div key={f.id} data-testid="prune-failed" data-name={f.name}>
                    <Notice tone="error">
                      <span className="font-mono font-semibold">{f.name}</span>: {f.message}
                    </Notice>
                  </div>
                ))}
              </div>
            )}
          </>
        )}
      </div>
    </Dialog>
  );
}

function NetworkList({ items, testId }: { items: { id: string; name: string }[]; testId: string }) {
  return (
    <ul className="max-h-64 space-y-1 overflow-y-auto rounded bg-slate-950/60 p-2 ring-1 ring-slate-800">
      {items.map((n) => (
        <li
          key={n.id}
          data-testid={testId}
          data-name={n.name}
          data-id={n.id}
          className="flex items-baseline justify-between gap-3 font-mono text-[12.5px]"
        >
          <span className="truncate text-slate-100">{n.name}</span>
          <span className="shrink-0 text-[11px] text-slate-500">{shortId(n.id)}</span>
        </li>
      ))}
    </ul>
  );
}
