// d3 join helpers the graph's layers share: redraw only what changed, fade out what left, and
// make an element selectable by mouse and keyboard.
import { select, type BaseType, type Selection } from "d3";
import type { GraphTarget } from "@/lib/graph/selection";

/** How long a removed node or link takes to fade out. */
const EXIT_MS = 400;
/** How long a new node or link keeps its `nl-new` highlight (the CSS animation's length). */
const NEW_MS = 2000;

export type AnySelection<E extends BaseType, D> = Selection<E, D, BaseType, unknown>;

/**
 * The elements whose datum differs from the one they were last drawn with (marking them drawn).
 * A patch touches a few elements: redrawing all of a 500-container map would make the browser
 * restyle every node for each one.
 */
export function changed<E extends Element, D>(sel: AnySelection<E, D>): AnySelection<E, D> {
  return sel.filter(function (d) {
    const el = this as E & { __nlDrawn?: string };
    const signature = JSON.stringify(d);
    if (el.__nlDrawn === signature) return false;
    el.__nlDrawn = signature;
    return true;
  });
}

/**
 * Let a removed element fade out instead of vanishing. It first stops being the thing it drew:
 * its class (so the next data join and every per-tick update skip it, and an element with the
 * same id can come back at once beside it), its test ids (so counts of graph-sandbox etc. never
 * include it) and its clicks.
 */
export function fadeOut<E extends SVGElement, D, P extends BaseType>(
  exit: Selection<E, D, P, unknown>,
  liveClass: string,
) {
  exit
    .classed(liveClass, false)
    .classed("nl-new", false)
    .attr("data-removing", "true")
    .attr("data-testid", null)
    .attr("tabindex", null)
    .attr("role", null)
    .style("pointer-events", "none")
    .on("click", null)
    .on("keydown", null)
    .on("dblclick", null)
    .each(function () {
      select(this).selectAll("[data-testid]").attr("data-testid", null);
    })
    // Named, so that the selection ring or anything else transitioning cannot cancel it.
    .transition("exit")
    .duration(EXIT_MS)
    // style, not attr: it starts from the computed opacity, dimmed or not.
    .style("opacity", "0")
    .remove();
}

/** Make drawn elements clickable and keyboard-operable: Enter or Space selects like a click. */
export function activate<E extends SVGElement, D>(
  sel: AnySelection<E, D>,
  target: (d: D) => GraphTarget,
  label: (d: D) => string,
  onSelect: (target: GraphTarget) => void,
) {
  sel
    .attr("tabindex", 0)
    .attr("role", "button")
    .attr("aria-label", label)
    .style("cursor", "pointer")
    // The selection ring already shows what was clicked; the UA focus box would double it.
    .style("outline", "none")
    .on("click", (event: Event, d) => {
      event.stopPropagation();
      onSelect(target(d));
    })
    .on("keydown", (event: Event, d) => {
      if (!(event instanceof KeyboardEvent) || (event.key !== "Enter" && event.key !== " ")) {
        return;
      }
      event.preventDefault();
      onSelect(target(d));
    });
}

/** Highlight freshly entered elements for a while; the class comes off when it is over. */
export function createNewMarks() {
  const timers = new Set<ReturnType<typeof setTimeout>>();
  return {
    mark(elements: Element[]) {
      if (elements.length === 0) return;
      for (const element of elements) element.classList.add("nl-new");
      const timer = setTimeout(() => {
        timers.delete(timer);
        for (const element of elements) element.classList.remove("nl-new");
      }, NEW_MS);
      timers.add(timer);
    },
    clear() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
    },
  };
}
