import { useEffect, useRef } from "react";

/**
 * Revalidate an SWR key when `revision` changes while the key stays the same: the live topology
 * says the thing it fetched has changed. A new key needs no nudge; SWR fetches it anyway.
 */
export function useRevalidateOn(
  key: string | null,
  revision: string | undefined,
  mutate: () => Promise<unknown>,
) {
  const seen = useRef({ key, revision });
  useEffect(() => {
    const previous = seen.current;
    seen.current = { key, revision };
    if (key !== null && previous.key === key && previous.revision !== revision) void mutate();
  }, [key, revision, mutate]);
}
