"use client";

import { useId, useState, useSyncExternalStore } from "react";
import { Input } from "@/components/ui/input";
import type { FieldControlProps } from "@/components/ui/field";
import { decimalMarkOf, formatNumber, languageName, notANumberMessage, readNumber } from "@/lib/customers/numbers";

const noSubscription = () => () => {};

/** The browser's language, which decides how numbers are typed; null while rendering on the server. */
export function useBrowserLocale(): string | null {
  return useSyncExternalStore(noSubscription, () => navigator.language, () => null);
}

/** A stored number ("54700.5") as typed in the locale: only the decimal mark changes ("54700,5"). */
function asTyped(stored: string, locale: string | null): string {
  return decimalMarkOf(locale ?? undefined) === "," ? stored.replace(".", ",") : stored;
}

/**
 * A number typed the way the person's language writes it (the browser's: "54,700" or "54 700" is
 * 54700 in English, "54.700" in German), with the value it will be saved as shown under it as they
 * type ("Saved as 54,700.00"). The server reads the text with the same locale (sent with the form).
 */
export function NumberInput({ control, defaultValue, money = false }: { control: FieldControlProps; defaultValue: string; money?: boolean }) {
  const locale = useBrowserLocale();
  const [typed, setTyped] = useState<string | null>(null);
  const hintId = useId();
  const text = typed ?? asTyped(defaultValue, locale);
  const mark = decimalMarkOf(locale ?? undefined);
  const read = text.trim() === "" ? null : readNumber(text, mark);
  let hint: string | null = null;
  if (read) hint = `Saved as ${formatNumber(read.value, locale ?? undefined, { money })}`;
  // A refused value's message is the field's error already; say it once.
  else if (text.trim() !== "" && typed !== null && !control["aria-invalid"]) hint = notANumberMessage(text.trim(), mark, `${languageName(locale ?? undefined) ?? "English"} format`);
  const describedBy = [control["aria-describedby"], hint ? hintId : null].filter(Boolean).join(" ") || undefined;
  return (
    <>
      <Input {...control} aria-describedby={describedBy} inputMode="decimal" defaultValue={asTyped(defaultValue, locale)} autoComplete="off" onChange={(e) => setTyped(e.target.value)} />
      <p id={hintId} aria-live="polite" className={read ? "text-xs text-slate-600" : "text-xs text-amber-700"}>
        {hint}
      </p>
    </>
  );
}
