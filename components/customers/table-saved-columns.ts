/**
 * The browser's remembered column choice for the customer table, per workspace (custom fields
 * differ between workspaces). The URL always wins; this only fills in a bare /customers link.
 */
const storageKey = (workspace: string) => `segmenta.customers.columns.${workspace}`;

/** The remembered columns of this workspace, or null (none, unreadable, or storage unavailable). */
export function readSavedColumns(workspace: string): string[] | null {
  try {
    const raw = window.localStorage.getItem(storageKey(workspace));
    const parsed: unknown = raw ? JSON.parse(raw) : null;
    return Array.isArray(parsed) && parsed.every((k) => typeof k === "string") ? parsed : null;
  } catch {
    return null;
  }
}

/** Remembers a choice; null forgets it (back to the defaults). Storage failures (private mode, quota) are ignored. */
export function saveColumns(workspace: string, columns: readonly string[] | null): void {
  try {
    if (columns) window.localStorage.setItem(storageKey(workspace), JSON.stringify(columns));
    else window.localStorage.removeItem(storageKey(workspace));
  } catch {
    // The choice still lives in the URL.
  }
}
