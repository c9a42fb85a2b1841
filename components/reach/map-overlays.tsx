"use client";

// What reach mode, exposure and advice put over the map's left side (the right is the panels').
import type { GraphTarget } from "@/lib/graph/selection";
import { AdviceList } from "./advice-list";
import { ExposureList } from "./exposure-list";
import type { MapInsight } from "./use-map-insight";

export function MapOverlays({
  insight,
  onReveal,
}: {
  insight: MapInsight;
  /** Select and centre something on the map (an advice's subject, an exposed container). */
  onReveal(target: GraphTarget): void;
}) {
  const { reach, exposure, advice } = insight;
  return (
    <>
      {reach.open && reach.picking && (
        <div
          role="status"
          data-testid="reach-picking"
          className="pointer-events-none absolute top-3 left-1/2 -translate-x-1/2 rounded-full bg-sky-500/20 px-3 py-1 text-sm text-sky-100 ring-1 ring-sky-400/50 backdrop-blur"
        >
          Click a box on the map:{" "}
          {reach.picking === "from" ? "where the traffic starts (A)" : "where it should arrive (B)"}
        </div>
      )}
      {advice.open && (
        <div className="absolute top-3 bottom-3 left-3 flex flex-col justify-start">
          <AdviceList
            items={advice.items}
            onFocus={(subject) => onReveal({ kind: subject.kind, id: subject.id })}
            onClose={advice.close}
          />
        </div>
      )}
      {exposure.on && (
        <div className={`absolute top-3 ${advice.open ? "left-[404px]" : "left-3"}`}>
          <ExposureList
            entries={exposure.entries}
            onFocus={(id) => onReveal({ kind: "container", id })}
          />
        </div>
      )}
    </>
  );
}
