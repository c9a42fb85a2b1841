"use client";

// Reach mode's panel: pick A and B (from the lists or on the map), a port and a protocol; the
// answer below follows the live topology.
import { useEffect, useId, useState } from "react";
import {
  parsePort,
  partyChoices,
  type PartyChoice,
  type ReachSide,
} from "@/lib/graph/reach-question";
import type { Protocol } from "@/lib/topology/reach-types";
import type { Topology } from "@/lib/topology/types";
import { Select, TextInput } from "../manage/form-ui";
import { Notice } from "../panel/panel-ui";
import { ProbeSection } from "./probe-section";
import { ReachAnswer } from "./reach-answer";
import type { MapInsight } from "./use-map-insight";

type Reach = MapInsight["reach"];

const GROUPS: { group: PartyChoice["group"]; label: string }[] = [
  { group: "places", label: "The host and beyond" },
  { group: "running", label: "Running containers" },
  { group: "stopped", label: "Not running" },
];

function PartyField({
  side,
  topology,
  reach,
  problem,
}: {
  side: ReachSide;
  topology: Topology;
  reach: Reach;
  problem: string | null;
}) {
  const id = useId();
  const choices = partyChoices(topology, side, reach.question);
  const value = reach.question[side];
  const known = value === null || choices.some((c) => c.ref === value);
  const picking = reach.picking === side;
  return (
    <div>
      <label htmlFor={id} className="mb-1 block text-xs font-medium text-slate-400">
        {side === "from" ? "From (A)" : "To (B)"}
      </label>
      <div className="flex gap-1.5">
        <Select
          id={id}
          data-testid={`reach-${side}`}
          value={value ?? ""}
          aria-invalid={problem !== null}
          onChange={(event) => reach.ask({ [side]: event.target.value || null })}
        >
          <option value="">— choose —</option>
          {!known && value !== null && (
            <option value={value} disabled>
              {value} (gone)
            </option>
          )}
          {GROUPS.map(({ group, label }) => {
            const options = choices.filter((c) => c.group === group);
            if (options.length === 0) return null;
            return (
              <optgroup key={group} label={label}>
                {options.map((c) => (
                  <option
                    key={c.ref}
                    value={c.ref}
                    disabled={c.unavailable !== null}
                    title={c.unavailable ?? undefined}
                  >
                    {c.label}
                  </option>
                ))}
              </optgroup>
            );
          })}
        </Select>
        <button
          type="button"
          data-testid={`reach-pick-${side}`}
          aria-pressed={picking}
          title={picking ? "Click a box on the map (or press again to stop)" : "Pick on the map"}
          onClick={() => reach.pick(picking ? null : side)}
          className={`shrink-0 rounded-md px-2 text-sm ring-1 outline-none focus-visible:ring-2 focus-visible:ring-sky-400 ${
            picking
              ? "bg-sky-500/20 text-sky-200 ring-sky-400/60"
              : "bg-slate-800 text-slate-300 ring-slate-700 hover:bg-slate-700"
          }`}
        >
          <svg aria-hidden width="16" height="16" viewBox="0 0 16 16">
            <circle cx="8" cy="8" r="5" fill="none" stroke="currentColor" strokeWidth="1.4" />
            <path d="M8 1v4M8 11v4M1 8h4M11 8h4" stroke="currentColor" strokeWidth="1.4" />
          </svg>
          <span className="sr-only">
            Pick {side === "from" ? "the source" : "the target"} on the map
          </span>
        </button>
      </div>
      {problem && <p className="mt-1 text-xs text-rose-300">{problem}</p>}
    </div>
  );
}

function PortFields({ reach }: { reach: Reach }) {
  const portId = useId();
  const protocolId = useId();
  // The field's own text: what is typed may not be a port yet. Only this field sets the port.
  const [text, setText] = useState(reach.question.port === null ? "" : String(reach.question.port));
  const invalid = parsePort(text) === "invalid";
  return (
    <div className="grid grid-cols-[minmax(0,1fr)_7rem] gap-2">
      <div>
        <label htmlFor={portId} className="mb-1 block text-xs font-medium text-slate-400">
          Port <span className="text-slate-600">(optional)</span>
        </label>
        <TextInput
          id={portId}
          data-testid="reach-port"
          mono
          inputMode="numeric"
          placeholder="any"
          value={text}
          aria-invalid={invalid}
          onChange={(event) => {
            setText(event.target.value);
            const port = parsePort(event.target.value);
            if (port !== "invalid") reach.ask({ port });
          }}
        />
        {invalid && (
          <p className="mt-1 text-xs text-rose-300">A port is a number from 1 to 65535.</p>
        )}
      </div>
      <div>
        <label htmlFor={protocolId} className="mb-1 block text-xs font-medium text-slate-400">
          Protocol
        </label>
        <Select
          id={protocolId}
          data-testid="reach-protocol"
          value={reach.question.protocol}
          onChange={(event) => reach.ask({ protocol: event.target.value as Protocol })}
        >
          <option value="tcp">tcp</option>
          <option value="udp">udp</option>
        </Select>
      </div>
    </div>
  );
}

/** Where the answer goes: the live prediction, or what is missing for one. */
function Outcome({ reach }: { reach: Reach }) {
  const outcome = reach.outcome;
  if (outcome.kind === "answer") {
    return (
      <>
        <ReachAnswer reach={outcome.reach} />
        <ProbeSection question={reach.question} live={outcome.reach} />
      </>
    );
  }
  if (outcome.kind === "problem" && outcome.side === null) {
    return (
      <div className="px-4 pb-3">
        <Notice tone="warning">{outcome.message}</Notice>
      </div>
    );
  }
  if (outcome.kind === "problem") return null;
  return (
    <p className="px-4 pb-3 text-sm text-slate-400" data-testid="reach-incomplete">
      Choose {reach.question.from === null ? "where the traffic starts" : "where it should arrive"}:
      from the list, or click its box on the map or its row in the table.
    </p>
  );
}

export function ReachPanel({ topology, reach }: { topology: Topology; reach: Reach }) {
  const close = reach.close;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === "Escape") close();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [close]);

  const outcome = reach.outcome;
  const problemOf = (side: ReachSide) =>
    outcome.kind === "problem" && outcome.side === side ? outcome.message : null;
  return (
    <aside
      data-testid="reach-panel"
      aria-label="Can A reach B?"
      className="relative flex h-full flex-col overflow-hidden rounded-lg border border-slate-700/80 bg-slate-900/95 shadow-2xl backdrop-blur"
    >
      <button
        type="button"
        data-testid="reach-close"
        onClick={reach.close}
        aria-label="Leave reach mode"
        title="Leave reach mode (Esc)"
        className="absolute top-2 right-2 z-10 rounded p-1 text-slate-400 hover:bg-slate-800 hover:text-slate-100"
      >
        <svg width="16" height="16" viewBox="0 0 16 16" aria-hidden>
          <path d="M4 4l8 8M12 4l-8 8" stroke="currentColor" strokeWidth="1.6" />
        </svg>
      </button>
      <div className="min-h-0 flex-1 overflow-y-auto pb-4">
        <div className="px-4 pt-3 pb-3">
          <p className="text-[11px] font-semibold tracking-wider text-slate-500 uppercase">
            Reachability · live
          </p>
          <h2 className="text-lg font-semibold text-slate-50">Can A reach B?</h2>
          <p className="mt-0.5 text-xs text-slate-400">
            Predicted from the CNM as the engine has it now; it changes as the map does.
          </p>
        </div>
        <div className="space-y-3 px-4 pb-4">
          <PartyField side="from" topology={topology} reach={reach} problem={problemOf("from")} />
          <div className="-my-1.5 flex justify-center">
            <button
              type="button"
              data-testid="reach-swap"
              title="Swap A and B"
              onClick={() => reach.ask({ from: reach.question.to, to: reach.question.from })}
              className="rounded px-2 text-sm text-slate-400 hover:bg-slate-800 hover:text-slate-100"
            >
              ⇅ swap
            </button>
          </div>
          <PartyField side="to" topology={topology} reach={reach} problem={problemOf("to")} />
          <PortFields reach={reach} />
        </div>
        <Outcome reach={reach} />
      </div>
    </aside>
  );
}
