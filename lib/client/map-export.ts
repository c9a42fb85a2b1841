// The map as a file: the graph's own <svg>, made standalone (whole map, styles inlined, its own
// background) so it reads the same outside Netlens, and that SVG rendered to a PNG.

const SVG_NS = "http://www.w3.org/2000/svg";
/** Room around the map's drawing, so edge labels are not cut. */
const MARGIN = 24;
/** Browsers refuse canvases past about 16k pixels a side or 268M pixels in all. */
const MAX_CANVAS_SIDE = 16_384;
const MAX_CANVAS_AREA = 268_000_000;

// What the app's stylesheet (and a theme) can change on the graph, with the value that needs no
// saying: everything else the renderer already writes as attributes.
const STYLE_DEFAULTS: Record<string, string | null> = {
  fill: null,
  stroke: null,
  "stroke-width": null,
  "stroke-dasharray": "none",
  "stroke-opacity": "1",
  "fill-opacity": "1",
  opacity: "1",
  visibility: "visible",
  display: "inline",
  "font-family": null,
  "font-size": null,
  "font-weight": "400",
  "font-style": "normal",
  "paint-order": "normal",
};
/** Only text needs its font said; shapes ignore it. */
const TEXT_ONLY = new Set(["font-family", "font-size", "font-weight", "font-style"]);

export type StandaloneSvg = { text: string; width: number; height: number };

/** The first opaque background behind the map: what it is drawn on, whatever the theme. */
function backgroundBehind(element: Element): string {
  for (let at: Element | null = element; at; at = at.parentElement) {
    const color = getComputedStyle(at).backgroundColor;
    if (color && color !== "transparent" && !/rgba\(.*,\s*0\)$/.test(color)) return color;
  }
  return "#020617";
}

function inlineStyles(source: Element, copy: Element): void {
  const computed = getComputedStyle(source);
  const isText = source instanceof SVGTextContentElement;
  const declarations: string[] = [];
  for (const [property, usual] of Object.entries(STYLE_DEFAULTS)) {
    if (TEXT_ONLY.has(property) && !isText) continue;
    const value = computed.getPropertyValue(property);
    if (value && value !== usual) declarations.push(`${property}:${value}`);
  }
  // Pointer cursors and animations mean nothing in a file.
  copy.removeAttribute("style");
  if (declarations.length > 0) copy.setAttribute("style", declarations.join(";"));
}

/**
 * The whole map as drawn now (not only the part in view): every element's look inlined, the
 * zoom undone, a background, a title, and the size of the drawing itself.
 */
export function standaloneSvg(svg: SVGSVGElement, title: string): StandaloneSvg {
  const viewport = svg.querySelector<SVGGElement>(":scope > g.viewport");
  const box = (viewport ?? svg).getBBox();
  const copy = svg.cloneNode(true) as SVGSVGElement;
  const sources = svg.querySelectorAll("*");
  const copies = copy.querySelectorAll("*");
  sources.forEach((source, i) => {
    const target = copies[i];
    if (target) inlineStyles(source, target);
  });
  copy.querySelector(":scope > g.viewport")?.removeAttribute("transform");

  const x = Math.floor(box.x - MARGIN);
  const y = Math.floor(box.y - MARGIN);
  const width = Math.ceil(box.width + 2 * MARGIN);
  const height = Math.ceil(box.height + 2 * MARGIN);
  copy.setAttribute("xmlns", SVG_NS);
  copy.setAttribute("viewBox", `${x} ${y} ${width} ${height}`);
  copy.setAttribute("width", String(width));
  copy.setAttribute("height", String(height));
  const rootStyle = getComputedStyle(svg);
  copy.setAttribute("style", `font-family:${rootStyle.fontFamily}`);

  const background = document.createElementNS(SVG_NS, "rect");
  background.setAttribute("x", String(x));
  background.setAttribute("y", String(y));
  background.setAttribute("width", String(width));
  background.setAttribute("height", String(height));
  background.setAttribute("fill", backgroundBehind(svg));
  const titleElement = document.createElementNS(SVG_NS, "title");
  titleElement.textContent = title;
  copy.prepend(titleElement, background);

  const xml = new XMLSerializer().serializeToString(copy);
  return { text: `<?xml version="1.0" encoding="UTF-8"?>\n${xml}\n`, width, height };
}

/** How much the PNG is enlarged: 2×, unless the browser could not hold a canvas that big. */
export function pngScale(width: number, height: number, wanted = 2): number {
  return Math.min(
    wanted,
    MAX_CANVAS_SIDE / width,
    MAX_CANVAS_SIDE / height,
    Math.sqrt(MAX_CANVAS_AREA / (width * height)),
  );
}

/** The standalone SVG drawn into a canvas `scale` times its size. */
export async function svgToPng(svg: StandaloneSvg, scale: number): Promise<Blob> {
  const image = new Image();
  // A data: URL, not a blob: one: the page's Content-Security-Policy allows images from data: only.
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg.text)}`;
  await image.decode();
  const canvas = document.createElement("canvas");
  canvas.width = Math.round(svg.width * scale);
  canvas.height = Math.round(svg.height * scale);
  const context = canvas.getContext("2d");
  if (!context) throw new Error("This browser cannot draw the map into a picture.");
  context.drawImage(image, 0, 0, canvas.width, canvas.height);
  return new Promise<Blob>((resolve, reject) =>
    canvas.toBlob(
      (blob) => (blob ? resolve(blob) : reject(new Error("The map is too big for a PNG."))),
      "image/png",
    ),
  );
}

/** Hand `blob` to the browser as a download named `fileName`. */
export function download(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  link.style.display = "none";
  document.body.append(link);
  link.click();
  link.remove();
  // The browser reads the URL once the download starts; after that it is only memory.
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}
