"use client";

import { useId } from "react";
import { Select } from "@/components/ui/select";
import type { SegmentFilter } from "@/lib/customers/list-schemas";

/** A saved segment the filter offers. */
export interface SegmentChoice {
  id: string;
  name: string;
}

const ANY = "";
const encode = (filter: SegmentFilter | null) => (filter ? `${filter.exclude ? "not_in" : "in"}:${filter.id}` : ANY);

function decode(value: string): SegmentFilter | null {
  const [op, id] = value.split(":");
  return id ? { id, exclude: op === "not_in" } : null;
}

/** "Segment: All customers / in <segment> / not in <segment>": one native select in the toolbar. */
export function TableSegmentFilter({ choices, value, onChange }: { choices: readonly SegmentChoice[]; value: SegmentFilter | null; onChange: (next: SegmentFilter | null) => void }) {
  const id = useId();
  if (choices.length === 0) return null;
  return (
    <div className="flex w-full items-center gap-2 sm:w-auto">
      <label htmlFor={id} className="text-sm whitespace-nowrap text-slate-600">
        Segment
      </label>
      <Select id={id} controlSize="sm" className="min-w-0 flex-1 sm:w-56 sm:flex-none" value={encode(value)} onChange={(e) => onChange(decode(e.target.value))}>
        <option value={ANY}>All customers</option>
        <optgroup label="Members of">
          {choices.map((s) => (
            <option key={`in:${s.id}`} value={`in:${s.id}`}>
              {s.name}
            </option>
          ))}
        </optgroup>
        <optgroup label="Not in">
          {choices.map((s) => (
            <option key={`not_in:${s.id}`} value={`not_in:${s.id}`}>
              Not in {s.name}
            </option>
          ))}
        </optgroup>
      </Select>
    </div>
  );
}
