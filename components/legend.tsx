import { DRIVER_ORDER, DRIVER_STYLES } from "@/lib/graph/drivers";
import type { GraphModel } from "@/lib/graph/graph-model";
import { driverSymbolPath } from "./graph/driver-symbols";
import {
  BG,
  BOX_FILL,
  BOX_STROKE,
  FAILED_STROKE,
  HOST_FILL,
  HOST_STROKE,
  HUB_OUTLINE,
  MESH_COLOR,
  MUTED,
  PORTS_COLOR,
  PORTS_FILL,
  REGION_DOWN_FILL,
  REGION_FILL,
  REGION_STROKE,
  SERVICE_COLOR,
  SERVICE_FILL,
} from "./graph/graph-style";

function Swatch({ children }: { children: React.ReactNode }) {
  return (
    <svg width="28" height="20" viewBox="-14 -10 28 20" aria-hidden className="shrink-0">
      {children}
    </svg>
  );
}

function Row({ icon, label }: { icon: React.ReactNode; label: string }) {
  return (
    <li className="flex items-center gap-1">
      {icon}
      <span>{label}</span>
    </li>
  );
}

/** The marks of several engines and of Swarm, each only while the map has one. */
function SwarmRows({ model }: { model: GraphModel }) {
  const has = (test: (kind: string, sub?: string) => boolean) =>
    model.nodes.some((n) => test(n.kind, n.kind === "sandbox" ? n.sandboxKind : undefined));
  return (
    <>
      {model.regions.length > 0 && (
        <Row
          label="engine (node)"
          icon={
            <Swatch>
              <rect
                x="-12"
                y="-8"
                width="24"
                height="16"
                rx="5"
                fill={REGION_FILL}
                stroke={REGION_STROKE}
              />
            </Swatch>
          }
        />
      )}
      {model.regions.some((r) => r.status === "down") && (
        <Row
          label="engine unreachable"
          icon={
            <Swatch>
              <rect
                x="-12"
                y="-8"
                width="24"
                height="16"
                rx="5"
                fill={REGION_DOWN_FILL}
                stroke={FAILED_STROKE}
                strokeDasharray="3 2"
              />
            </Swatch>
          }
        />
      )}
      {has((k) => k === "service") && (
        <Row
          label="service → its tasks"
          icon={
            <Swatch>
              <rect
                x="-12"
                y="-6"
                width="14"
                height="12"
                rx="3"
                fill={SERVICE_FILL}
                stroke={SERVICE_COLOR}
              />
              <line x1="2" y1="0" x2="13" y2="0" stroke={SERVICE_COLOR} strokeDasharray="1 2.5" />
            </Swatch>
          }
        />
      )}
      {has((k) => k === "remoteTask") && (
        <Row
          label="task on a node not reached"
          icon={
            <Swatch>
              <rect
                x="-11"
                y="-6"
                width="22"
                height="12"
                rx="3"
                fill={BOX_FILL}
                stroke={MUTED}
                strokeDasharray="3 2"
              />
            </Swatch>
          }
        />
      )}
      {has((_k, sub) => sub === "ingress" || sub === "load-balancer") && (
        <Row
          label="routing mesh / load balancer"
          icon={
            <Swatch>
              <rect x="-12" y="-5" width="24" height="10" rx="5" fill={BG} stroke={MESH_COLOR} />
            </Swatch>
          }
        />
      )}
    </>
  );
}

/** What each mark on the map means; drawn with the same symbols and colours as the graph. */
export function Legend({ model = null }: { model?: GraphModel | null }) {
  return (
    <div
      data-testid="legend"
      className="flex flex-wrap items-center gap-x-4 gap-y-1 px-3 py-1.5 text-[11.5px] text-slate-400"
    >
      <span className="text-[10px] font-semibold tracking-wider text-slate-500 uppercase">
        Drivers
      </span>
      <ul className="contents">
        {DRIVER_ORDER.map((driver) => {
          const style = DRIVER_STYLES[driver];
          return (
            <Row
              key={driver}
              label={style.label}
              icon={
                <Swatch>
                  <path
                    d={driverSymbolPath(style.symbol, 100)}
                    fill={style.color}
                    stroke={HUB_OUTLINE}
                  />
                </Swatch>
              }
            />
          );
        })}
      </ul>
      <span className="ml-2 text-[10px] font-semibold tracking-wider text-slate-500 uppercase">
        Marks
      </span>
      <ul className="contents">
        <Row
          label="predefined"
          icon={
            <Swatch>
              <circle r="4.5" fill="#38bdf8" />
              <circle r="7.5" fill="none" stroke={MUTED} strokeDasharray="1.5 2.5" />
            </Swatch>
          }
        />
        <Row
          label="internal"
          icon={
            <Swatch>
              <circle
                r="6"
                fill="#38bdf8"
                fillOpacity="0.25"
                stroke="#38bdf8"
                strokeWidth="1.5"
                strokeDasharray="3 2"
              />
            </Swatch>
          }
        />
        <Row
          label="sandbox (netns)"
          icon={
            <Swatch>
              <rect
                x="-11"
                y="-6"
                width="22"
                height="12"
                rx="3"
                fill={BOX_FILL}
                stroke={BOX_STROKE}
              />
            </Swatch>
          }
        />
        <Row
          label="host namespace"
          icon={
            <Swatch>
              <rect
                x="-11"
                y="-6"
                width="22"
                height="12"
                rx="3"
                fill={HOST_FILL}
                stroke={HOST_STROKE}
              />
            </Swatch>
          }
        />
        <Row
          label="endpoint + IP"
          icon={
            <Swatch>
              <line x1="-12" y1="0" x2="12" y2="0" stroke="#38bdf8" strokeOpacity="0.6" />
              <circle r="3.5" fill="#38bdf8" stroke={BG} />
            </Swatch>
          }
        />
        <Row
          label="published port"
          icon={
            <Swatch>
              <rect
                x="-11"
                y="-5"
                width="22"
                height="10"
                rx="3"
                fill={PORTS_FILL}
                stroke={PORTS_COLOR}
              />
            </Swatch>
          }
        />
        <Row
          label="reach route"
          icon={
            <Swatch>
              <line x1="-12" y1="0" x2="12" y2="0" stroke="#34d399" strokeWidth="2.6" />
            </Swatch>
          }
        />
        <Row
          label="where it breaks"
          icon={
            <Swatch>
              <line
                x1="-13"
                y1="0"
                x2="13"
                y2="0"
                stroke="#fb7185"
                strokeWidth="1.8"
                strokeDasharray="4 3"
              />
              <circle r="5" fill={BG} stroke="#fb7185" strokeWidth="1.2" />
              <path d="M-2 -2 2 2M2 -2-2 2" stroke="#fb7185" strokeWidth="1.3" />
            </Swatch>
          }
        />
        <Row
          label="stopped"
          icon={
            <Swatch>
              <rect
                x="-11"
                y="-6"
                width="22"
                height="12"
                rx="3"
                fill={BOX_FILL}
                stroke={BOX_STROKE}
                strokeDasharray="4 3"
                opacity="0.55"
              />
            </Swatch>
          }
        />
        {model && <SwarmRows model={model} />}
      </ul>
    </div>
  );
}
