"use client";

import { usePathname, useRouter } from "next/navigation";
import { useCallback, useOptimistic, useTransition } from "react";

/**
 * A table's state kept in the URL. `navigate` goes to the current page with the new state's search
 * string inside a transition: the current rows stay on screen, marked pending, until the server's
 * arrive, while `state` already shows the new state (useOptimistic) — so a second change made
 * before the first lands builds on it instead of undoing it. Push adds a history entry (Back
 * undoes it); replace refines the current one.
 */
export function useUrlState<T>(
  serverState: T,
  toSearch: (state: T) => string,
): { state: T; navigate: (next: T, options?: { replace?: boolean; scroll?: boolean }) => void; pending: boolean } {
  const router = useRouter();
  const pathname = usePathname();
  const [pending, startTransition] = useTransition();
  const [state, setOptimistic] = useOptimistic(serverState);
  const navigate = useCallback(
    (next: T, options: { replace?: boolean; scroll?: boolean } = {}) => {
      const href = `${pathname}${toSearch(next)}`;
      const scroll = options.scroll ?? false;
      startTransition(() => {
        setOptimistic(next);
        if (options.replace) router.replace(href, { scroll });
        else router.push(href, { scroll });
      });
    },
    [pathname, router, toSearch, setOptimistic],
  );
  return { state, navigate, pending };
}
