"use client";

import { useCallback, useDeferredValue, useMemo, useState } from "react";
import type { GraphModel } from "@/lib/graph/graph-model";
import {
  exposureHighlight,
  pickHighlight,
  reachHighlight,
  type GraphHighlight,
} from "@/lib/graph/highlight";
import {
  answerQuestion,
  EMPTY_QUESTION,
  refForTarget,
  type ReachOutcome,
  type ReachQuestion,
  type ReachSide,
} from "@/lib/graph/reach-question";
import type { GraphTarget } from "@/lib/graph/selection";
import { adviseOn, type Advice } from "@/lib/topology/advice";
import { exposureOf, type ExposureEntry } from "@/lib/topology/exposure";
import { resolveParty } from "@/lib/topology/reach-parties";
import type { Topology } from "@/lib/topology/types";

export type MapInsight = {
  reach: {
    open: boolean;
    question: ReachQuestion;
    /** The live answer: computed again from every topology the stream brings. */
    outcome: ReachOutcome;
    /** Which side a click on the map fills; null when a click asks about a new target. */
    picking: ReachSide | null;
    /** Open reach mode, asking from `fromRef` when given. */
    start(fromRef?: string): void;
    close(): void;
    ask(change: Partial<ReachQuestion>): void;
    pick(side: ReachSide | null): void;
    /** A click on the map while reach mode is open: it names a party instead of selecting. */
    pickTarget(target: GraphTarget): void;
  };
  exposure: { on: boolean; entries: ExposureEntry[]; toggle(): void };
  advice: { open: boolean; items: Advice[]; toggle(): void; close(): void };
  /** What the map emphasises: the reach answer, else exposure, else nothing. */
  highlight: GraphHighlight | null;
};

const INCOMPLETE: ReachOutcome = { kind: "incomplete" };

/**
 * The page's views on top of the map — "Can A reach B?", exposure and advice — all computed in
 * the browser from the live topology, so each follows the engine without a request.
 * `onReachOpen` lets the page close what reach mode replaces (the details panel).
 */
export function useMapInsight(
  topology: Topology | null,
  model: GraphModel | null,
  onReachOpen: () => void,
): MapInsight {
  const [reachOpen, setReachOpen] = useState(false);
  const [question, setQuestion] = useState<ReachQuestion>(EMPTY_QUESTION);
  const [picking, setPicking] = useState<ReachSide | null>(null);
  const [exposureOn, setExposureOn] = useState(false);
  const [adviceOpen, setAdviceOpen] = useState(false);

  const outcome = useMemo(
    () => (topology && reachOpen ? answerQuestion(topology, question) : INCOMPLETE),
    [topology, reachOpen, question],
  );
  const entries = useMemo(
    () => (topology && exposureOn ? exposureOf(topology) : []),
    [topology, exposureOn],
  );
  // Always: the header shows the counts. From a deferred topology: a live change reaches the map
  // first, and the advice (~10 ms at 2,000 containers) follows in a render of its own.
  const adviceTopology = useDeferredValue(topology);
  const advice = useMemo(() => (adviceTopology ? adviseOn(adviceTopology) : []), [adviceTopology]);

  const highlight = useMemo((): GraphHighlight | null => {
    if (!model || !topology) return null;
    if (reachOpen) {
      if (outcome.kind === "answer") return reachHighlight(model, outcome.reach);
      const party = (ref: string | null) => {
        const resolved = ref === null ? null : resolveParty(topology, ref);
        return resolved?.ok ? resolved.party : null;
      };
      return pickHighlight(model, { from: party(question.from), to: party(question.to) });
    }
    return exposureOn ? exposureHighlight(model, entries) : null;
  }, [model, topology, reachOpen, outcome, question, exposureOn, entries]);

  const start = useCallback(
    (fromRef?: string) => {
      onReachOpen();
      setReachOpen(true);
      setExposureOn(false);
      if (fromRef === undefined) {
        // Back to the last question, waiting for whichever party it still lacks.
        setPicking(question.from === null ? "from" : question.to === null ? "to" : null);
        return;
      }
      setQuestion((q) => ({ ...q, from: fromRef, to: q.to === fromRef ? null : q.to }));
      setPicking("to");
    },
    [onReachOpen, question],
  );

  const close = useCallback(() => {
    setReachOpen(false);
    setPicking(null);
  }, []);

  const ask = useCallback(
    (change: Partial<ReachQuestion>) => {
      const next = { ...question, ...change };
      setQuestion(next);
      // A side chosen from its list is no longer waiting for a click: on to the empty one, if any.
      if (picking && change[picking]) {
        const other = picking === "from" ? "to" : "from";
        setPicking(next[other] === null ? other : null);
      }
    },
    [question, picking],
  );

  const pickTarget = useCallback(
    (target: GraphTarget) => {
      if (!topology) return;
      const ref = refForTarget(topology, target);
      if (ref === null) return;
      const side = picking ?? "to";
      setQuestion((q) => ({ ...q, [side]: ref }));
      // After the source, the target; after the target, a click asks about another target.
      setPicking(side === "from" && question.to === null ? "to" : null);
    },
    [topology, picking, question.to],
  );

  const toggleExposure = useCallback(() => {
    setExposureOn((on) => !on);
    setReachOpen(false);
    setPicking(null);
  }, []);

  return {
    reach: {
      open: reachOpen,
      question,
      outcome,
      picking,
      start,
      close,
      ask,
      pick: setPicking,
      pickTarget,
    },
    exposure: { on: exposureOn, entries, toggle: toggleExposure },
    advice: {
      open: adviceOpen,
      items: advice,
      toggle: () => setAdviceOpen((open) => !open),
      close: () => setAdviceOpen(false),
    },
    highlight,
  };
}
