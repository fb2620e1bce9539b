import { Plus, Upload, Users } from "lucide-react";
import Link from "next/link";
import { Button, buttonClasses } from "@/components/ui/button";
import { Card } from "@/components/ui/card";

/** The workspace has no customers yet: say how to get some (or who can). */
export function EmptyWorkspace({ base, can }: { base: string; can: { write: boolean; import: boolean } }) {
  return (
    <Card className="px-6 py-14 text-center">
      <Users aria-hidden className="mx-auto size-10 text-slate-300" />
      <h2 className="mt-3 text-base font-semibold text-slate-900">No customers yet</h2>
      {can.import || can.write ? (
        <>
          <p className="mx-auto mt-1 max-w-md text-sm text-slate-500">Import a CSV file from your shop, CRM or newsletter tool, or add customers one by one.</p>
          <div className="mt-5 flex flex-wrap justify-center gap-2">
            {can.import && (
              <Link href={`${base}/import`} className={buttonClasses()}>
                <Upload aria-hidden className="size-4" />
                Import customers
              </Link>
            )}
            {can.write && (
              <Link href={`${base}/new`} className={buttonClasses({ variant: can.import ? "secondary" : "primary" })}>
                <Plus aria-hidden className="size-4" />
                New customer
              </Link>
            )}
          </div>
        </>
      ) : (
        <p className="mx-auto mt-1 max-w-md text-sm text-slate-500">Customers appear here once an editor or admin of this workspace imports or adds them.</p>
      )}
    </Card>
  );
}

/** A search that matches no one. */
export function NoMatches({ search, onClear }: { search: string; onClear: () => void }) {
  return (
    <div className="space-y-3">
      <p>
        No customers match “<span className="font-medium text-slate-700">{search}</span>”. Search looks in names, emails, companies and external IDs.
      </p>
      <Button variant="secondary" size="sm" onClick={onClear}>
        Clear search
      </Button>
    </div>
  );
}

/** A page number beyond the last page (an old link, or customers were deleted meanwhile). */
export function PastTheEnd({ onFirstPage }: { onFirstPage: () => void }) {
  return (
    <div className="space-y-3">
      <p>This page is past the end of the list.</p>
      <Button variant="secondary" size="sm" onClick={onFirstPage}>
        Go to the first page
      </Button>
    </div>
  );
}

/** A segment (or "not in" filter) with nobody in it today. */
export function NoMembers({ segmentName, exclude, onClear }: { segmentName: string; exclude: boolean; onClear?: () => void }) {
  return (
    <div className="space-y-3">
      <p>
        {exclude ? "Every customer is in " : "No customer matches the rules of "}
        <span className="font-medium text-slate-700">“{segmentName}”</span> today.
      </p>
      {onClear && (
        <Button variant="secondary" size="sm" onClick={onClear}>
          Show all customers
        </Button>
      )}
    </div>
  );
}
