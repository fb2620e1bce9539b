"use client";

import { Search, X } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { FIELD_TYPE_LABELS, findField, pickableFields, type FieldCatalog } from "@/lib/fields/catalog";

/**
 * Picks a catalog field from a list grouped by catalog group, each field with its type. A search button
 * opens a box that narrows the list, for workspaces with many custom fields.
 */
export function FieldPicker({
  catalog, value, onChange, invalid, describedBy,
}: {
  catalog: FieldCatalog;
  value: string | undefined;
  onChange(key: string): void;
  invalid?: boolean;
  describedBy?: string;
}) {
  const [searching, setSearching] = useState(false);
  const [query, setQuery] = useState("");
  const q = query.trim().toLowerCase();
  const groups = pickableFields(catalog)
    .map((g) => ({ ...g, fields: g.fields.filter((f) => !q || f.key === value || `${f.label} ${f.key} ${g.group} ${FIELD_TYPE_LABELS[f.type]}`.toLowerCase().includes(q)) }))
    .filter((g) => g.fields.length > 0);
  const current = value ? findField(catalog, value) : undefined;
  const matches = groups.reduce((n, g) => n + g.fields.length, 0);
  const close = () => {
    setSearching(false);
    setQuery("");
  };
  return (
    <div className="flex w-full min-w-0 items-center gap-1 sm:w-64">
      {searching ? (
        <div className="relative w-28 shrink-0">
          <Input aria-label="Search fields" placeholder="Search" className="pr-7" value={query} autoFocus
            onChange={(e) => setQuery(e.target.value)} onKeyDown={(e) => e.key === "Escape" && (e.preventDefault(), close())} />
          <button type="button" aria-label="Close field search" onClick={close} className="absolute top-1/2 right-1.5 -translate-y-1/2 rounded p-0.5 text-slate-500 hover:text-slate-900">
            <X aria-hidden className="size-3.5" />
          </button>
        </div>
      ) : (
        <Button variant="ghost" size="sm" className="size-8! shrink-0 px-0!" aria-label="Search fields" title="Search fields" onClick={() => setSearching(true)}>
          <Search aria-hidden className="size-4" />
        </Button>
      )}
      <Select
        aria-label="Field"
        className="min-w-0 flex-1"
        value={value ?? ""}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy}
        onChange={(e) => e.target.value && onChange(e.target.value)}
      >
        <option value="">{q ? `${matches} matching field${matches === 1 ? "" : "s"}` : "Choose a field…"}</option>
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
