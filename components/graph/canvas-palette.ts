// The theme's colours for the canvas: a canvas cannot resolve var(), so the custom properties
// app/globals.css defines for the SVG map are read once per theme and used as plain colours.

const VARS = {
  bg: "--nl-bg",
  box: "--nl-box",
  boxStroke: "--nl-box-stroke",
  hostFill: "--nl-host-fill",
  host: "--nl-host",
  portsFill: "--nl-ports-fill",
  serviceFill: "--nl-service-fill",
  regionFill: "--nl-region-fill",
  regionDownFill: "--nl-region-down-fill",
  regionStroke: "--nl-region-stroke",
  hubOutline: "--nl-hub-outline",
  text: "--nl-text",
  textSoft: "--nl-text-soft",
  muted: "--nl-muted",
  header: "--nl-header",
  select: "--nl-select",
  ports: "--nl-ports",
  failed: "--nl-failed",
  failedText: "--nl-failed-text",
  service: "--nl-service",
  mesh: "--nl-mesh",
  lb: "--nl-lb",
  group: "--nl-group",
} as const;

export type Palette = Record<keyof typeof VARS, string>;

/** Used where the stylesheet defines no value (a page without globals.css, e.g. an export). */
const FALLBACK: Palette = {
  bg: "#020617",
  box: "#0f172a",
  boxStroke: "#475569",
  hostFill: "#1c1407",
  host: "#f59e0b",
  portsFill: "#1f1503",
  serviceFill: "#150b24",
  regionFill: "#0b1324",
  regionDownFill: "#1f0b0f",
  regionStroke: "#334155",
  hubOutline: "#020617",
  text: "#e2e8f0",
  textSoft: "#cbd5e1",
  muted: "#94a3b8",
  header: "#7dd3fc",
  select: "#f8fafc",
  ports: "#fbbf24",
  failed: "#f87171",
  failedText: "#fca5a5",
  service: "#c084fc",
  mesh: "#a78bfa",
  lb: "#2dd4bf",
  group: "#2dd4bf",
};

/** Highlight roles, as globals.css colours them on the SVG map. */
export const ROLE_COLORS = {
  route: "#34d399",
  break: "#fb7185",
  end: "#38bdf8",
  exposed: "#fbbf24",
  added: "#34d399",
  changed: "#fbbf24",
  fresh: "#38bdf8",
} as const;

export function readPalette(element: Element): Palette {
  const style = getComputedStyle(element);
  const palette = { ...FALLBACK };
  for (const [key, name] of Object.entries(VARS) as [keyof Palette, string][]) {
    const value = style.getPropertyValue(name).trim();
    if (value) palette[key] = value;
  }
  return palette;
}
