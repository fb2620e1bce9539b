"use client";

import { Check, Copy } from "lucide-react";
import { useId, useRef, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { roleWithArticle } from "@/lib/auth/permissions";
import type { IssuedLink } from "./actions";

function deliveryText(issued: ShownLink): string {
  switch (issued.delivery) {
    case "sent":
      return `We e-mailed this link to ${issued.email}. You can also copy it and send it yourself.`;
    case "failed":
      return `The e-mail to ${issued.email} could not be sent: copy the link and send it yourself.`;
    case "not_configured":
      return "E-mail is not set up on this server: copy the link and send it yourself.";
  }
}

/** A link to show, and whether it was already put on the clipboard. */
export type ShownLink = IssuedLink & { copied?: boolean };

/** The link just issued, shown once (only its hash is stored), with a copy button and how it was delivered. */
export function IssuedLinkPanel({ issued, onDismiss }: { issued: ShownLink; onDismiss: () => void }) {
  const inputId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<"yes" | "manual" | null>(issued.copied ? "yes" : null);

  async function copy() {
    try {
      await navigator.clipboard.writeText(issued.link);
      setCopied("yes");
    } catch {
      input.current?.select();
      setCopied("manual");
    }
  }

  const title = issued.renewed ? `New invitation link for ${issued.email}` : `Invitation for ${issued.email} created`;
  return (
    <Alert variant={issued.delivery === "failed" ? "warning" : "success"} title={title}>
      <div className="space-y-3">
        <p>
          They join as {roleWithArticle(issued.role)} when they accept. The link works once and expires in 7 days
          {issued.renewed ? "; earlier links for this address no longer work" : ""}. It is shown only now.
        </p>
        <p className="font-medium">{deliveryText(issued)}</p>
        <div className="flex flex-col gap-2 sm:flex-row">
          <label htmlFor={inputId} className="sr-only">
            Invitation link for {issued.email}
          </label>
          <Input ref={input} id={inputId} readOnly value={issued.link} onFocus={(e) => e.currentTarget.select()} className="font-mono text-xs" />
          <Button variant="secondary" onClick={copy} className="shrink-0">
            {copied === "yes" ? <Check aria-hidden className="size-4" /> : <Copy aria-hidden className="size-4" />}
            {copied === "yes" ? "Copied" : "Copy link"}
          </Button>
        </div>
        <p aria-live="polite" className="text-xs">
          {copied === "yes" ? "The link is on your clipboard." : copied === "manual" ? "Copying was blocked by the browser: the link is selected, press Ctrl+C (⌘C)." : ""}
        </p>
        <button type="button" onClick={onDismiss} className="text-xs font-medium underline">
          Done, hide the link
        </button>
      </div>
    </Alert>
  );
}
