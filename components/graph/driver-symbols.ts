// d3-shape paths for the driver symbols, shared by the SVG renderer and the legend.
import {
  symbol,
  symbolCircle,
  symbolCross,
  symbolDiamond,
  symbolSquare,
  symbolStar,
  symbolTriangle,
  symbolWye,
  type SymbolType,
} from "d3";
import type { DriverSymbol } from "@/lib/graph/drivers";

const SYMBOLS: Record<DriverSymbol, SymbolType> = {
  circle: symbolCircle,
  square: symbolSquare,
  cross: symbolCross,
  diamond: symbolDiamond,
  triangle: symbolTriangle,
  star: symbolStar,
  wye: symbolWye,
};

/** An SVG path centred on 0,0 whose area is `size` px². */
export function driverSymbolPath(name: DriverSymbol, size: number): string {
  return symbol(SYMBOLS[name], size)() ?? "";
}
