"use client";

import { useEffect, useRef, useState } from "react";
import type { LiveCount } from "@/app/w/[workspace]/segments/actions";

/** The live count's state: idle (nothing to count), counting, an answer, or a failure message. */
export type LiveCountState =
  | { status: "idle" }
  | { status: "counting"; previous: LiveCount | null }
  | { status: "done"; result: LiveCount }
  | { status: "error"; message: string };

/**
 * Counts `definition` (when not null) about `delayMs` after it last changed. Every request gets a
 * sequence number and only the answer to the newest request is shown, so a slow stale answer never
 * overwrites a newer one.
 */
export function useLiveCount(
  definition: unknown | null,
  count: (definition: unknown) => Promise<{ ok: true; data: LiveCount } | { ok: false; error: string }>,
  delayMs = 400,
): LiveCountState {
  const [state, setState] = useState<LiveCountState>({ status: "idle" });
  const seq = useRef(0);
  const last = useRef<LiveCount | null>(null);
  const key = definition === null ? null : JSON.stringify(definition);
  useEffect(() => {
    const mine = ++seq.current;
    if (key === null) return;
    const timer = setTimeout(async () => {
      setState({ status: "counting", previous: last.current });
      try {
        const result = await count(JSON.parse(key));
        if (mine !== seq.current) return;
        if (result.ok) {
          last.current = result.data;
          setState({ status: "done", result: result.data });
        } else {
          setState({ status: "error", message: result.error });
        }
      } catch {
        if (mine === seq.current) setState({ status: "error", message: "The count could not be fetched. Check your connection; it retries on your next change." });
      }
    }, delayMs);
    return () => clearTimeout(timer);
  }, [key, count, delayMs]);
  return key === null ? { status: "idle" } : state;
}
