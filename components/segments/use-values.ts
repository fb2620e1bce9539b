"use client";

import { useParams } from "next/navigation";
import { useEffect, useState } from "react";
import { listValuesAction, missingValuesAction } from "@/app/w/[workspace]/segments/value-actions";
import type { ValueCount, ValueSource } from "@/lib/segments/value-schemas";

/** The server's page size: a full page means there may be more values than were listed. */
export const VALUE_PAGE = 200;

// One list per source and search for the life of the page: the picker reopens instantly, and the
// counts are a guide (the live count is the truth), so a page-long cache is fine.
const cache = new Map<string, Promise<ValueCount[]>>();

function workspaceOf(params: ReturnType<typeof useParams>): string {
  const w = params?.workspace;
  return typeof w === "string" ? w : "";
}

async function fetchList(workspace: string, source: ValueSource, search?: string): Promise<ValueCount[]> {
  const key = JSON.stringify([workspace, source, search ?? ""]);
  let hit = cache.get(key);
  if (!hit) {
    hit = listValuesAction({ workspace, source, search }).then((r) => {
      if (!r.ok) throw new Error(r.error);
      return r.data;
    });
    hit.catch(() => cache.delete(key)); // a failed read is retried next time
    cache.set(key, hit);
  }
  return hit;
}

/** The workspace's values of a source with counts (most common first), searched on the server when the list is long. */
export function useValues(source: ValueSource | undefined, search: string, enabled: boolean): { values: ValueCount[]; loading: boolean; error: string | null } {
  const workspace = workspaceOf(useParams());
  const [state, setState] = useState<{ key: string; values: ValueCount[]; error: string | null }>({ key: "", values: [], error: null });
  const sourceKey = source ? JSON.stringify(source) : "";
  const trimmed = search.trim();
  useEffect(() => {
    if (!enabled || !sourceKey || !workspace) return;
    const src = JSON.parse(sourceKey) as ValueSource;
    let live = true;
    const key = `${sourceKey}\u0000${trimmed}`;
    // The first page is fetched whole; a search goes to the server only when that page was full.
    const timer = setTimeout(async () => {
      try {
        const first = await fetchList(workspace, src);
        const values = trimmed && first.length >= VALUE_PAGE ? await fetchList(workspace, src, trimmed) : first;
        if (live) setState({ key, values, error: null });
      } catch {
        if (live) setState({ key, values: [], error: "The values could not be loaded. Type a value instead." });
      }
    }, trimmed ? 200 : 0);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [enabled, sourceKey, trimmed, workspace]);
  const current = state.key.startsWith(`${sourceKey}\u0000`);
  return { values: current ? state.values : [], loading: enabled && !current, error: current ? state.error : null };
}

/** Which of values no customer has (for the "no customer has …" warning), debounced; null while unknown. */
export function useMissingValues(source: ValueSource | undefined, values: readonly string[]): string[] | null {
  const workspace = workspaceOf(useParams());
  const [state, setState] = useState<{ key: string; missing: string[] | null }>({ key: "", missing: null });
  const key = source && values.length > 0 ? JSON.stringify([source, values]) : "";
  useEffect(() => {
    if (!key || !workspace) return;
    const [src, vals] = JSON.parse(key) as [ValueSource, string[]];
    let live = true;
    const timer = setTimeout(async () => {
      const r = await missingValuesAction({ workspace, source: src, values: vals.slice(0, 50) }).catch(() => null);
      if (live) setState({ key, missing: r?.ok ? r.data : null });
    }, 400);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [key, workspace]);
  return state.key === key && key ? state.missing : null;
}
