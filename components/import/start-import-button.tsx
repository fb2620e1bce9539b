"use client";

import { useTransition } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { formatCount } from "@/lib/format";

/** Rows of the whole file and how many of them would fail, from the check of the mapping on screen. */
export interface CheckSummary {
  total: number;
  failing: number;
}

/**
 * The start button. It names what will happen: "Import 5 rows" when every row is fine, and
 * "Import 3 valid rows, skip 2?" with a confirmation when some would fail — it never runs past
 * failing rows without asking. `onStart(skipFailing)` answers an error message, or nothing.
 */
export function StartImportButton({ check, checking, blocked, onStart }: {
  check: CheckSummary | null;
  checking: boolean;
  blocked: boolean;
  onStart: (skipFailing?: number) => Promise<string | void>;
}) {
  const [starting, startTransition] = useTransition();
  if (blocked) return <Button disabled>Import</Button>;
  if (checking) {
    return (
      <Button disabled pending>
        Checking every row…
      </Button>
    );
  }
  // No check of the mapping on screen (the last change could not be saved): nothing to start yet.
  if (!check) return <Button disabled>Import</Button>;
  const valid = check.total - check.failing;
  if (check.failing === 0) {
    return (
      <Button pending={starting} onClick={() => startTransition(async () => void (await onStart()))}>
        {starting ? "Starting…" : `Import ${formatCount(check.total)} ${check.total === 1 ? "row" : "rows"}`}
      </Button>
    );
  }
  if (valid === 0) return <Button disabled>No row can be imported as mapped</Button>;
  const question = `Import ${formatCount(valid)} valid ${valid === 1 ? "row" : "rows"}, skip ${formatCount(check.failing)}?`;
  return (
    <ConfirmDialog
      trigger={<Button>{question}</Button>}
      title={question}
      description={
        <>
          {formatCount(check.failing)} of {formatCount(check.total)} rows have problems: the preview marks them, and after the import the error report lists each
          with its reason. They are skipped; the other {formatCount(valid)} are imported. To import them too, fix the mapping or the file first.
        </>
      }
      confirmLabel={`Import ${formatCount(valid)}, skip ${formatCount(check.failing)}`}
      variant="primary"
      onConfirm={() => onStart(check.failing)}
    />
  );
}
