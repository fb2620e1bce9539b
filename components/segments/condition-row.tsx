"use client";

import { Select } from "@/components/ui/select";
import { builderMessages } from "@/lib/segments/builder-messages";
import type { DraftCondition, DraftNode } from "@/lib/segments/builder-tree";
import { useBuilder } from "./builder-context";
import { EventCondition } from "./event-condition";
import { FieldCondition } from "./field-condition";
import { CONDITION_KINDS, newCondition, type ConditionKind } from "./new-condition";
import { OrdersCondition } from "./orders-condition";
import { RfmCondition } from "./rfm-condition";
import { DragHandle, RowActions, SortableRule } from "./row-controls";
import { SegmentCondition } from "./segment-condition";

/** A node's errors in plain words, each once. */
export function NodeErrors({ id, node }: { id: string; node: DraftNode }) {
  const { errors } = useBuilder();
  const list = builderMessages(errors.get(node.id));
  if (!list.length) return null;
  return (
    <ul id={id} className="mt-1.5 space-y-0.5 text-sm text-red-700">
      {list.map((text) => <li key={text}>{text}</li>)}
    </ul>
  );
}

/** The NOT switch of a condition: on, the condition excludes the customers it matches. */
function NotSwitch({ on, path, onToggle }: { on: boolean; path: string; onToggle(): void }) {
  const { readOnly } = useBuilder();
  if (readOnly) return null;
  return (
    <button type="button" role="switch" aria-checked={on} aria-label={`NOT condition ${path}`} title={on ? "Excluding customers who match" : "Exclude customers who match instead"}
      onClick={onToggle}
      className={`h-8 shrink-0 rounded-md border px-2 text-xs font-semibold tracking-wide focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600 ${on ? "border-amber-500 bg-amber-100 text-amber-900" : "border-slate-300 bg-white text-slate-500 hover:text-slate-900"}`}>
      NOT
    </button>
  );
}

/**
 * One condition on one line (wrapping on a phone): drag handle, NOT, kind, the kind's editor, and the move,
 * duplicate and remove buttons. `outer` is the node in the tree: the condition, or the negated group of one
 * that holds it when NOT is on.
 */
export function ConditionRow({ node, outer, index, count, path }: { node: DraftCondition; outer: DraftNode; index: number; count: number; path: string }) {
  const { change, errors, negate } = useBuilder();
  const negated = outer.id !== node.id;
  const errorsId = errors.get(node.id)?.length ? `errors-${node.id}` : undefined;
  const label = `condition ${path}`;
  const props = { node, describedBy: errorsId };
  const editor =
    node.type === "orders" ? <OrdersCondition {...props} />
    : node.type === "event" ? <EventCondition {...props} />
    : node.type === "segment" ? <SegmentCondition {...props} />
    : node.type === "rfm" ? <RfmCondition {...props} />
    : <FieldCondition {...props} />;
  return (
    <SortableRule id={outer.id} label={`Condition ${path}`} testId="condition"
      className={`rounded-md border bg-white px-2 py-2 sm:px-3 ${negated ? "border-amber-300 border-l-4 border-l-amber-500" : "border-slate-200"}`}>
      {(handle) => (
        <>
          <div className="flex flex-wrap items-center gap-2">
            <DragHandle label={label} handle={handle} />
            <NotSwitch on={negated} path={path} onToggle={() => negate(outer.id, !negated)} />
            <Select data-first-control aria-label={`Condition ${path} type`} className="w-40 shrink-0" value={node.type}
              onChange={(e) => change(node.id, newCondition(e.target.value as ConditionKind, node.id))}>
              {Object.entries(CONDITION_KINDS).map(([k, l]) => <option key={k} value={k}>{l}</option>)}
            </Select>
            <div className="flex min-w-0 flex-[1_1_16rem] flex-wrap items-center gap-2">{editor}</div>
            <RowActions node={outer} index={index} count={count} label={label} />
          </div>
          {negated && <p className="mt-1 text-xs text-amber-800">NOT: customers who match this condition are left out.</p>}
          <NodeErrors id={`errors-${node.id}`} node={node} />
        </>
      )}
    </SortableRule>
  );
}
