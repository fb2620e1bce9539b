"use client";

import { useId, useRef, useState } from "react";
import { Input } from "@/components/ui/input";
import { cn } from "@/components/ui/cn";
import { formatCount } from "@/lib/format";
import type { ValueSource } from "@/lib/segments/value-schemas";
import { useValues } from "./use-values";

/** Options shown at once; typing narrows the rest. */
const SHOWN = 60;

const fold = (s: string) => s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();

/**
 * A text box with the workspace's own values of a source (name, code and how many customers have
 * each), searchable by name or code. ARIA 1.2 combobox: arrows move, Enter picks, Escape closes;
 * Enter with nothing highlighted hands the typed text to onEnter (typed values stay allowed).
 */
export function ValuePicker({
  source, label, text, onTextChange, onPick, onEnter, onBlur, onBackspaceEmpty, labelOf = (v) => v, exclude = [],
  invalid, describedBy, placeholder, className, inputRef,
}: {
  source: ValueSource;
  /** Accessible name of the text box. */
  label: string;
  text: string;
  onTextChange(text: string): void;
  onPick(value: string): void;
  onEnter?(text: string): void;
  onBlur?(): void;
  onBackspaceEmpty?(): void;
  /** The name of a stored value ("PL" → "Poland"). */
  labelOf?(value: string): string;
  /** Values not to offer (already chosen). */
  exclude?: readonly string[];
  invalid?: boolean;
  describedBy?: string;
  placeholder?: string;
  className?: string;
  inputRef?: React.Ref<HTMLInputElement>;
}) {
  const listId = useId();
  const [open, setOpen] = useState(false);
  const [filtering, setFiltering] = useState(false);
  const [active, setActive] = useState(-1);
  const wrapper = useRef<HTMLDivElement>(null);
  const query = filtering ? text.trim() : "";
  const { values, loading, error } = useValues(source, query, open);
  const q = fold(query);
  const matches = values.filter((v) => !exclude.includes(v.value) && (!q || fold(v.value).includes(q) || fold(labelOf(v.value)).includes(q)));
  const shown = matches.slice(0, SHOWN);
  const expanded = open && (shown.length > 0 || loading || !!error || !!query);

  const close = () => {
    setOpen(false);
    setActive(-1);
    setFiltering(false);
  };
  const pick = (value: string) => {
    onPick(value);
    close();
  };
  const onKeyDown = (e: React.KeyboardEvent<HTMLInputElement>) => {
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      if (!open) return setOpen(true);
      const n = shown.length;
      if (n > 0) setActive((i) => (e.key === "ArrowDown" ? (i + 1) % n : i <= 0 ? n - 1 : i - 1));
    } else if (e.key === "Enter") {
      e.preventDefault();
      if (open && active >= 0 && shown[active]) pick(shown[active].value);
      else {
        onEnter?.(text);
        close();
      }
    } else if (e.key === "Escape") {
      if (open) {
        e.preventDefault();
        e.stopPropagation();
        close();
      }
    } else if (e.key === "Backspace" && text === "") {
      onBackspaceEmpty?.();
    }
  };

  return (
    <div ref={wrapper} className={cn("relative min-w-40 flex-1", className)}
      onBlur={(e) => {
        if (wrapper.current?.contains(e.relatedTarget as Node | null)) return;
        close();
        onBlur?.();
      }}>
      <Input
        ref={inputRef}
        role="combobox"
        aria-label={label}
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={expanded ? listId : undefined}
        aria-activedescendant={expanded && active >= 0 && shown[active] ? `${listId}-${active}` : undefined}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy}
        autoComplete="off"
        placeholder={placeholder}
        value={text}
        onFocus={() => setOpen(true)}
        onClick={() => setOpen(true)}
        onChange={(e) => {
          onTextChange(e.target.value);
          setOpen(true);
          setFiltering(true);
          setActive(-1);
        }}
        onKeyDown={onKeyDown}
      />
      {expanded && (
        <div className="absolute top-full left-0 z-30 mt-1 w-full rounded-md sm:min-w-64 border border-slate-200 bg-white py-1 shadow-lg">
          <ul id={listId} role="listbox" aria-label={`${label}: values in this workspace`} className="max-h-64 overflow-y-auto">
            {shown.map((v, i) => {
              const name = labelOf(v.value);
              return (
                <li key={v.value} id={`${listId}-${i}`} role="option" aria-selected={i === active}
                  aria-label={`${name}${name !== v.value ? ` (${v.value})` : ""}, ${formatCount(v.count)} ${v.count === 1 ? "customer" : "customers"}`}
                  className={cn("flex cursor-pointer items-baseline gap-2 px-3 py-1.5 text-sm", i === active ? "bg-brand-50 text-brand-800" : "text-slate-800 hover:bg-slate-50")}
                  onMouseDown={(e) => e.preventDefault()} onMouseEnter={() => setActive(i)} onClick={() => pick(v.value)}>
                  <span className="min-w-0 flex-1 truncate">
                    {name}
                    {name !== v.value && <span className="ml-1.5 text-xs text-slate-600">{v.value}</span>}
                  </span>
                  <span className="shrink-0 text-xs text-slate-600 tabular-nums">
                    {formatCount(v.count)}
                  </span>
                </li>
              );
            })}
          </ul>
          {(loading || error || shown.length === 0 || matches.length > shown.length) && (
            <p className="px-3 py-1.5 text-xs text-slate-600">
              {loading ? "Loading values…"
                : error ? error
                : shown.length === 0 ? (onEnter ? `No customer has a value like "${query}". Press Enter to use it anyway.` : `No customer has a value like "${query}".`)
                : `${formatCount(matches.length - shown.length)} more: type to narrow.`}
            </p>
          )}
        </div>
      )}
    </div>
  );
}
