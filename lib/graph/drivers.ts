// One visual identity per network driver, shared by the graph and the legend so they never drift.

export type DriverClass = "bridge" | "host" | "none" | "overlay" | "macvlan" | "ipvlan" | "other";

/** Names of d3-shape symbol types; kept as strings so this module stays free of d3. */
export type DriverSymbol = "circle" | "square" | "cross" | "diamond" | "triangle" | "star" | "wye";

export type DriverStyle = {
  driverClass: DriverClass;
  label: string;
  symbol: DriverSymbol;
  /** Fill of the hub. */
  color: string;
};

export const DRIVER_STYLES: Record<DriverClass, DriverStyle> = {
  bridge: { driverClass: "bridge", label: "bridge", symbol: "circle", color: "#38bdf8" },
  host: { driverClass: "host", label: "host", symbol: "square", color: "#f59e0b" },
  none: { driverClass: "none", label: "none (null)", symbol: "cross", color: "#94a3b8" },
  overlay: { driverClass: "overlay", label: "overlay", symbol: "diamond", color: "#a78bfa" },
  macvlan: { driverClass: "macvlan", label: "macvlan", symbol: "triangle", color: "#34d399" },
  ipvlan: { driverClass: "ipvlan", label: "ipvlan", symbol: "wye", color: "#f472b6" },
  other: { driverClass: "other", label: "other / plugin", symbol: "star", color: "#fb923c" },
};

export const DRIVER_ORDER: DriverClass[] = [
  "bridge",
  "host",
  "none",
  "overlay",
  "macvlan",
  "ipvlan",
  "other",
];

/** Docker calls the driver of the predefined "none" network "null"; plugins bring any name. */
export function driverClassOf(driver: string): DriverClass {
  switch (driver.toLowerCase()) {
    case "bridge":
      return "bridge";
    case "host":
      return "host";
    case "null":
    case "none":
      return "none";
    case "overlay":
      return "overlay";
    case "macvlan":
      return "macvlan";
    case "ipvlan":
      return "ipvlan";
    default:
      return "other";
  }
}

export function driverStyleOf(driver: string): DriverStyle {
  return DRIVER_STYLES[driverClassOf(driver)];
}
