"use client";

import { createContext, useContext } from "react";
import type { GraphTarget } from "@/lib/graph/selection";
import type { ConnectIntent } from "../connect-dialog";

/** What the side panels may ask the page to do; provided by the dashboard. */
export type ManageActions = {
  /** False while no change can be made (engine unreachable, read-only): none is offered. */
  enabled: boolean;
  /** Why `enabled` is false, for the disabled controls to say; null while enabled. */
  disabledReason: string | null;
  /** What the logged-in role may do; what it may not is not offered at all. */
  can: { connect: boolean; administer: boolean };
  openConnect(intent: ConnectIntent): void;
  /** Show `target` (once it exists on the live map), or close the details with null. */
  select(target: GraphTarget | null): void;
  /** Select the endpoint of `containerId` on `networkId` as soon as the live map has it. */
  selectEndpointWhenReady(containerId: string, networkId: string): void;
};

export const ENGINE_DOWN = "The engine is unreachable: changes are possible again when it answers.";

const ManageContext = createContext<ManageActions | null>(null);

export const ManageProvider = ManageContext.Provider;

/** The page's actions; null outside the dashboard (the panels then offer no changes). */
export function useManage(): ManageActions | null {
  return useContext(ManageContext);
}
