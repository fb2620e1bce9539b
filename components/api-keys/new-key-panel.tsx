"use client";

import { Check, Copy } from "lucide-react";
import { useId, useRef, useState } from "react";
import type { CreatedKeyView } from "@/app/w/[workspace]/api-keys/actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { accessWarning } from "./access";

/** The secret of a key just created, shown once (only its hash is stored), with a copy button and a first request to try. */
export function NewKeyPanel({ created, origin, onDismiss }: { created: CreatedKeyView; origin: string; onDismiss: () => void }) {
  const inputId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<"yes" | "manual" | null>(null);
  const example = `curl -H "Authorization: Bearer ${created.secret}" "${origin}/api/v1/customers?limit=1"`;

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
    <Alert variant="warning" title={`API key “${created.name}” created`} aria-label="New API key">
      <div className="space-y-3">
        <p className="font-medium">
          Copy it now: you won&apos;t see it again. {accessWarning(created.access)}
        </p>
        <div className="flex flex-col gap-2 sm:flex-row">
          <label htmlFor={inputId} className="sr-only">
            API key {created.name}
          </label>
          <Input ref={input} id={inputId} readOnly value={created.secret} onFocus={(e) => e.currentTarget.select()} className="font-mono text-xs" data-testid="new-api-key" />
          <Button variant="secondary" onClick={copy} className="shrink-0">
            {copied === "yes" ? <Check aria-hidden className="size-4" /> : <Copy aria-hidden className="size-4" />}
            {copied === "yes" ? "Copied" : "Copy"}
          </Button>
        </div>
        <p aria-live="polite" className="text-xs">
          {copied === "yes" ? "The key is on your clipboard." : copied === "manual" ? "Copying was blocked by the browser: the key is selected, press Ctrl+C (⌘C)." : ""}
        </p>
        <div className="space-y-1">
          <p>Try it: this asks for one customer.</p>
          <pre className="rounded-md bg-slate-900 px-3 py-2 font-mono text-xs break-all whitespace-pre-wrap text-slate-100">
            <code>{example}</code>
          </pre>
        </div>
        <button type="button" onClick={onDismiss} className="text-xs font-medium underline">
          Done, I&apos;ve stored the key
        </button>
      </div>
    </Alert>
  );
}
