"use client";

import { GitCompare } from "lucide-react";
import { useRouter } from "next/navigation";
import { createContext, use, useState } from "react";
import { Button } from "@/components/ui/button";
import { MAX_COMPARED, MIN_COMPARED } from "@/lib/dashboard/compare-limits";

interface Selection {
  selected: readonly string[];
  toggle: (id: string, on: boolean) => void;
}

const SelectionContext = createContext<Selection | null>(null);

function useSelection(): Selection {
  const selection = use(SelectionContext);
  if (!selection) throw new Error("Compare controls must sit inside <CompareSelection>.");
  return selection;
}

/** Holds which segments of the list are ticked for comparison (in the order they were ticked). */
export function CompareSelection({ children }: { children: React.ReactNode }) {
  const [selected, setSelected] = useState<readonly string[]>([]);
  const toggle = (id: string, on: boolean) => setSelected((prev) => (on ? (prev.includes(id) ? prev : [...prev, id]) : prev.filter((x) => x !== id)));
  return <SelectionContext value={{ selected, toggle }}>{children}</SelectionContext>;
}

/** A row's "compare this one" checkbox. */
export function CompareCheckbox({ id, name }: { id: string; name: string }) {
  const { selected, toggle } = useSelection();
  const checked = selected.includes(id);
  return (
    <input
      type="checkbox"
      aria-label={`Select ${name} to compare`}
      className="size-4 rounded border-slate-300 accent-brand-600"
      checked={checked}
      onChange={(e) => toggle(id, e.target.checked)}
    />
  );
}

/** "Compare (3)": opens the comparison of the ticked segments; says what is missing while it cannot. */
export function CompareButton({ workspace }: { workspace: string }) {
  const { selected } = useSelection();
  const router = useRouter();
  const n = selected.length;
  const hint = n < MIN_COMPARED ? `Tick ${MIN_COMPARED} to ${MAX_COMPARED} segments to compare them.` : n > MAX_COMPARED ? `Compare at most ${MAX_COMPARED} segments: untick ${n - MAX_COMPARED}.` : null;
  return (
    <div className="flex flex-wrap items-center gap-3">
      <Button
        variant={hint ? "secondary" : "primary"}
        disabled={hint !== null}
        aria-describedby={hint ? "compare-hint" : undefined}
        onClick={() => router.push(`/w/${workspace}/segments/compare?ids=${selected.join(",")}`)}
      >
        <GitCompare aria-hidden className="size-4" />
        Compare{n > 0 ? ` (${n})` : ""}
      </Button>
      {hint && (
        <p id="compare-hint" className="text-sm text-slate-500" aria-live="polite">
          {hint}
        </p>
      )}
    </div>
  );
}
