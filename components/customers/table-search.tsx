"use client";

import { Loader2, Search, X } from "lucide-react";
import { useEffect, useRef, useState } from "react";
import { controlClasses } from "@/components/ui/input";
import { cn } from "@/components/ui/cn";
import { LIST_SEARCH_MAX_LENGTH } from "@/lib/customers/list-schemas";

const DEBOUNCE_MS = 300;

/**
 * The quick search box. It shows what the URL says unless the person is typing: their draft is
 * kept until the URL catches up with it, then the URL is the source again (so Back, or a "Clear
 * search" link elsewhere, shows in the box). Typing searches after a short pause; Enter at once.
 */
export function TableSearch({ value, onSearch, pending, label = "Search customers" }: { value: string; onSearch: (text: string) => void; pending: boolean; label?: string }) {
  const [draft, setDraft] = useState<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  // The URL has caught up with the draft: stop overriding it.
  if (draft !== null && draft === value) setDraft(null);
  const shown = draft ?? value;

  useEffect(() => () => clearTimeout(timer.current), []);

  const searchNow = (text: string) => {
    clearTimeout(timer.current);
    if (text !== value) onSearch(text);
  };
  const change = (text: string) => {
    setDraft(text);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => searchNow(text), DEBOUNCE_MS);
  };
  const clear = () => {
    setDraft("");
    searchNow("");
  };

  return (
    <form
      role="search"
      className="relative w-full sm:max-w-sm"
      onSubmit={(e) => {
        e.preventDefault();
        searchNow(shown);
      }}
    >
      <label htmlFor="customer-search" className="sr-only">
        {label}
      </label>
      <Search aria-hidden className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-slate-400" />
      <input
        id="customer-search"
        type="search"
        value={shown}
        maxLength={LIST_SEARCH_MAX_LENGTH}
        onChange={(e) => change(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === "Escape" && shown) {
            e.preventDefault();
            clear();
          }
        }}
        placeholder="Search name, email, company or ID"
        autoComplete="off"
        spellCheck={false}
        className={cn(controlClasses, "h-9 pr-9 pl-9 [&::-webkit-search-cancel-button]:hidden")}
      />
      {pending ? (
        <Loader2 aria-label="Searching" className="absolute top-1/2 right-3 size-4 -translate-y-1/2 animate-spin text-slate-400" />
      ) : (
        shown && (
          <button type="button" onClick={clear} aria-label="Clear search" className="absolute top-1/2 right-2 -translate-y-1/2 rounded p-1 text-slate-400 hover:text-slate-700 focus-visible:outline-2 focus-visible:outline-brand-600">
            <X aria-hidden className="size-4" />
          </button>
        )
      )}
    </form>
  );
}
