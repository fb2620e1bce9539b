"use client";

import { X } from "lucide-react";
import { useId, useState } from "react";
import { Input } from "@/components/ui/input";
import type { ValueSource } from "@/lib/segments/value-schemas";
import { ValuePicker } from "./value-picker";

/**
 * A list of values: type and press Enter (or a comma) to add, or pick one of the workspace's own
 * values when a source is given; chips show each value's name and remove with their button.
 */
export function TagInput({
  value, onChange, label, suggestions = [], invalid, describedBy, lowerCase = false, placeholder = "Type a value and press Enter",
  source, labelOf = (v) => v, normalize = (v) => v,
}: {
  value: string[];
  onChange(next: string[]): void;
  /** Accessible name of the text box. */
  label: string;
  suggestions?: readonly string[];
  invalid?: boolean;
  describedBy?: string;
  lowerCase?: boolean;
  placeholder?: string;
  /** Where to find the workspace's values to offer (with counts) instead of plain suggestions. */
  source?: ValueSource;
  /** The name shown for a stored value ("PL" → "Poland"). */
  labelOf?(value: string): string;
  /** A typed value as it is stored ("Poland" → "PL"). */
  normalize?(typed: string): string;
}) {
  const [text, setText] = useState("");
  const listId = useId();
  const add = (raw: string) => {
    const trimmed = raw.trim();
    const v = trimmed && normalize(lowerCase ? trimmed.toLowerCase() : trimmed);
    if (v && !value.includes(v)) onChange([...value, v]);
    setText("");
  };
  const removeLast = () => value.length > 0 && onChange(value.slice(0, -1));
  return (
    <div className="min-w-48 flex-1 space-y-1.5">
      {value.length > 0 && (
        <ul className="flex flex-wrap gap-1.5" aria-label={`${label}: chosen values`}>
          {value.map((v) => {
            const name = labelOf(v);
            return (
              <li key={v} className="inline-flex items-center gap-1 rounded-full bg-brand-50 py-0.5 pr-1 pl-2.5 text-sm text-brand-700" title={name !== v ? v : undefined}>
                {name}
                <button type="button" onClick={() => onChange(value.filter((x) => x !== v))} aria-label={`Remove ${name}`} className="rounded-full p-0.5 hover:bg-brand-100 focus-visible:outline-2 focus-visible:outline-brand-600">
                  <X aria-hidden className="size-3.5" />
                </button>
              </li>
            );
          })}
        </ul>
      )}
      {source ? (
        <ValuePicker source={source} label={label} text={text} placeholder={placeholder} labelOf={labelOf} exclude={value}
          invalid={invalid} describedBy={describedBy}
          onTextChange={(v) => (v.endsWith(",") ? add(v.slice(0, -1)) : setText(v))}
          onPick={(v) => add(v)} onEnter={add} onBackspaceEmpty={removeLast} onBlur={() => text.trim() && add(text)} />
      ) : (
        <Input
          aria-label={label}
          aria-invalid={invalid || undefined}
          aria-describedby={describedBy}
          list={suggestions.length > 0 ? listId : undefined}
          value={text}
          placeholder={placeholder}
          onChange={(e) => {
            const v = e.target.value;
            if (v.endsWith(",")) add(v.slice(0, -1));
            else setText(v);
          }}
          onKeyDown={(e) => {
            if (e.key === "Enter") {
              e.preventDefault();
              add(text);
            } else if (e.key === "Backspace" && text === "") {
              removeLast();
            }
          }}
          onBlur={() => text.trim() && add(text)}
        />
      )}
      {!source && suggestions.length > 0 && (
        <datalist id={listId}>
          {suggestions.filter((s) => !value.includes(s)).map((s) => <option key={s} value={s} />)}
        </datalist>
      )}
    </div>
  );
}
