"use client";

import { createContext, useContext } from "react";
import type { FieldCatalog } from "@/lib/fields/catalog";
import { builderMessage } from "@/lib/segments/builder-messages";
import type { DraftNode, NodeError } from "@/lib/segments/builder-tree";
import type { BuilderSuggestions } from "@/lib/segments/saved-queries";

/** What every part of the rule builder reads: the catalog, suggestions, other segments, errors and the edit callbacks. */
export interface BuilderContextValue {
  catalog: FieldCatalog;
  suggestions: BuilderSuggestions;
  /** Other saved segments of the workspace (the one being edited left out). */
  segments: { id: string; name: string }[];
  readOnly: boolean;
  /** Errors to show now: only those of conditions the user has left, or all after a save attempt. */
  errors: ReadonlyMap<string, NodeError[]>;
  /** Replaces the node with this id. */
  change(id: string, node: DraftNode): void;
  remove(id: string): void;
  move(id: string, by: -1 | 1): void;
  duplicate(id: string): void;
  /** Turns the NOT switch of a condition on or off (id: the condition, or its negated wrapper). */
  negate(id: string, on: boolean): void;
  add(groupId: string, kind: "condition" | "group"): void;
  /** Why adding to this group is not possible, or null. */
  addBlocked(groupId: string, kind: "condition" | "group"): string | null;
  /** The user left this node: its errors may show from now on. */
  touch(id: string): void;
}

export const BuilderContext = createContext<BuilderContextValue | null>(null);

/** The builder's context; only inside RuleBuilder. */
export function useBuilder(): BuilderContextValue {
  const value = useContext(BuilderContext);
  if (!value) throw new Error("useBuilder outside RuleBuilder");
  return value;
}

/** An error message worded for the builder (see lib/segments/builder-messages). */
export function errorText(error: NodeError): string {
  return builderMessage(error);
}

/** Whether any error of the node concerns this part ("value" also matches "value[0]"). */
export function hasError(errors: readonly NodeError[] | undefined, part: string): boolean {
  return (errors ?? []).some((e) => e.part === part || e.part.startsWith(`${part}.`) || e.part.startsWith(`${part}[`));
}
