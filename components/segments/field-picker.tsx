"use client";

import { Search } from "lucide-react";
import { useState } from "react";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { FIELD_TYPE_LABELS, findField, pickableFields, type FieldCatalog } from "@/lib/fields/catalog";

/** Picks a catalog field: a search box narrows a list grouped by catalog group, each field with its type. */
export function FieldPicker({
  catalog, value, onChange, invalid, describedBy,
}: {
  catalog: FieldCatalog;
  value: string | undefined;
  onChange(key: string): void;
  invalid?: boolean;
  describedBy?: string;
}) {
  const [query, setQuery] = useState("");
  const q = query.trim().toLowerCase();
  const groups = pickableFields(catalog)
    .map((g) => ({ ...g, fields: g.fields.filter((f) => !q || f.key === value || `${f.label} ${f.key} ${g.group} ${FIELD_TYPE_LABELS[f.type]}`.toLowerCase().includes(q)) }))
    .filter((g) => g.fields.length > 0);
  const current = value ? findField(catalog, value) : undefined;
  const matches = groups.reduce((n, g) => n + g.fields.length, 0);
  return (
    <div className="flex min-w-64 flex-1 flex-wrap gap-2">
      <div className="relative w-36">
        <Search aria-hidden className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-slate-400" />
        <Input aria-label="Search fields" placeholder="Search" className="pl-8" value={query} onChange={(e) => setQuery(e.target.value)} />
      </div>
      <Select
        aria-label="Field"
        className="min-w-48 flex-1"
        value={value ?? ""}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy}
        onChange={(e) => e.target.value && onChange(e.target.value)}
      >
        <option value="">{q ? `${matches} matching field${matches === 1 ? "" : "s"} — choose one` : "Choose a field…"}</option>
        {current?.archived && <option value={current.key}>{current.label} (archived)</option>}
        {groups.map((g) => (
          <optgroup key={g.group} label={g.group}>
            {g.fields.map((f) => (
              <option key={f.key} value={f.key}>
                {f.label} · {FIELD_TYPE_LABELS[f.type]}
              </option>
            ))}
          </optgroup>
        ))}
      </Select>
    </div>
  );
}
