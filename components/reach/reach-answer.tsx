"use client";

// The answer to "Can A reach B?" in plain words: the verdict, each route (what to dial, which
// names resolve), what blocks it and why, what to run to change it, and a shell to look from A.
import {
  debugCommand,
  partyName,
  portWords,
  routeDial,
  routeWay,
} from "@/lib/graph/reach-question";
import type { ReachRoute, Reachability } from "@/lib/topology/reach-types";
import { CommandText, CopyButton, CopyableCommand } from "../copy-command";
import { Section } from "../panel/panel-ui";

/** The verdict as a badge; `testId` on the word itself, so its text is exactly the verdict. */
export function VerdictBadge({
  verdict,
  testId,
}: {
  verdict: Reachability["verdict"];
  testId: string;
}) {
  const reachable = verdict === "reachable";
  return (
    <span
      className={`inline-flex shrink-0 items-center gap-1.5 rounded-md px-2 py-0.5 text-sm font-semibold ring-1 ${
        reachable
          ? "bg-emerald-500/15 text-emerald-300 ring-emerald-500/40"
          : "bg-rose-500/15 text-rose-300 ring-rose-500/40"
      }`}
    >
      <span aria-hidden>{reachable ? "✓" : "✕"}</span>
      <span data-testid={testId} data-verdict={verdict}>
        {verdict}
      </span>
    </span>
  );
}

function Route({ route }: { route: ReachRoute }) {
  return (
    <li
      data-testid="reach-route"
      data-via={route.via}
      className="rounded-md bg-emerald-950/30 px-3 py-2 ring-1 ring-emerald-800/40"
    >
      <div className="flex items-baseline justify-between gap-2">
        <span className="text-xs text-slate-400">dial</span>
        <CopyButton text={routeDial(route)} />
      </div>
      <p
        data-testid="reach-route-dial"
        className="font-mono text-[13px] font-semibold break-all text-emerald-200"
      >
        {routeDial(route)}
      </p>
      <p className="mt-0.5 text-xs text-slate-300">{routeWay(route)}</p>
      {route.names.length > 0 ? (
        <p className="mt-1.5 flex flex-wrap items-center gap-1 text-xs text-slate-400">
          names that resolve:
          {route.names.map((name) => (
            <span
              key={name}
              data-testid="reach-route-name"
              className="rounded bg-slate-800 px-1.5 py-px font-mono text-[11.5px] text-slate-200"
            >
              {name}
            </span>
          ))}
        </p>
      ) : (
        route.via === "network" &&
        route.address !== "*" && (
          <p className="mt-1 text-xs text-slate-500">No name resolves here: dial the address.</p>
        )
      )}
    </li>
  );
}

export function ReachAnswer({ reach }: { reach: Reachability }) {
  const reachable = reach.verdict === "reachable";
  const debug = debugCommand(reach.from);
  return (
    <div data-testid="reach-answer">
      <div className="flex items-start gap-3 px-4 pt-1 pb-3">
        <VerdictBadge verdict={reach.verdict} testId="reach-verdict" />
        <p className="text-sm text-slate-200" data-testid="reach-sentence">
          <span className="font-semibold text-slate-50">{partyName(reach.from)}</span>{" "}
          {reachable ? "can reach" : "cannot reach"}{" "}
          <span className="font-semibold text-slate-50">{partyName(reach.to)}</span> on{" "}
          {portWords(reach.port, reach.protocol)}
          {reachable && reach.routes.length > 1 ? `, ${reach.routes.length} ways` : ""}.
        </p>
      </div>
      {reach.routes.length > 0 && (
        <Section title={reach.routes.length > 1 ? "Routes" : "Route"}>
          <ul className="space-y-2">
            {reach.routes.map((route, i) => (
              <Route
                key={`${route.via}:${route.networkId ?? ""}:${route.address}:${i}`}
                route={route}
              />
            ))}
          </ul>
        </Section>
      )}
      {reach.blockers.length > 0 && (
        <Section title="Why not">
          <IssueList issues={reach.blockers} testId="reach-blocker" tone={BLOCKER_TONE} />
        </Section>
      )}
      {reach.warnings.length > 0 && (
        <Section title="Worth knowing">
          <IssueList issues={reach.warnings} testId="reach-warning" tone={WARNING_TONE} />
        </Section>
      )}
      {reach.fixes.length > 0 && (
        <Section title={reachable ? "To tighten it" : "To fix it"}>
          <ul className="space-y-3">
            {reach.fixes.map((fix) => (
              <li key={fix.command} data-testid="reach-fix">
                <div className="flex items-start justify-between gap-2">
                  <p className="text-sm text-slate-200">{fix.description}</p>
                  <CopyButton text={fix.command} testId="reach-fix-copy" />
                </div>
                <CommandText command={fix.command} testId="reach-fix-command" className="mt-1" />
              </li>
            ))}
          </ul>
        </Section>
      )}
      {debug && (
        <Section title="Look from inside">
          <CopyableCommand
            command={debug}
            label={`a shell with ping, dig, curl and tcpdump in ${partyName(reach.from)}'s network namespace`}
            testId="reach-debug-command"
          />
        </Section>
      )}
    </div>
  );
}

const BLOCKER_TONE = "bg-rose-950/50 text-rose-100 ring-rose-800/50";
const WARNING_TONE = "bg-amber-950/40 text-amber-100 ring-amber-700/40";

/** Blockers or warnings: each in the CNM's words, its code for tests and tools. */
function IssueList({
  issues,
  testId,
  tone,
}: {
  issues: { code: string; message: string }[];
  testId: string;
  tone: string;
}) {
  return (
    <ul className="space-y-2">
      {issues.map((issue) => (
        <li
          key={issue.code + issue.message}
          data-testid={testId}
          data-code={issue.code}
          className={`rounded-md px-3 py-2 text-sm ring-1 ${tone}`}
        >
          {issue.message}
        </li>
      ))}
    </ul>
  );
}
