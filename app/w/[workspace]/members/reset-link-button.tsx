"use client";

import { Check, Copy, KeyRound } from "lucide-react";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Dialog, DialogClose, DialogContent, DialogDescription, DialogFooter, DialogTitle } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { issueResetLinkAction } from "./reset-link-actions";

interface IssuedLink {
  url: string;
  expiresAtIso: string;
  email: string;
  emailed: boolean;
}

const UNREACHABLE = { ok: false as const, error: "Could not reach the server. No link was created; try again." };

/** "Reset link" for another member: asks first, then shows the one-time link once, with Copy. */
export function ResetLinkButton({ workspace, userId, who, email }: { workspace: string; userId: string; who: string; email: string }) {
  const [issued, setIssued] = useState<IssuedLink | null>(null);
  const [copied, setCopied] = useState<"yes" | "failed" | null>(null);

  async function issue(): Promise<string | void> {
    const result = await issueResetLinkAction({ workspace, userId }).catch(() => UNREACHABLE);
    if (!result.ok) return result.error;
    setCopied(null);
    setIssued(result.data);
  }

  async function copy() {
    if (!issued) return;
    try {
      await navigator.clipboard.writeText(issued.url);
      setCopied("yes");
    } catch {
      setCopied("failed");
    }
  }

  const until = issued ? new Date(issued.expiresAtIso).toLocaleTimeString(undefined, { hour: "2-digit", minute: "2-digit" }) : "";
  return (
    <>
      <ConfirmDialog
        trigger={
          <Button variant="ghost" size="sm" aria-label={`Reset link for ${who}`}>
            <KeyRound aria-hidden className="size-4" />
            <span>Reset link</span>
          </Button>
        }
        title={`Create a password reset link for ${who}?`}
        description={`Whoever opens the link can set a new password for ${email} and signs them out everywhere. It works once, for one hour. Give it only to ${who}.`}
        confirmLabel="Create link"
        variant="primary"
        onConfirm={issue}
      />
      <Dialog open={issued !== null} onOpenChange={(open) => !open && setIssued(null)}>
        <DialogContent>
          <DialogTitle>Reset link for {who}</DialogTitle>
          <DialogDescription>
            Shown only now: copy it and send it to {issued?.email} yourself. It works once, until {until}.
          </DialogDescription>
          {issued?.emailed && (
            <Alert variant="success" className="mt-4">
              The link was also e-mailed to {issued.email}.
            </Alert>
          )}
          <div className="mt-4 flex gap-2">
            <Input readOnly aria-label="Reset link" value={issued?.url ?? ""} onFocus={(e) => e.currentTarget.select()} className="font-mono text-xs" />
            <Button variant="secondary" onClick={copy} aria-label="Copy the reset link">
              {copied === "yes" ? <Check aria-hidden className="size-4" /> : <Copy aria-hidden className="size-4" />}
              {copied === "yes" ? "Copied" : "Copy"}
            </Button>
          </div>
          {copied === "failed" && (
            <p role="alert" className="mt-2 text-xs text-red-700">
              This browser did not allow copying: select the link and copy it by hand.
            </p>
          )}
          <DialogFooter>
            <DialogClose asChild>
              <Button>Done</Button>
            </DialogClose>
          </DialogFooter>
        </DialogContent>
      </Dialog>
    </>
  );
}
