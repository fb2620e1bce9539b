"use client";

import { useMemo } from "react";
import type { FieldCatalog } from "@/lib/fields/catalog";
import {
  addBlocked, addChild, moveNode, newId, removeNode, updateNode, type DraftGroup, type NodeError,
} from "@/lib/segments/builder-tree";
import type { BuilderSuggestions } from "@/lib/segments/saved-queries";
import { BuilderContext, type BuilderContextValue } from "./builder-context";
import { GroupEditor, newCondition } from "./group-editor";

/**
 * The visual rule builder: a controlled tree (root + onChange) of groups and conditions, with the
 * errors of the last validation shown at the nodes they concern. Read-only disables every control.
 */
export function RuleBuilder({ root, onChange, catalog, suggestions, segments, errors, readOnly }: {
  root: DraftGroup;
  onChange(next: DraftGroup): void;
  catalog: FieldCatalog;
  suggestions: BuilderSuggestions;
  segments: { id: string; name: string }[];
  errors: ReadonlyMap<string, NodeError[]>;
  readOnly: boolean;
}) {
  const value = useMemo<BuilderContextValue>(() => ({
    catalog, suggestions, segments, readOnly, errors,
    change: (id, node) => onChange(updateNode(root, id, () => node)),
    remove: (id) => onChange(removeNode(root, id)),
    move: (id, by) => onChange(moveNode(root, id, by)),
    add: (groupId, kind) => {
      if (addBlocked(root, groupId, kind)) return;
      const child = kind === "group" ? { id: newId(), type: "group" as const, combinator: "and" as const, negate: false, children: [newCondition("field")] } : newCondition("field");
      onChange(addChild(root, groupId, child));
    },
    addBlocked: (groupId, kind) => addBlocked(root, groupId, kind),
  }), [catalog, suggestions, segments, readOnly, errors, root, onChange]);
  return (
    <BuilderContext.Provider value={value}>
      <fieldset disabled={readOnly} className="min-w-0">
        <legend className="sr-only">Segment rules</legend>
        <GroupEditor group={root} depth={1} path="1" />
      </fieldset>
    </BuilderContext.Provider>
  );
}
