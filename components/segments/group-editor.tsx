"use client";

import { ArrowDown, ArrowUp, FolderPlus, Plus, Trash2 } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/select";
import { isGroup, newId, type DraftCondition, type DraftGroup, type DraftNode } from "@/lib/segments/builder-tree";
import { LIMITS } from "@/lib/segments/limits";
import { errorText, useBuilder } from "./builder-context";
import { EventCondition } from "./event-condition";
import { FieldCondition } from "./field-condition";
import { OrdersCondition } from "./orders-condition";
import { RfmCondition } from "./rfm-condition";
import { SegmentCondition } from "./segment-condition";

const KINDS = { field: "Customer field", orders: "Orders", event: "Event", segment: "Segment membership", rfm: "RFM segment" } as const;
type Kind = keyof typeof KINDS;

/** A fresh condition of a kind, with starting values the user then completes. */
export function newCondition(kind: Kind, id: string = newId()): DraftCondition {
  switch (kind) {
    case "orders":
      return { id, type: "orders", measure: "count", operator: "gte", value: 1, window: { type: "last", amount: 90, unit: "day" } };
    case "event":
      return { id, type: "event", name: undefined, operator: "gte", value: 1, window: { type: "last", amount: 30, unit: "day" } };
    case "segment":
      return { id, type: "segment", operator: "in", segmentId: undefined };
    case "rfm":
      return { id, type: "rfm", operator: "in", value: [] };
    default:
      return { id, type: "field", field: undefined, operator: undefined };
  }
}

function groupWords(g: DraftGroup): string {
  if (g.negate) return g.combinator === "and" ? "Customers are excluded when they match all of these" : "Customers match none of these";
  return g.combinator === "and" ? "Customers match all of these" : "Customers match at least one of these";
}

function NodeErrors({ id, node }: { id: string; node: DraftNode }) {
  const { errors } = useBuilder();
  const list = errors.get(node.id);
  if (!list?.length) return null;
  return (
    <ul id={id} className="mt-1.5 space-y-0.5 text-sm text-red-700">
      {list.map((e, i) => <li key={i}>{errorText(e)}</li>)}
    </ul>
  );
}

function RowControls({ node, index, count, label }: { node: DraftNode; index: number; count: number; label: string }) {
  const { move, remove, readOnly } = useBuilder();
  if (readOnly) return null;
  return (
    <div className="flex shrink-0 gap-0.5">
      <Button variant="ghost" size="sm" aria-label={`Move ${label} up`} disabled={index === 0} onClick={() => move(node.id, -1)}>
        <ArrowUp aria-hidden className="size-4" />
      </Button>
      <Button variant="ghost" size="sm" aria-label={`Move ${label} down`} disabled={index === count - 1} onClick={() => move(node.id, 1)}>
        <ArrowDown aria-hidden className="size-4" />
      </Button>
      <Button variant="ghost" size="sm" aria-label={`Remove ${label}`} onClick={() => remove(node.id)}>
        <Trash2 aria-hidden className="size-4" />
      </Button>
    </div>
  );
}

/** One condition of a group: its kind, its editor, its errors and its move / remove buttons. */
function ConditionRow({ node, index, count, path }: { node: DraftCondition; index: number; count: number; path: string }) {
  const { change, errors } = useBuilder();
  const errorsId = errors.get(node.id)?.length ? `errors-${node.id}` : undefined;
  const label = `condition ${path}`;
  const editor =
    node.type === "orders" ? <OrdersCondition node={node} describedBy={errorsId} />
    : node.type === "event" ? <EventCondition node={node} describedBy={errorsId} />
    : node.type === "segment" ? <SegmentCondition node={node} describedBy={errorsId} />
    : node.type === "rfm" ? <RfmCondition node={node} describedBy={errorsId} />
    : <FieldCondition node={node} describedBy={errorsId} />;
  return (
    <li className="rounded-md border border-slate-200 bg-white p-3" aria-label={`Condition ${path}`} data-testid="condition">
      <div className="flex items-start gap-2">
        <Select aria-label={`Condition ${path} type`} className="w-48 shrink-0" value={node.type}
          onChange={(e) => change(node.id, newCondition(e.target.value as Kind, node.id))}>
          {Object.entries(KINDS).map(([k, l]) => <option key={k} value={k}>{l}</option>)}
        </Select>
        <div className="min-w-0 flex-1">{editor}</div>
        <RowControls node={node} index={index} count={count} label={label} />
      </div>
      <NodeErrors id={`errors-${node.id}`} node={node} />
    </li>
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
  const body = (
    <>
      <div className="flex flex-wrap items-center gap-3">
        <Select aria-label={`Match for ${name}`} className="w-64" value={group.combinator} onChange={(e) => change(group.id, { ...group, combinator: e.target.value as "and" | "or" })}>
          <option value="and">All of these (AND)</option>
          <option value="or">Any of these (OR)</option>
        </Select>
        <label className="inline-flex items-center gap-2 text-sm text-slate-700">
          <input type="checkbox" className="size-4 accent-brand-600" checked={group.negate} onChange={(e) => change(group.id, { ...group, negate: e.target.checked })} />
          Negate: {group.combinator === "or" ? "none of these" : "not all of these"}
        </label>
        <span className="text-sm text-slate-600">{groupWords(group)}.</span>
        {!isRoot && <div className="ml-auto"><RowControls node={group} index={index} count={count} label={name} /></div>}
      </div>
      <NodeErrors id={`errors-${group.id}`} node={group} />
      {group.children.length > 0 ? (
        <ol className="mt-3 space-y-2" aria-label={`Conditions of ${name}`}>
          {group.children.map((child, i) =>
            isGroup(child) ? (
              <li key={child.id} aria-label={`Group ${path}.${i + 1}`}>
                <GroupEditor group={child} depth={depth + 1} path={`${path}.${i + 1}`} index={i} count={group.children.length} />
              </li>
            ) : (
              <ConditionRow key={child.id} node={child} index={i} count={group.children.length} path={`${path}.${i + 1}`} />
            ),
          )}
        </ol>
      ) : (
        <p className="mt-3 text-sm text-slate-600">{isRoot ? "No conditions yet: add one to define who is in the segment." : "This group is empty: add a condition or remove the group."}</p>
      )}
      {!readOnly && (
        <div className="mt-3 flex flex-wrap items-center gap-2">
          <Button variant="secondary" size="sm" onClick={() => add(group.id, "condition")} disabled={!!blockedCondition} aria-describedby={hintId}>
            <Plus aria-hidden className="size-4" />
            Add condition{isRoot ? "" : ` to group ${path}`}
          </Button>
          <Button variant="secondary" size="sm" onClick={() => add(group.id, "group")} disabled={!!blockedGroup} aria-describedby={hintId}>
            <FolderPlus aria-hidden className="size-4" />
            Add group{isRoot ? "" : ` to group ${path}`}
          </Button>
          <span id={hintId} className="text-xs text-slate-600">
            {blockedCondition ?? blockedGroup ?? `Level ${depth} of ${LIMITS.groupDepth}: groups nest at most ${LIMITS.groupDepth} levels deep.`}
          </span>
        </div>
      )}
    </>
  );
  return (
    <div className={isRoot ? "" : `rounded-md border-l-4 p-3 ${group.negate ? "border-amber-400 bg-amber-50/40" : "border-brand-300 bg-slate-50"}`} data-testid={isRoot ? "root-group" : "group"}>
      {body}
    </div>
  );
}
