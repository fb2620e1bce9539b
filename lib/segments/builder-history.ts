/**
 * Undo / redo for the rule builder: the trees the user went through, as a pure value. Edits to one node
 * that follow each other quickly (typing a value) merge into one step, so Undo takes back a word, not a letter.
 */

/** The past, the present and the undone future of a value. */
export interface History<T> {
  past: readonly T[];
  present: T;
  future: readonly T[];
  /** What the last step changed and when, to merge quick edits of the same thing. */
  last: { key: string; at: number } | null;
}

/** At most this many steps back are kept. */
export const HISTORY_LIMIT = 100;
/** Edits of the same node closer than this (ms) are one step. */
export const MERGE_MS = 1000;

/** A history with nothing to undo. */
export function startHistory<T>(present: T): History<T> {
  return { past: [], present, future: [], last: null };
}

/**
 * Records a new present. `key` names what was edited (a node id); an edit with the same key as the
 * previous one within MERGE_MS replaces the present instead of adding a step. A new edit clears redo.
 */
export function commit<T>(h: History<T>, next: T, key: string | null = null, at = Date.now()): History<T> {
  if (Object.is(next, h.present)) return h;
  const merge = key !== null && h.last?.key === key && at - h.last.at < MERGE_MS && h.future.length === 0 && h.past.length > 0;
  const past = merge ? h.past : [...h.past, h.present].slice(-HISTORY_LIMIT);
  return { past, present: next, future: [], last: key === null ? null : { key, at } };
}

/** One step back (the same history when there is none). */
export function undo<T>(h: History<T>): History<T> {
  if (h.past.length === 0) return h;
  return { past: h.past.slice(0, -1), present: h.past[h.past.length - 1], future: [h.present, ...h.future], last: null };
}

/** One step forward again (the same history when nothing was undone). */
export function redo<T>(h: History<T>): History<T> {
  if (h.future.length === 0) return h;
  return { past: [...h.past, h.present], present: h.future[0], future: h.future.slice(1), last: null };
}

/** Replaces the present and forgets every step (after Discard, or when the page loads another segment). */
export function resetHistory<T>(present: T): History<T> {
  return startHistory(present);
}
