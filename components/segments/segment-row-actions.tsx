"use client";

import { Copy, Trash2 } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { deleteSegmentAction, duplicateSegmentAction } from "@/app/w/[workspace]/segments/actions";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";

/** Duplicate and delete (with confirmation) of one segment of the list. */
export function SegmentRowActions({ workspace, id, name }: { workspace: string; id: string; name: string }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="flex items-center justify-end gap-1">
      <Button variant="ghost" size="sm" aria-label={`Duplicate ${name}`} pending={pending}
        onClick={() => start(async () => {
          setError(null);
          const result = await duplicateSegmentAction({ workspace, id });
          if (!result.ok) setError(result.error);
          else router.push(`/w/${workspace}/segments/${result.data.id}`);
        })}>
        <Copy aria-hidden className="size-4" />
      </Button>
      <ConfirmDialog
        trigger={<Button variant="ghost" size="sm" aria-label={`Delete ${name}`}><Trash2 aria-hidden className="size-4" /></Button>}
        title={`Delete "${name}"?`}
        description="The segment's rules are deleted for everyone in the workspace. Customers are not affected."
        confirmLabel="Delete segment"
        onConfirm={async () => {
          const result = await deleteSegmentAction({ workspace, id });
          if (!result.ok) return result.error;
          router.refresh();
        }}
      />
      {error && <p role="alert" className="text-sm text-red-700">{error}</p>}
    </div>
  );
}
