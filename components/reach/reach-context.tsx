"use client";

import { createContext, useContext } from "react";

/** Opens reach mode from elsewhere on the page (a container's panel): "Can this reach…?". */
export type ReachStarter = (fromRef: string) => void;

const ReachContext = createContext<ReachStarter | null>(null);

export const ReachProvider = ReachContext.Provider;

/** The page's reach starter; null outside the dashboard (the panels then offer none). */
export function useReachStarter(): ReachStarter | null {
  return useContext(ReachContext);
}
