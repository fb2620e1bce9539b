"use client";

import { createContext, useContext } from "react";
import type { FieldCatalog } from "@/lib/fields/catalog";
import type { DraftNode, NodeError } from "@/lib/segments/builder-tree";
import type { BuilderSuggestions } from "@/lib/segments/saved-queries";

/** What every part of the rule builder reads: the catalog, suggestions, other segments, errors and the edit callbacks. */
export interface BuilderContextValue {
  catalog: FieldCatalog;
  suggestions: BuilderSuggestions;
  /** Other saved segments of the workspace (the one being edited left out). */
  segments: { id: string; name: string }[];
  readOnly: boolean;
  errors: ReadonlyMap<string, NodeError[]>;
  /** Replaces the node with this id. */
  change(id: string, node: DraftNode): void;
  remove(id: string): void;
  move(id: string, by: -1 | 1): void;
  add(groupId: string, kind: "condition" | "group"): void;
  /** Why adding to this group is not possible, or null. */
  addBlocked(groupId: string, kind: "condition" | "group"): string | null;
}

export const BuilderContext = createContext<BuilderContextValue | null>(null);

/** The builder's context; only inside RuleBuilder. */
export function useBuilder(): BuilderContextValue {
  const value = useContext(BuilderContext);
  if (!value) throw new Error("useBuilder outside RuleBuilder");
  return value;
}

const PART_LABELS: Record<string, string> = {
  field: "Field", operator: "Operator", value: "Value", window: "Window", filter: "Filter", where: "Property filters",
  name: "Event name", segmentId: "Segment", measure: "Measure", children: "Group",
};

/** An error message worded for the builder: which part, what is wrong. */
export function errorText(error: NodeError): string {
  const head = error.part.split(/[.[]/)[0];
  if (head === "field" && error.message === "is required") return "Choose a field.";
  if (head === "name" && error.message === "is required") return "Enter an event name.";
  if (head === "segmentId" && error.message === "is required") return "Choose a segment.";
  if (/needs a value|is required/.test(error.message) && head === "value") return "Enter a value.";
  if (head === "children") return "Add at least one condition to this group, or remove the group.";
  const label = PART_LABELS[head];
  return label ? `${label}: ${error.message}` : error.message.charAt(0).toUpperCase() + error.message.slice(1);
}

/** Whether any error of the node concerns this part ("value" also matches "value[0]"). */
export function hasError(errors: readonly NodeError[] | undefined, part: string): boolean {
  return (errors ?? []).some((e) => e.part === part || e.part.startsWith(`${part}.`) || e.part.startsWith(`${part}[`));
}
