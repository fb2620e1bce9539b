import { buttonClasses } from "@/components/ui/button";
import { MAX_COMPARED, MIN_COMPARED } from "@/lib/dashboard/compare-limits";

/** Checkboxes of the workspace's segments; submitting loads the comparison (?ids=a&ids=b). */
export function ComparePicker({ segments, selected }: { segments: { id: string; name: string }[]; selected: readonly string[] }) {
  if (segments.length < MIN_COMPARED) {
    return <p className="text-sm text-slate-600">Comparing needs at least {MIN_COMPARED} saved segments; this workspace has {segments.length}.</p>;
  }
  return (
    <form method="get" className="space-y-3">
      <fieldset>
        <legend className="text-sm font-medium text-slate-700">
          Segments to compare ({MIN_COMPARED} to {MAX_COMPARED})
        </legend>
        <div className="mt-2 grid grid-cols-1 gap-2 sm:grid-cols-2 lg:grid-cols-3">
          {segments.map((s) => (
            <label key={s.id} className="flex items-center gap-2 rounded-md border border-slate-200 bg-white px-3 py-2 text-sm">
              <input type="checkbox" name="ids" value={s.id} defaultChecked={selected.includes(s.id)} className="size-4 accent-brand-600" />
              <span className="truncate">{s.name}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <button type="submit" className={buttonClasses({ variant: "primary" })}>
        Compare
      </button>
    </form>
  );
}
