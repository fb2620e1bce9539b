"use client";

import { Check, Copy } from "lucide-react";
import { useId, useRef, useState } from "react";
import type { NewSecretView } from "@/app/w/[workspace]/webhooks/actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";

/** A signing secret just made, shown once (it is stored, but never shown again), with a copy button and a plain warning. */
export function SecretPanel({ created, onDismiss }: { created: NewSecretView; onDismiss: () => void }) {
  const inputId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<"yes" | "manual" | null>(null);

  async function copy() {
    try {
      await navigator.clipboard.writeText(created.secret);
      setCopied("yes");
    } catch {
      input.current?.select();
      setCopied("manual");
    }
  }

  return (
    <Alert variant="warning" title={created.rotated ? "New signing secret" : "Endpoint added: its signing secret"} aria-label="Signing secret">
      <div className="space-y-3">
        <p className="font-medium">
          Copy it now: you won&apos;t see it again. Your receiver uses it to check that messages come from Segmenta; anyone who has it can forge them, so keep it
          out of code and chat.
        </p>
        {created.rotated && <p>The previous secret keeps signing beside this one for 24 hours, so you can switch your receiver without losing a message.</p>}
        <div className="flex flex-col gap-2 sm:flex-row">
          <label htmlFor={inputId} className="sr-only">
            Signing secret of {created.url}
          </label>
          <Input ref={input} id={inputId} readOnly value={created.secret} onFocus={(e) => e.currentTarget.select()} className="font-mono text-xs" data-testid="webhook-secret" />
          <Button variant="secondary" onClick={copy} className="shrink-0">
            {copied === "yes" ? <Check aria-hidden className="size-4" /> : <Copy aria-hidden className="size-4" />}
            {copied === "yes" ? "Copied" : "Copy"}
          </Button>
        </div>
        <p aria-live="polite" className="text-xs">
          {copied === "yes" ? "The secret is on your clipboard." : copied === "manual" ? "Copying was blocked by the browser: the secret is selected, press Ctrl+C (⌘C)." : ""}
        </p>
        <button type="button" onClick={onDismiss} className="text-xs font-medium underline">
          Done, I&apos;ve stored the secret
        </button>
      </div>
    </Alert>
  );
}
