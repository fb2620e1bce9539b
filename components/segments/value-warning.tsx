"use client";

import { nearest } from "@/lib/fields/value-codes";
import { valueLabelWithCode } from "@/lib/fields/value-labels";
import type { FieldDefinition } from "@/lib/fields/catalog";
import { fieldValueSource, readTyped } from "@/lib/segments/value-sources";
import { useMissingValues, useValues } from "./use-values";

type Problem = { value: string; fix?: { value: string; label: string } };

/**
 * Under a condition's value: which of its values no customer has, each with the closest value
 * the workspace does have as a one-click fix ("No customer has country "Polnd" — did you mean Poland (PL)?").
 */
export function ValueWarning({ field, values, onReplace }: { field: FieldDefinition; values: readonly string[]; onReplace(from: string, to: string): void }) {
  const source = fieldValueSource(field);
  const typed = values.filter((v) => v.trim() !== "");
  const read = typed.map((v) => ({ value: v, parsed: readTyped(field, v) }));
  const checkable = read.filter((r) => r.parsed?.ok !== false).map((r) => (r.parsed?.ok ? r.parsed.code : r.value));
  const missing = useMissingValues(source, checkable);
  const { values: known } = useValues(source, "", !!source && typed.length > 0);
  if (!source) return null;

  const label = (v: string) => valueLabelWithCode(field, v);
  const closest = (v: string) => {
    const hit = nearest(v, known.flatMap((k) => [{ name: label(k.value), value: k.value }, { name: k.value, value: k.value }]));
    return hit && hit.value !== v ? { value: hit.value, label: label(hit.value) } : undefined;
  };
  const problems: Problem[] = [];
  for (const r of read) {
    if (r.parsed && !r.parsed.ok) {
      problems.push({ value: r.value, fix: r.parsed.suggestion ? { value: r.parsed.suggestion.code, label: r.parsed.suggestion.label } : closest(r.value) });
      continue;
    }
    const key = r.parsed?.ok ? r.parsed.code : r.value;
    if (missing?.includes(key)) problems.push({ value: r.value, fix: closest(key) });
  }
  if (problems.length === 0) return null;
  return (
    <ul className="space-y-0.5 text-sm text-amber-800" aria-live="polite">
      {problems.map((p) => (
        <li key={p.value}>
          No customer has {field.label.toLowerCase()} &ldquo;{p.value}&rdquo;
          {p.fix && (
            <>
              {" — "}
              <button type="button" className="rounded font-medium text-brand-700 underline underline-offset-2 hover:text-brand-800 focus-visible:outline-2 focus-visible:outline-brand-600"
                onClick={() => onReplace(p.value, p.fix!.value)}>
                did you mean {p.fix.label}?
              </button>
            </>
          )}
        </li>
      ))}
    </ul>
  );
}
