"use client";

import { useState } from "react";
import { DRIVER_ORDER, DRIVER_STYLES } from "@/lib/graph/drivers";
import { driverSymbolPath } from "./graph/driver-symbols";

function Swatch({ children }: { children: React.ReactNode }) {
  return (
    <svg width="28" height="20" viewBox="-14 -10 28 20" aria-hidden className="shrink-0">
      {children}
    </svg>
  );
}

function Row({ icon, label }: { icon: React.ReactNode; label: string }) {
  return (
    <li className="flex items-center gap-2">
      {icon}
      <span>{label}</span>
    </li>
  );
}

/** What each mark on the map means; drawn with the same symbols and colours as the graph. */
export function Legend() {
  const [open, setOpen] = useState(true);
  return (
    <div
      data-testid="legend"
      className="rounded-md border border-slate-700/80 bg-slate-900/90 text-xs text-slate-300 shadow-lg backdrop-blur"
    >
      <button
        type="button"
        className="flex w-full items-center justify-between gap-6 px-3 py-1.5 text-left font-semibold tracking-wide text-slate-400 uppercase hover:text-slate-200"
        aria-expanded={open}
        onClick={() => setOpen((v) => !v)}
      >
        Legend <span aria-hidden>{open ? "▾" : "▸"}</span>
      </button>
      {open && (
        <div className="grid grid-cols-2 gap-x-5 gap-y-1 border-t border-slate-700/80 px-3 py-2">
          <ul className="space-y-0.5">
            <li className="text-[10px] font-semibold tracking-wide text-slate-500 uppercase">
              Network drivers
            </li>
            {DRIVER_ORDER.map((driver) => {
              const style = DRIVER_STYLES[driver];
              return (
                <Row
                  key={driver}
                  label={style.label}
                  icon={
                    <Swatch>
                      <path
                        d={driverSymbolPath(style.symbol, 110)}
                        fill={style.color}
                        stroke="#020617"
                      />
                    </Swatch>
                  }
                />
              );
            })}
          </ul>
          <ul className="space-y-0.5">
            <li className="text-[10px] font-semibold tracking-wide text-slate-500 uppercase">
              Marks
            </li>
            <Row
              label="predefined network"
              icon={
                <Swatch>
                  <circle r="5" fill="#38bdf8" />
                  <circle r="8" fill="none" stroke="#94a3b8" strokeDasharray="1.5 2.5" />
                </Swatch>
              }
            />
            <Row
              label="internal network"
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
                  <rect x="-12" y="-7" width="24" height="14" rx="3" fill="#0f172a" stroke="#475569" />
                </Swatch>
              }
            />
            <Row
              label="host namespace"
              icon={
                <Swatch>
                  <rect x="-12" y="-7" width="24" height="14" rx="3" fill="#1c1407" stroke="#f59e0b" />
                </Swatch>
              }
            />
            <Row
              label="endpoint (IP)"
              icon={
                <Swatch>
                  <line x1="-12" y1="0" x2="12" y2="0" stroke="#38bdf8" strokeOpacity="0.6" />
                  <circle r="3.5" fill="#38bdf8" stroke="#020617" />
                </Swatch>
              }
            />
            <Row
              label="published port"
              icon={
                <Swatch>
                  <line
                    x1="-12"
                    y1="0"
                    x2="12"
                    y2="0"
                    stroke="#fbbf24"
                    strokeWidth="1.4"
                    strokeDasharray="2 3"
                  />
                </Swatch>
              }
            />
            <Row
              label="stopped container"
              icon={
                <Swatch>
                  <rect
                    x="-12"
                    y="-7"
                    width="24"
                    height="14"
                    rx="3"
                    fill="#0f172a"
                    stroke="#475569"
                    strokeDasharray="4 3"
                    opacity="0.5"
                  />
                </Swatch>
              }
            />
          </ul>
        </div>
      )}
    </div>
  );
}
