"use client";

import { Button } from "../dialog";
import { Section } from "../panel/panel-ui";
import { useReachStarter } from "./reach-context";

/** In a container's (or the host's) panel: open reach mode with it as the source. */
export function ReachFromHere({ fromRef, label }: { fromRef: string; label: string }) {
  const start = useReachStarter();
  if (!start) return null;
  return (
    <Section title="Reachability">
      <Button data-testid="reach-from-here" onClick={() => start(fromRef)}>
        {label}
      </Button>
      <p className="mt-1.5 text-xs text-slate-500">
        Then pick the target on the map or from the list: the route it takes, or where it breaks.
      </p>
    </Section>
  );
}
