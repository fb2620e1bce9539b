"use client";

import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { FieldCatalog } from "@/lib/fields/catalog";
import { commit, redo, startHistory, undo, type History } from "@/lib/segments/builder-history";
import { builderMessages } from "@/lib/segments/builder-messages";
import {
  countConditions, displayPaths, errorsByNode, findById, idsByPath, isGroup, isNegatedCondition, toDefinition, withoutNodes, type DraftGroup, type DraftNode, type NodeError,
} from "@/lib/segments/builder-tree";
import { parseDefinition, type DefinitionIssue, type SegmentDefinition } from "@/lib/segments/schema";

/** What can be counted now: the whole definition, or the finished part of it while some conditions are incomplete. */
export interface Countable {
  definition: SegmentDefinition;
  counted: number;
  total: number;
}

/** The first problem of the rules, for Save's reason: "Condition 1.2: Enter a value." */
export interface FirstProblem {
  nodeId: string;
  text: string;
}

function wrappers(root: DraftGroup): Map<string, string> {
  const out = new Map<string, string>();
  const visit = (node: DraftNode) => {
    if (isNegatedCondition(node)) out.set(node.children[0].id, node.id);
    if (isGroup(node)) node.children.forEach(visit);
  };
  visit(root);
  return out;
}

/**
 * The rules being edited: the tree with its undo history, what the user has touched (errors show only
 * there, or everywhere after a save attempt), the parse, and the part that can be counted already.
 */
export function useRulesDraft({ initial, catalog, resolveSegment, segmentId, showErrorsAtOnce }: {
  initial: DraftGroup;
  catalog: FieldCatalog;
  resolveSegment(id: string): unknown;
  segmentId: string | undefined;
  /** Saved or template rules: their problems show at once; a new condition's only once it is left. */
  showErrorsAtOnce: boolean;
}) {
  const [history, setHistory] = useState<History<DraftGroup>>(() => startHistory(initial));
  const [touched, setTouched] = useState<ReadonlySet<string>>(() => new Set(showErrorsAtOnce ? idsByPath(initial).values() : []));
  const [attempted, setAttempted] = useState(false);
  const root = history.present;
  const wrapperIds = useRef(new Map<string, string>());
  useEffect(() => {
    wrapperIds.current = wrappers(root);
  }, [root]);

  // Only a condition the user has changed gets its problems shown when they leave it: a blank new one stays quiet
  // (the count note and Save's reason speak for it) until a save attempt.
  const edited = useRef(new Set<string>());
  const change = useCallback((next: DraftGroup, key?: string) => {
    if (key) edited.current.add(key);
    setHistory((h) => commit(h, next, key ?? null));
  }, []);
  const apply = useCallback((ids: string[]) => {
    const shown = ids.filter((id) => edited.current.has(id) || [...edited.current].some((e) => wrapperIds.current.get(e) === id));
    if (shown.length) setTouched((t) => (shown.every((id) => t.has(id)) ? t : new Set([...t, ...shown])));
  }, []);
  // Leaving a condition by pressing the mouse on a button (say "Add condition") would show its messages and move
  // the button away before the click lands: while a pointer is down, leaving is recorded only after the click.
  const pointerDown = useRef(false);
  const queued = useRef<string[]>([]);
  useEffect(() => {
    const down = () => (pointerDown.current = true);
    const up = () => {
      pointerDown.current = false;
      setTimeout(() => apply(queued.current.splice(0)), 0);
    };
    document.addEventListener("pointerdown", down, true);
    document.addEventListener("pointerup", up, true);
    document.addEventListener("pointercancel", up, true);
    return () => {
      document.removeEventListener("pointerdown", down, true);
      document.removeEventListener("pointerup", up, true);
      document.removeEventListener("pointercancel", up, true);
    };
  }, [apply]);
  const touch = useCallback((id: string) => {
    if (pointerDown.current) queued.current.push(id);
    else apply([id]);
  }, [apply]);
  const reset = useCallback((next: DraftGroup) => {
    setHistory(startHistory(next));
    setAttempted(false);
  }, []);

  const definition = useMemo(() => toDefinition(root), [root]);
  const parsed = useMemo(() => parseDefinition(definition, catalog, { resolveSegment, segmentId }), [definition, catalog, resolveSegment, segmentId]);
  const empty = root.children.length === 0;
  const issues: DefinitionIssue[] = useMemo(
    () => (parsed.ok ? [] : parsed.errors.filter((e) => !(empty && e.path.startsWith("root")))),
    [parsed, empty],
  );
  const allErrors = useMemo(() => errorsByNode(root, issues), [root, issues]);

  const visibleErrors = useMemo(() => {
    if (attempted) return allErrors;
    const wrapperOf = wrappers(root);
    const out = new Map<string, NodeError[]>();
    for (const [id, list] of allErrors) {
      const wrapper = wrapperOf.get(id);
      // Group-level problems (an emptied group) show at once: nothing about them is "being typed".
      const isGroupError = list.every((e) => e.part === "children");
      if (isGroupError || touched.has(id) || (wrapper && touched.has(wrapper))) out.set(id, list);
    }
    return out;
  }, [attempted, allErrors, touched, root]);

  const countable = useMemo<Countable | null>(() => {
    const total = countConditions(root);
    if (parsed.ok) return empty ? null : { definition: parsed.definition, counted: total, total };
    const finished = withoutNodes(root, new Set(allErrors.keys()));
    if (finished.children.length === 0) return null;
    const again = parseDefinition(toDefinition(finished), catalog, { resolveSegment, segmentId });
    return again.ok ? { definition: again.definition, counted: countConditions(finished), total } : null;
  }, [root, parsed, empty, allErrors, catalog, resolveSegment, segmentId]);

  const firstProblem = useMemo<FirstProblem | null>(() => {
    const first = [...allErrors][0];
    if (!first) return null;
    const [id, list] = first;
    const text = builderMessages(list)[0];
    const path = displayPaths(root).get(id);
    const node = findById(root, id);
    const kind = node && isGroup(node) && !isNegatedCondition(node) ? "Group" : "Condition";
    return { nodeId: id, text: path && path !== "1" ? `${kind} ${path}: ${text}` : text };
  }, [root, allErrors]);

  return {
    root, definition, parsed, empty, countable, firstProblem, visibleErrors, change, touch, reset,
    attempt: () => setAttempted(true),
    undo: () => setHistory(undo),
    redo: () => setHistory(redo),
    canUndo: history.past.length > 0,
    canRedo: history.future.length > 0,
  };
}
