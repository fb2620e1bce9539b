"use client";

import { Columns3 } from "lucide-react";
import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent, DialogDescription, DialogFooter, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";

/** A column the chooser offers. */
export interface ChooserColumn {
  key: string;
  label: string;
}

/** Columns in one catalog group. */
export interface ChooserGroup {
  group: string;
  columns: ChooserColumn[];
}

// Keeps the current order of columns still chosen, then adds new ones in catalog order.
function orderedChoice(groups: readonly ChooserGroup[], current: readonly string[], checked: ReadonlySet<string>): string[] {
  const catalogOrder = groups.flatMap((g) => g.columns.map((c) => c.key));
  return [...current.filter((k) => checked.has(k)), ...catalogOrder.filter((k) => checked.has(k) && !current.includes(k))];
}

function ChooserForm({
  groups,
  selected,
  defaults,
  onApply,
}: {
  groups: readonly ChooserGroup[];
  selected: readonly string[];
  defaults: readonly string[];
  onApply: (keys: string[]) => void;
}) {
  const [checked, setChecked] = useState<ReadonlySet<string>>(() => new Set(selected));
  const [filter, setFilter] = useState("");
  const filterId = useId();
  const needle = filter.trim().toLowerCase();
  const visible = groups
    .map((g) => ({ ...g, columns: g.columns.filter((c) => !needle || c.label.toLowerCase().includes(needle) || c.key.toLowerCase().includes(needle)) }))
    .filter((g) => g.columns.length > 0);
  const toggle = (key: string, on: boolean) =>
    setChecked((prev) => {
      const next = new Set(prev);
      if (on) next.add(key);
      else next.delete(key);
      return next;
    });

  return (
    <form
      className="mt-4 space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        onApply(orderedChoice(groups, selected, checked));
      }}
    >
      <div>
        <label htmlFor={filterId} className="sr-only">
          Find a field
        </label>
        <Input id={filterId} type="search" placeholder="Find a field" value={filter} onChange={(e) => setFilter(e.target.value)} autoComplete="off" />
      </div>
      <div className="grid max-h-[50vh] gap-5 overflow-y-auto pr-1 sm:grid-cols-2">
        {visible.length === 0 && <p className="text-sm text-slate-500">No field matches “{filter.trim()}”.</p>}
        {visible.map((g) => (
          <fieldset key={g.group}>
            <legend className="text-xs font-medium tracking-wide text-slate-500 uppercase">{g.group}</legend>
            <div className="mt-2 space-y-1.5">
              {g.columns.map((c) => (
                <label key={c.key} className="flex items-center gap-2 text-sm text-slate-700">
                  <input type="checkbox" className="size-4 rounded border-slate-300 accent-brand-600" checked={checked.has(c.key)} onChange={(e) => toggle(c.key, e.target.checked)} />
                  {c.label}
                </label>
              ))}
            </div>
          </fieldset>
        ))}
      </div>
      <p className="text-xs text-slate-500">{checked.size === 0 ? "Only the name will be shown." : `${checked.size} chosen, besides the name.`}</p>
      <DialogFooter className="sm:justify-between">
        <Button variant="ghost" onClick={() => setChecked(new Set(defaults))}>
          Reset to default
        </Button>
        <div className="flex flex-col-reverse gap-2 sm:flex-row">
          <DialogClose asChild>
            <Button variant="secondary">Cancel</Button>
          </DialogClose>
          <Button type="submit">Apply</Button>
        </div>
      </DialogFooter>
    </form>
  );
}

/** "Columns": a dialog to choose which fields the table shows (custom fields included, archived ones not offered). */
export function ColumnChooser({
  groups,
  selected,
  defaults,
  onApply,
}: {
  groups: readonly ChooserGroup[];
  selected: readonly string[];
  defaults: readonly string[];
  onApply: (keys: string[]) => void;
}) {
  const [open, setOpen] = useState(false);
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button variant="secondary" size="sm">
          <Columns3 aria-hidden className="size-4" />
          Columns
        </Button>
      </DialogTrigger>
      <DialogContent className="max-w-2xl">
        <DialogTitle>Choose columns</DialogTitle>
        <DialogDescription>The name is always shown first. Your choice is part of the page&apos;s link and is remembered in this browser.</DialogDescription>
        <ChooserForm
          groups={groups}
          selected={selected}
          defaults={defaults}
          onApply={(keys) => {
            setOpen(false);
            onApply(keys);
          }}
        />
      </DialogContent>
    </Dialog>
  );
}
