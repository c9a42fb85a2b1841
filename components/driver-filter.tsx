"use client";

import { useState } from "react";
import { driverStyleOf } from "@/lib/graph/drivers";
import { driverSymbolPath } from "./graph/driver-symbols";
import { HeaderPopover } from "./header-popover";

/** Show only networks of some drivers (and what is on them) on the map and in the table. */
export function DriverFilter({
  drivers,
  value,
  onChange,
}: {
  /** The drivers there are. */
  drivers: readonly string[];
  /** Those shown; empty shows all. */
  value: readonly string[];
  onChange(drivers: string[]): void;
}) {
  const [open, setOpen] = useState(false);
  const shown = new Set(value);
  const toggle = (driver: string, on: boolean) =>
    onChange(drivers.filter((d) => (d === driver ? on : shown.has(d))));
  return (
    <HeaderPopover
      open={open}
      onOpenChange={setOpen}
      testId="driver-filter"
      title="Show only networks of these drivers, and what is on them"
      button={
        <>
          <span className="text-xs text-slate-500">Driver</span>
          <span data-testid="driver-filter-summary">
            {value.length === 0 ? "all" : value.join(", ")}
          </span>
          <span aria-hidden className="text-slate-500">
            ▾
          </span>
        </>
      }
      panelLabel="Network drivers to show"
      panelTestId="driver-filter-menu"
    >
      <ul className="flex flex-col gap-0.5">
        {drivers.map((driver) => {
          const style = driverStyleOf(driver);
          return (
            <li key={driver}>
              <label className="flex cursor-pointer items-center gap-2 rounded px-1.5 py-1 hover:bg-slate-800">
                <input
                  type="checkbox"
                  data-driver={driver}
                  checked={shown.has(driver)}
                  onChange={(event) => toggle(driver, event.target.checked)}
                  className="h-4 w-4 cursor-pointer accent-sky-500"
                />
                <svg width="12" height="12" viewBox="-6 -6 12 12" aria-hidden>
                  <path d={driverSymbolPath(style.symbol, 50)} fill={style.color} />
                </svg>
                {driver}
              </label>
            </li>
          );
        })}
      </ul>
      {value.length > 0 && (
        <button
          type="button"
          data-testid="driver-filter-all"
          onClick={() => onChange([])}
          className="mt-1 w-full rounded px-1.5 py-1 text-left text-xs text-sky-300 hover:bg-slate-800"
        >
          Show every driver
        </button>
      )}
    </HeaderPopover>
  );
}
