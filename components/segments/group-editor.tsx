"use client";

import { useDroppable } from "@dnd-kit/core";
import { SortableContext, verticalListSortingStrategy } from "@dnd-kit/sortable";
import { FolderPlus, Plus } from "lucide-react";
import type { ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/select";
import { isGroup, isNegatedCondition, type DraftGroup } from "@/lib/segments/builder-tree";
import { useBuilder } from "./builder-context";
import { ConditionRow, NodeErrors } from "./condition-row";
import { DragHandle, RowActions, SortableRule } from "./row-controls";

/** The children of a group as a sortable list; an empty group still takes drops. */
function Children({ group, depth, path, name }: { group: DraftGroup; depth: number; path: string; name: string }) {
  const { setNodeRef } = useDroppable({ id: `drop:${group.id}` });
  const isRoot = depth === 1;
  if (group.children.length === 0) {
    return (
      <p ref={setNodeRef} className="mt-2 rounded-md border border-dashed border-slate-300 px-3 py-3 text-sm text-slate-600">
        {isRoot ? "No conditions yet: add one, or start from a template, to define who is in the segment." : "This group is empty: add a condition or remove the group."}
      </p>
    );
  }
  return (
    <SortableContext items={group.children.map((c) => c.id)} strategy={verticalListSortingStrategy}>
      <ol className="mt-2 space-y-2" aria-label={`Conditions of ${name}`}>
        {group.children.map((child, i) => {
          const childPath = `${path}.${i + 1}`;
          if (isNegatedCondition(child)) return <ConditionRow key={child.id} node={child.children[0]} outer={child} index={i} count={group.children.length} path={childPath} />;
          if (isGroup(child)) return <GroupEditor key={child.id} group={child} depth={depth + 1} path={childPath} index={i} count={group.children.length} />;
          return <ConditionRow key={child.id} node={child} outer={child} index={i} count={group.children.length} path={childPath} />;
        })}
      </ol>
    </SortableContext>
  );
}

/** A group: all / any, negate, its children in order, and buttons to add a condition or a nested group. */
export function GroupEditor({ group, depth, path, index = 0, count = 1 }: { group: DraftGroup; depth: number; path: string; index?: number; count?: number }) {
  const { change, add, addBlocked, readOnly } = useBuilder();
  const isRoot = depth === 1;
  const name = isRoot ? "the segment" : `group ${path}`;
  const blockedGroup = addBlocked(group.id, "group");
  const blockedCondition = addBlocked(group.id, "condition");
  const hintId = `hint-${group.id}`;
  const header = (handle: ReactNode) => (
    <div className="flex flex-wrap items-center gap-2">
      {handle}
      <Select data-first-control aria-label={`Match for ${name}`} className="w-auto min-w-44 shrink-0" value={group.combinator}
        onChange={(e) => change(group.id, { ...group, combinator: e.target.value as "and" | "or" })}>
        <option value="and">All of these (AND)</option>
        <option value="or">Any of these (OR)</option>
      </Select>
      <label className="inline-flex items-center gap-2 text-sm text-slate-700">
        <input type="checkbox" className="size-4 accent-brand-600" checked={group.negate} onChange={(e) => change(group.id, { ...group, negate: e.target.checked })} />
        Negate: {group.combinator === "or" ? "none of these" : "not all of these"}
      </label>
      {!isRoot && <RowActions node={group} index={index} count={count} label={name} />}
    </div>
  );
  const body = (handle: ReactNode) => (
    <>
      {header(handle)}
      <NodeErrors id={`errors-${group.id}`} node={group} />
      <Children group={group} depth={depth} path={path} name={name} />
      {!readOnly && (
        <div className="mt-2 flex flex-wrap items-center gap-2">
          <Button variant="secondary" size="sm" data-add-for={group.id} onClick={() => add(group.id, "condition")} disabled={!!blockedCondition} aria-describedby={blockedCondition || blockedGroup ? hintId : undefined}>
            <Plus aria-hidden className="size-4" />
            Add condition{isRoot ? "" : ` to group ${path}`}
          </Button>
          <Button variant="secondary" size="sm" onClick={() => add(group.id, "group")} disabled={!!blockedGroup} aria-describedby={blockedCondition || blockedGroup ? hintId : undefined}>
            <FolderPlus aria-hidden className="size-4" />
            Add group{isRoot ? "" : ` to group ${path}`}
          </Button>
          {(blockedCondition || blockedGroup) && <span id={hintId} className="text-xs text-slate-600">{blockedCondition ?? blockedGroup}</span>}
        </div>
      )}
    </>
  );
  if (isRoot) return <div data-testid="root-group">{body(null)}</div>;
  return (
    <SortableRule id={group.id} label={`Group ${path}`} testId="group"
      className={`rounded-md border-l-4 p-2 sm:p-3 ${group.negate ? "border-amber-400 bg-amber-50/40" : "border-brand-300 bg-slate-50"}`}>
      {(handle) => body(<DragHandle label={name} handle={handle} />)}
    </SortableRule>
  );
}
