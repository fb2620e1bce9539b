"use client";

import {
  closestCenter, DndContext, KeyboardSensor, PointerSensor, useSensor, useSensors, type Announcements, type DragEndEvent,
} from "@dnd-kit/core";
import { sortableKeyboardCoordinates } from "@dnd-kit/sortable";
import { useEffect, useMemo, useRef } from "react";
import type { FieldCatalog } from "@/lib/fields/catalog";
import {
  addBlocked, addChild, displayPaths, duplicateNode, findById, findParent, focusAfterRemoval, isGroup, isNegatedCondition, moveNode, moveNodeTo, newId,
  removeNode, setConditionNegated, updateNode, type DraftGroup, type NodeError,
} from "@/lib/segments/builder-tree";
import type { BuilderSuggestions } from "@/lib/segments/saved-queries";
import { BuilderContext, type BuilderContextValue } from "./builder-context";
import { GroupEditor } from "./group-editor";
import { newCondition } from "./new-condition";

/** Where focus goes after the next render: a node's first control, or a group's "Add condition" button. */
type FocusTarget = { nodeId: string } | { addTo: string };

/** Moves focus to a node's first control (its drag handle skipped), or to a group's add button. */
export function focusTarget(target: FocusTarget): boolean {
  const el = "nodeId" in target
    ? document.querySelector(`[data-node-id="${target.nodeId}"]`)?.querySelector<HTMLElement>("[data-first-control]")
    : document.querySelector<HTMLElement>(`[data-add-for="${target.addTo}"]`);
  el?.focus();
  return !!el;
}

const INSTRUCTIONS = "To move a rule with the keyboard, press Space or Enter on its handle, use the arrow keys, then press Space or Enter to drop it, or Escape to cancel.";

/**
 * The visual rule builder: a controlled tree (root + onChange) of groups and conditions, with the errors
 * to show at the nodes they concern. Rules move by drag and drop (mouse, touch or keyboard) or with the
 * move buttons; focus follows what was added or removed.
 */
export function RuleBuilder({ root, onChange, onTouch, catalog, suggestions, segments, errors, readOnly }: {
  root: DraftGroup;
  /** A new tree; `key` names the node edited, so quick edits of one node are one undo step. */
  onChange(next: DraftGroup, key?: string): void;
  onTouch(id: string): void;
  catalog: FieldCatalog;
  suggestions: BuilderSuggestions;
  segments: { id: string; name: string }[];
  errors: ReadonlyMap<string, NodeError[]>;
  readOnly: boolean;
}) {
  const pending = useRef<FocusTarget | null>(null);
  useEffect(() => {
    if (pending.current && focusTarget(pending.current)) pending.current = null;
  }, [root]);

  const value = useMemo<BuilderContextValue>(() => ({
    catalog, suggestions, segments, readOnly, errors,
    change: (id, node) => onChange(updateNode(root, id, () => node), id),
    remove: (id) => {
      const parent = findParent(root, id);
      pending.current = focusAfterRemoval(root, id);
      if (parent) onTouch(parent.id);
      onChange(removeNode(root, id));
    },
    move: (id, by) => onChange(moveNode(root, id, by)),
    duplicate: (id) => {
      const { root: next, copyId } = duplicateNode(root, id);
      if (copyId) pending.current = { nodeId: copyId };
      onChange(next);
    },
    // id is the condition (switching on) or its negated wrapper (switching off).
    negate: (id, on) => onChange(setConditionNegated(root, id, on)),
    add: (groupId, kind) => {
      if (addBlocked(root, groupId, kind)) return;
      const child = kind === "group" ? { id: newId(), type: "group" as const, combinator: "and" as const, negate: false, children: [newCondition("field")] } : newCondition("field");
      pending.current = { nodeId: child.id };
      onChange(addChild(root, groupId, child));
    },
    addBlocked: (groupId, kind) => addBlocked(root, groupId, kind),
    touch: onTouch,
  }), [catalog, suggestions, segments, readOnly, errors, root, onChange, onTouch]);

  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );
  const paths = useMemo(() => displayPaths(root), [root]);
  const name = (id: string | number) => {
    const node = findById(root, String(id));
    const kind = node && isGroup(node) && !isNegatedCondition(node) ? "group" : "condition";
    return `${kind} ${paths.get(String(id)) ?? ""}`.trim();
  };
  const announcements: Announcements = {
    onDragStart: ({ active }) => `Picked up ${name(active.id)}.`,
    onDragOver: ({ active, over }) => (over ? `${name(active.id)} is over ${name(over.id)}.` : `${name(active.id)} is no longer over a rule.`),
    onDragEnd: ({ active, over }) => (over ? `${name(active.id)} dropped at ${name(over.id)}.` : `${name(active.id)} dropped where it was.`),
    onDragCancel: ({ active }) => `Moving ${name(active.id)} cancelled; it is back where it was.`,
  };
  function onDragEnd({ active, over }: DragEndEvent) {
    if (!over || active.id === over.id) return;
    const overId = String(over.id);
    const parent = findParent(root, overId);
    if (!parent) return;
    pending.current = null;
    onChange(moveNodeTo(root, String(active.id), parent.id, parent.children.findIndex((c) => c.id === overId)));
  }

  return (
    <BuilderContext.Provider value={value}>
      <DndContext id="rule-builder" sensors={sensors} collisionDetection={closestCenter} onDragEnd={onDragEnd}
        accessibility={{ announcements, screenReaderInstructions: { draggable: INSTRUCTIONS } }}>
        <fieldset disabled={readOnly} className="min-w-0">
          <legend className="sr-only">Segment rules</legend>
          <GroupEditor group={root} depth={1} path="1" />
        </fieldset>
      </DndContext>
    </BuilderContext.Provider>
  );
}
