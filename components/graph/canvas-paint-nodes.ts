// Painting one node on the canvas — a network's hub, a sandbox box with its containers, a Swarm
// pill, a service, a remote task, a collapsed group — in its state and highlight role, as the SVG
// map's draw-* modules draw them; and what was removed, fading where it was.
import { DRIVER_STYLES } from "@/lib/graph/drivers";
import type { GraphNode, SandboxNode } from "@/lib/graph/graph-model";
import { groupCountsLine } from "@/lib/graph/grouping";
import { ROLE_COLORS } from "./canvas-palette";
import { paintText, type Frame, type Ghost } from "./canvas-frame";
import type { Point } from "./force-layout";
import {
  DOT_SPACE,
  HEADER_H,
  HUB_R,
  LINE_H,
  MAX_NAME_CHARS,
  MONO,
  NAME_FONT,
  PAD_X,
  PAD_Y,
  PORT_FONT,
  SANS,
  STATE_COLORS,
  failedNode,
  groupHeader,
  isSwarmSandbox,
  loopbackChip,
  portChipLayout,
  sandboxContentTop,
  remoteTaskHeader,
  sandboxHeader,
  serviceDetailLines,
  truncate,
  type Size,
} from "./graph-style";

function roundedBox(
  f: Frame,
  p: Point,
  size: Size,
  fill: string,
  stroke: string,
  options: { width?: number; dash?: readonly number[]; radius?: number } = {},
) {
  const { ctx } = f;
  ctx.beginPath();
  ctx.roundRect(
    p.x - size.width / 2,
    p.y - size.height / 2,
    size.width,
    size.height,
    options.radius ?? 7,
  );
  ctx.fillStyle = fill;
  ctx.fill();
  ctx.strokeStyle = stroke;
  ctx.lineWidth = options.width ?? 1.2;
  ctx.setLineDash(options.dash ?? []);
  ctx.stroke();
  ctx.setLineDash([]);
}

/** A box's outline in its highlight role's colour, as globals.css gives the SVG boxes. */
function roleStroke(f: Frame, id: string): { color: string; dash?: number[] } | null {
  const role = f.emphasis.nodeRole(id);
  const ends = f.highlight?.ends;
  if (role === "break") return { color: ROLE_COLORS.break, dash: [5, 3] };
  // Changes since a moment: what came is green, what changed amber, what went a dashed ghost.
  if (role === "added") return { color: ROLE_COLORS.added };
  if (role === "changed") return { color: ROLE_COLORS.changed };
  if (role === "removed") return { color: f.palette.muted, dash: [5, 4] };
  if (ends && (ends.from === id || ends.to === id)) return { color: ROLE_COLORS.end };
  if (role === "exposed") return { color: ROLE_COLORS.exposed };
  if (role === "route") return { color: ROLE_COLORS.route };
  return null;
}

export function paintNode(f: Frame, node: GraphNode, p: Point, size: Size, text: boolean) {
  const { ctx, palette } = f;
  ctx.globalAlpha = f.emphasis.nodeAlpha(node);
  const role = roleStroke(f, node.id);
  const roleWidth = role ? 2.6 : undefined;
  const top = p.y - size.height / 2;
  const left = p.x - size.width / 2;
  switch (node.kind) {
    case "network": {
      const style = DRIVER_STYLES[node.driverClass];
      if (node.predefined) {
        ctx.beginPath();
        ctx.arc(p.x, p.y, HUB_R + 6, 0, 2 * Math.PI);
        ctx.setLineDash([1.5, 3]);
        ctx.strokeStyle = palette.muted;
        ctx.lineWidth = 1;
        ctx.stroke();
        ctx.setLineDash([]);
      }
      ctx.beginPath();
      ctx.arc(p.x, p.y, HUB_R, 0, 2 * Math.PI);
      const alpha = ctx.globalAlpha;
      ctx.globalAlpha = alpha * (node.internal ? 0.25 : 0.9);
      ctx.fillStyle = style.color;
      ctx.fill();
      ctx.globalAlpha = alpha;
      const dropping = f.dropTarget === node.id;
      ctx.strokeStyle = dropping
        ? palette.select
        : (role?.color ?? (node.internal ? style.color : palette.hubOutline));
      ctx.lineWidth = dropping || role ? 3 : node.internal ? 2 : 1.5;
      ctx.setLineDash(node.internal && !role ? [4, 3] : (role?.dash ?? []));
      ctx.stroke();
      ctx.setLineDash([]);
      break;
    }
    case "sandbox": {
      if (isSwarmSandbox(node)) {
        const color = node.sandboxKind === "ingress" ? palette.mesh : palette.lb;
        roundedBox(f, p, size, palette.bg, color, { radius: size.height / 2, width: 1.4 });
        if (text) paintText(f, node.title ?? "", left + PAD_X, p.y + 3.5, 10, SANS, color);
        break;
      }
      const isHost = node.sandboxKind === "host";
      const failed = failedNode(node);
      roundedBox(
        f,
        p,
        size,
        isHost ? palette.hostFill : palette.box,
        role?.color ?? (isHost ? palette.host : failed ? palette.failed : palette.boxStroke),
        {
          width: roleWidth ?? (isHost ? 1.8 : 1.2),
          dash: role?.dash ?? (node.stopped ? [5, 4] : []),
        },
      );
      paintPortChips(f, node, p, size, text && f.detail === "");
      if (!text) break;
      const header = sandboxHeader(node);
      const contentTop = p.y + sandboxContentTop(node, size);
      if (header) {
        const color = isHost ? palette.host : node.stopped ? palette.failed : palette.header;
        paintText(f, header.toUpperCase(), left + PAD_X, contentTop + 10, 9.5, SANS, color, 600);
      }
      const rowsTop = contentTop + (header ? HEADER_H : 0);
      node.containerNames.forEach((name, i) => {
        const y = rowsTop + i * LINE_H + LINE_H / 2;
        ctx.beginPath();
        ctx.arc(left + PAD_X + 4, y, 3.5, 0, 2 * Math.PI);
        ctx.fillStyle = STATE_COLORS[node.containerStates[i] ?? ""] ?? palette.muted;
        ctx.fill();
        const color = i === 0 || isHost ? palette.text : palette.textSoft;
        const weight = i === 0 && !isHost ? 600 : 400;
        const label = truncate(name, MAX_NAME_CHARS);
        paintText(f, label, left + PAD_X + DOT_SPACE, y + 4, NAME_FONT, MONO, color, weight);
        if (node.containerIssues[i]) {
          const issueColor = node.containerStates[i] === "running" ? palette.ports : palette.failed;
          ctx.textAlign = "end";
          paintText(f, "⚠", left + size.width - PAD_X, y + 4, 12, SANS, issueColor);
          ctx.textAlign = "start";
        }
      });
      break;
    }
    case "service": {
      const failing = node.problems.length > 0 && !node.degraded;
      const stroke = failing ? palette.failed : node.degraded ? palette.ports : palette.service;
      roundedBox(f, p, size, palette.serviceFill, role?.color ?? stroke, { width: 1.4 });
      if (!text) break;
      paintText(f, "SERVICE", left + PAD_X, top + PAD_Y + 10, 9.5, SANS, palette.service, 600);
      paintText(
        f,
        node.summary,
        left + PAD_X,
        top + PAD_Y + HEADER_H + 12,
        NAME_FONT,
        SANS,
        palette.text,
        600,
      );
      serviceDetailLines(node).forEach((line, i) => {
        const y = top + PAD_Y + HEADER_H + (i + 1) * LINE_H + 12;
        paintText(
          f,
          line.text,
          left + PAD_X,
          y,
          10.5,
          SANS,
          line.problem ? palette.failedText : palette.textSoft,
        );
      });
      break;
    }
    case "remoteTask": {
      roundedBox(f, p, size, palette.box, node.error ? palette.failed : palette.muted, {
        dash: [4, 3],
        width: 1.4,
      });
      if (!text) break;
      paintText(
        f,
        remoteTaskHeader(node).toUpperCase(),
        left + PAD_X,
        top + PAD_Y + 10,
        9.5,
        SANS,
        palette.header,
        600,
      );
      paintText(
        f,
        node.label,
        left + PAD_X + DOT_SPACE,
        top + PAD_Y + HEADER_H + 12,
        NAME_FONT,
        MONO,
        palette.text,
      );
      break;
    }
    case "group": {
      roundedBox(f, p, size, palette.box, role?.color ?? palette.group, { width: 1.8, radius: 8 });
      if (!text) break;
      paintText(
        f,
        groupHeader(node).toUpperCase(),
        left + PAD_X,
        top + PAD_Y + 10,
        9.5,
        SANS,
        palette.group,
        600,
      );
      paintText(
        f,
        truncate(node.key, MAX_NAME_CHARS),
        left + PAD_X,
        top + PAD_Y + HEADER_H + 16,
        14,
        SANS,
        palette.text,
        600,
      );
      paintText(
        f,
        groupCountsLine(node),
        left + PAD_X,
        top + PAD_Y + HEADER_H + 20 + LINE_H,
        NAME_FONT,
        SANS,
        palette.textSoft,
      );
      break;
    }
  }
  if (f.emphasis.primary(node.id)) {
    ctx.strokeStyle = palette.select;
    ctx.lineWidth = 2;
    ctx.beginPath();
    if (node.kind === "network") ctx.arc(p.x, p.y, HUB_R + 9, 0, 2 * Math.PI);
    else ctx.roundRect(left - 4, top - 4, size.width + 8, size.height + 8, 10);
    ctx.stroke();
  }
}

/** A removed node or link fading out where it was. */
export function paintGhost(f: Frame, ghost: Ghost) {
  const { ctx } = f;
  ctx.globalAlpha = ghost.alpha;
  ctx.strokeStyle = f.palette.muted;
  ctx.lineWidth = 1.4;
  ctx.setLineDash([4, 3]);
  ctx.beginPath();
  if (ghost.to) {
    ctx.moveTo(ghost.at.x, ghost.at.y);
    ctx.lineTo(ghost.to.x, ghost.to.y);
  } else if (ghost.node?.kind === "network") {
    ctx.arc(ghost.at.x, ghost.at.y, HUB_R, 0, 2 * Math.PI);
  } else if (ghost.node) {
    const size = f.sizes.get(ghost.node.id) ?? { width: 100, height: 30 };
    ctx.roundRect(
      ghost.at.x - size.width / 2,
      ghost.at.y - size.height / 2,
      size.width,
      size.height,
      7,
    );
  }
  ctx.stroke();
  ctx.setLineDash([]);
}

/**
 * The glow around something new, on the live layer: its outline again, blurred in the glow's
 * colour, `amount` 0 to 1 (the pulse), as the SVG map's nl-new-glow drop shadow.
 */
export function paintGlow(f: Frame, node: GraphNode, p: Point, size: Size, amount: number) {
  const { ctx } = f;
  ctx.globalAlpha = amount;
  ctx.shadowColor = ROLE_COLORS.fresh;
  ctx.shadowBlur = 12 * amount;
  ctx.strokeStyle = ROLE_COLORS.fresh;
  ctx.lineWidth = 2;
  ctx.beginPath();
  if (node.kind === "network") ctx.arc(p.x, p.y, HUB_R + 1, 0, 2 * Math.PI);
  else ctx.roundRect(p.x - size.width / 2, p.y - size.height / 2, size.width, size.height, 7);
  ctx.stroke();
  ctx.shadowBlur = 0;
}

/**
 * A box's published ports, as the SVG map draws them: a strip of chips on its top edge, lit in
 * their highlight role (exposure, a route from outside), dashed when bound to loopback only.
 */
function paintPortChips(f: Frame, node: SandboxNode, p: Point, size: Size, labels: boolean) {
  const { ctx, palette } = f;
  const boxAlpha = ctx.globalAlpha;
  for (const chip of portChipLayout(node, size)) {
    const role = f.emphasis.linkRole(chip.id);
    const color = role === "route" ? ROLE_COLORS.route : palette.ports;
    ctx.globalAlpha = boxAlpha * f.emphasis.partAlpha(chip.id);
    ctx.beginPath();
    ctx.roundRect(p.x + chip.x, p.y + chip.y, chip.width, chip.height, 4);
    ctx.fillStyle = palette.portsFill;
    ctx.fill();
    ctx.strokeStyle = color;
    ctx.lineWidth = role ? 2 : 1;
    ctx.setLineDash(loopbackChip(chip) ? [3, 2] : []);
    ctx.stroke();
    ctx.setLineDash([]);
    if (!labels) continue;
    ctx.textAlign = "center";
    const x = p.x + chip.x + chip.width / 2;
    paintText(f, chip.label, x, p.y + chip.y + chip.height / 2 + 3.5, PORT_FONT, MONO, color);
    ctx.textAlign = "start";
  }
  ctx.globalAlpha = boxAlpha;
}

/** Selected, in a highlight role, new, or the drop target: painted in full at any distance. */
const standsOut = (f: Frame, id: string) =>
  f.emphasis.primary(id) || f.emphasis.nodeRole(id) !== null || f.isNew(id) || f.dropTarget === id;

/**
 * Far out, boxes and hubs are specks: painted as plain shapes, one path per look, instead of one
 * rounded, outlined, lettered box at a time (thousands of fills a frame cost more than the rest
 * of the frame together). What stands out — a selection, a highlight role, something new, a drop
 * target — is still painted on its own, in full.
 */
export function paintNodesFar(
  f: Frame,
  nodes: readonly { node: GraphNode; p: Point; size: Size }[],
) {
  const { ctx, palette } = f;
  const batches = new Map<
    string,
    { fill: string; stroke: string; alpha: number; items: (typeof nodes)[number][] }
  >();
  for (const item of nodes) {
    const { node } = item;
    if (standsOut(f, node.id)) continue;
    const alpha = f.emphasis.nodeAlpha(node);
    let fill = palette.box;
    let stroke = palette.boxStroke;
    if (node.kind === "network") {
      fill = DRIVER_STYLES[node.driverClass].color;
      stroke = fill;
    } else if (node.kind === "sandbox") {
      const isHost = node.sandboxKind === "host";
      fill = isHost ? palette.hostFill : palette.box;
      stroke = isHost ? palette.host : failedNode(node) ? palette.failed : palette.boxStroke;
    } else if (node.kind === "service") {
      fill = palette.serviceFill;
      stroke = palette.service;
    } else if (node.kind === "group") {
      stroke = palette.group;
    }
    const key = `${node.kind === "network" ? "o" : "r"}|${fill}|${stroke}|${alpha.toFixed(3)}`;
    const batch = batches.get(key) ?? { fill, stroke, alpha, items: [] };
    batch.items.push(item);
    batches.set(key, batch);
  }
  ctx.lineWidth = 1 / f.transform.k;
  for (const { fill, stroke, alpha, items } of batches.values()) {
    ctx.globalAlpha = alpha;
    ctx.beginPath();
    for (const { node, p, size } of items) {
      if (node.kind === "network") {
        ctx.moveTo(p.x + HUB_R, p.y);
        ctx.arc(p.x, p.y, HUB_R, 0, 2 * Math.PI);
      } else {
        ctx.rect(p.x - size.width / 2, p.y - size.height / 2, size.width, size.height);
      }
    }
    ctx.fillStyle = fill;
    ctx.fill();
    ctx.strokeStyle = stroke;
    ctx.stroke();
  }
  for (const { node, p, size } of nodes) {
    if (standsOut(f, node.id)) paintNode(f, node, p, size, false);
  }
}
