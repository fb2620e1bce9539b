"use client";

import { Select } from "@/components/ui/select";
import type { DraftCondition } from "@/lib/segments/builder-tree";
import { hasError, useBuilder } from "./builder-context";
import { ChoiceList } from "./choice-list";

/** An RFM condition: the customer's RFM segment (scored as of today, with the workspace's rules) is / is not one of these. */
export function RfmCondition({ node, describedBy }: { node: DraftCondition; describedBy?: string }) {
  const { suggestions, change, errors } = useBuilder();
  const errs = errors.get(node.id);
  const chosen = Array.isArray(node.value) ? node.value.filter((v): v is string => typeof v === "string") : [];
  // Names a saved definition holds that the current rules no longer have stay visible, so they can be unticked.
  const names = [...suggestions.rfmSegments, ...chosen.filter((v) => !suggestions.rfmSegments.includes(v))];
  return (
    <div className="flex w-full flex-wrap items-start gap-2">
      <Select aria-label="RFM segment operator" className="w-40" value={String(node.operator ?? "in")} onChange={(e) => change(node.id, { ...node, operator: e.target.value })}>
        <option value="in">is any of</option>
        <option value="not_in">is none of</option>
      </Select>
      <ChoiceList
        label="RFM segments"
        options={names.map((n) => ({ key: n, label: suggestions.rfmSegments.includes(n) ? n : `${n} (no longer a rule)` }))}
        value={chosen}
        onChange={(next) => change(node.id, { ...node, value: next })}
        invalid={hasError(errs, "value")}
        describedBy={describedBy}
      />
    </div>
  );
}
