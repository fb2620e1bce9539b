import { BarChart3, ListFilter, Users } from "lucide-react";
import Link from "next/link";
import { cn } from "@/components/ui/cn";

/** The pages of one saved segment. */
export type SegmentTab = "rules" | "dashboard" | "members";

const TABS: readonly { key: SegmentTab; label: string; path: string; icon: typeof Users }[] = [
  { key: "rules", label: "Rules", path: "", icon: ListFilter },
  { key: "dashboard", label: "Dashboard", path: "/dashboard", icon: BarChart3 },
  { key: "members", label: "Members", path: "/members", icon: Users },
];

/** Rules / Dashboard / Members: the tab bar at the top of each page of a saved segment (links, so each is its own URL). */
export function SegmentTabs({ workspace, segmentId, current }: { workspace: string; segmentId: string; current: SegmentTab }) {
  const base = `/w/${workspace}/segments/${segmentId}`;
  return (
    <nav aria-label="Segment pages" className="-mx-1 overflow-x-auto border-b border-slate-200">
      <ul className="flex min-w-max gap-1 px-1">
        {TABS.map(({ key, label, path, icon: Icon }) => {
          const active = key === current;
          return (
            <li key={key}>
              <Link
                href={`${base}${path}`}
                aria-current={active ? "page" : undefined}
                className={cn(
                  "-mb-px inline-flex items-center gap-2 rounded-t-md border-b-2 px-3 py-2.5 text-sm font-medium transition-colors",
                  "focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-brand-600",
                  active ? "border-brand-600 text-brand-700" : "border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-900",
                )}
              >
                <Icon aria-hidden className="size-4" />
                {label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
