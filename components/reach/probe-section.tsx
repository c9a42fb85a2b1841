"use client";

// "Probe now": the question tried for real from inside A's namespace, shown next to the prediction.
import { useEffect, useRef } from "react";
import { formatClock } from "@/lib/graph/format";
import { connectOutcome, connectWords, dnsWords } from "@/lib/graph/probe-words";
import type { ReachQuestion } from "@/lib/graph/reach-question";
import { useProbe } from "@/lib/client/use-probe";
import { OUTSIDE_REF } from "@/lib/topology/reach-parties";
import type { ReachRequest } from "@/lib/topology/reach-spec";
import type { ProbeResult, Reachability } from "@/lib/topology/reach-types";
import { Button, ErrorMessage } from "../dialog";
import { useManage } from "../manage/manage-context";
import { VerdictBadge } from "./reach-answer";

function requestOf(question: ReachQuestion): ReachRequest | null {
  if (question.from === null || question.to === null) return null;
  return {
    from: question.from,
    to: question.to,
    ...(question.port !== null ? { port: question.port } : {}),
    protocol: question.protocol,
  };
}

function Observed({ result, at, live }: { result: ProbeResult; at: Date; live: Reachability }) {
  const ref = useRef<HTMLDivElement>(null);
  // The answer arrives below the fold of a long panel: bring it up once, when it arrives.
  useEffect(() => {
    ref.current?.scrollIntoView({ block: "nearest", behavior: "smooth" });
  }, [result]);
  const { connect, dns } = result.observed;
  const dnsLine = dnsWords(dns);
  const outcome = connectOutcome(connect);
  return (
    <div
      ref={ref}
      data-testid="probe-result"
      data-agrees={String(result.agrees)}
      data-connect={outcome}
      className="mt-2 space-y-2 rounded-md bg-slate-950/60 p-3 ring-1 ring-slate-800"
    >
      <dl className="grid grid-cols-[max-content_minmax(0,1fr)] items-baseline gap-x-3 gap-y-1.5 text-sm">
        <dt className="text-slate-400">Predicted</dt>
        <dd>
          <VerdictBadge verdict={result.prediction.verdict} testId="probe-predicted" />
        </dd>
        <dt className="text-slate-400">Observed</dt>
        <dd className="min-w-0">
          <span
            data-testid="probe-outcome"
            className={`mr-2 inline-flex rounded px-1.5 py-0.5 font-mono text-[12px] font-semibold ring-1 ${
              connect.ok || connect.error === "refused"
                ? "bg-emerald-500/10 text-emerald-300 ring-emerald-500/30"
                : "bg-rose-500/10 text-rose-300 ring-rose-500/30"
            }`}
          >
            {outcome}
          </span>
          <span className="text-xs text-slate-300">{connectWords(connect)}</span>
        </dd>
        {dnsLine && (
          <>
            <dt className="text-slate-400">DNS</dt>
            <dd data-testid="probe-dns" className="font-mono text-[12px] break-all text-slate-200">
              {dnsLine}
            </dd>
          </>
        )}
      </dl>
      <p
        data-testid="probe-agreement"
        className={`text-sm font-medium ${result.agrees ? "text-emerald-300" : "text-rose-300"}`}
      >
        {result.agrees
          ? "✓ What the probe saw agrees with the prediction."
          : "✕ What the probe saw does not agree with the prediction: something outside the CNM (a firewall rule, a process, a route) is in play."}
      </p>
      {result.prediction.verdict !== live.verdict && (
        <p className="text-xs text-amber-300">
          The map has changed since this probe (now {live.verdict}): probe again.
        </p>
      )}
      <p className="text-[11px] text-slate-500">
        probed at {formatClock(at.toISOString())} with {result.image}, {result.ms} ms
      </p>
    </div>
  );
}

/** The Probe now button and what it found; only for a role that may start a probe container. */
export function ProbeSection({ question, live }: { question: ReachQuestion; live: Reachability }) {
  const manage = useManage();
  const { state, run } = useProbe(requestOf(question));
  if (!manage?.can.connect) return null;
  const outside = question.from === OUTSIDE_REF || question.to === OUTSIDE_REF;
  const why = outside
    ? "The outside cannot be probed: Netlens never sends traffic beyond the host."
    : !manage.enabled
      ? manage.disabledReason
      : null;
  return (
    <section className="border-t border-slate-800 px-4 py-3" aria-label="Probe">
      <div className="flex items-center justify-between gap-3">
        <div>
          <h3 className="text-[11px] font-semibold tracking-wider text-slate-500 uppercase">
            Try it
          </h3>
          <p className="text-xs text-slate-400">
            Runs a short-lived helper in the source&apos;s namespace: a DNS lookup and one
            connection.
          </p>
        </div>
        <Button
          tone="primary"
          data-testid="probe-now"
          disabled={why !== null || state.status === "running"}
          title={why ?? undefined}
          onClick={run}
          className="shrink-0"
        >
          {state.status === "running" ? "Probing…" : "Probe now"}
        </Button>
      </div>
      {why && <p className="mt-1.5 text-xs text-slate-500">{why}</p>}
      {state.status === "done" && <Observed result={state.result} at={state.at} live={live} />}
      {state.status === "failed" && (
        <div className="mt-2">
          <ErrorMessage message={state.error.message} testId="probe-error" />
        </div>
      )}
    </section>
  );
}
