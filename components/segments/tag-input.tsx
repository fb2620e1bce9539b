"use client";

import { X } from "lucide-react";
import { useId, useState } from "react";
import { Input } from "@/components/ui/input";

/** A list of free-text values: type and press Enter (or a comma) to add, remove each with its button. */
export function TagInput({
  value, onChange, label, suggestions = [], invalid, describedBy, lowerCase = false, placeholder = "Type a value and press Enter",
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
}) {
  const [text, setText] = useState("");
  const listId = useId();
  const add = (raw: string) => {
    const v = (lowerCase ? raw.toLowerCase() : raw).trim();
    if (v && !value.includes(v)) onChange([...value, v]);
    setText("");
  };
  return (
    <div className="min-w-48 flex-1 space-y-1.5">
      {value.length > 0 && (
        <ul className="flex flex-wrap gap-1.5" aria-label={`${label}: chosen values`}>
          {value.map((v) => (
            <li key={v} className="inline-flex items-center gap-1 rounded-full bg-brand-50 py-0.5 pr-1 pl-2.5 text-sm text-brand-700">
              {v}
              <button type="button" onClick={() => onChange(value.filter((x) => x !== v))} aria-label={`Remove ${v}`} className="rounded-full p-0.5 hover:bg-brand-100 focus-visible:outline-2 focus-visible:outline-brand-600">
                <X aria-hidden className="size-3.5" />
              </button>
            </li>
          ))}
        </ul>
      )}
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
          } else if (e.key === "Backspace" && text === "" && value.length > 0) {
            onChange(value.slice(0, -1));
          }
        }}
        onBlur={() => text.trim() && add(text)}
      />
      {suggestions.length > 0 && (
        <datalist id={listId}>
          {suggestions.filter((s) => !value.includes(s)).map((s) => <option key={s} value={s} />)}
        </datalist>
      )}
    </div>
  );
}
