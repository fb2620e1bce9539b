"use client";

import { ArrowDown, ArrowUp, Plus, Trash2 } from "lucide-react";
import { useRouter } from "next/navigation";
import { useId, useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import type { ActionResult } from "@/lib/errors";
import type { RfmRule } from "@/lib/rfm/rules";

type Measure = "recency" | "frequency" | "monetary";
const MEASURES: { key: Measure; label: string }[] = [
  { key: "recency", label: "R" },
  { key: "frequency", label: "F" },
  { key: "monetary", label: "M" },
];
const SCORES = [1, 2, 3, 4, 5];

interface Row extends RfmRule {
  uid: number;
}

const copyRules = (list: readonly RfmRule[], firstUid: number): Row[] =>
  list.map((r, i) => ({ ...r, recency: [...r.recency], frequency: [...r.frequency], monetary: [...r.monetary], uid: firstUid + i }));

/**
 * The admin's editor of the RFM rule set: names, descriptions, score ranges and order. Rules apply
 * top to bottom, the first match wins; errors from the server appear at their field.
 */
export function RuleSetEditor({ workspace, rules, defaults, action }: {
  workspace: string;
  rules: RfmRule[];
  defaults: readonly RfmRule[];
  action: (input: { workspace: string; rules: unknown[] }) => Promise<ActionResult<{ rules: number }>>;
}) {
  const router = useRouter();
  const baseId = useId();
  const [rows, setRows] = useState<Row[]>(() => copyRules(rules, 0));
  const [uidCounter, setUidCounter] = useState(rules.length);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const [pending, startTransition] = useTransition();
  // When the stored rules change from elsewhere (a preset chosen above), show them; a save of this
  // form stores what it shows, so that reset changes nothing visible and keeps the message.
  const [shown, setShown] = useState(() => JSON.stringify(rules));
  if (shown !== JSON.stringify(rules)) {
    setShown(JSON.stringify(rules));
    setRows(copyRules(rules, uidCounter));
    setUidCounter(uidCounter + rules.length);
    setFieldErrors({});
  }

  const update = (i: number, patch: Partial<RfmRule>) => setRows((rs) => rs.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const move = (i: number, by: number) => setRows((rs) => {
    const out = [...rs];
    const [row] = out.splice(i, 1);
    out.splice(i + by, 0, row);
    return out;
  });
  const error = (i: number, field: string) => fieldErrors[`rules.${i}.${field}`];

  const save = () =>
    startTransition(async () => {
      const payload = rows.map((r) => ({ name: r.name, recency: r.recency, frequency: r.frequency, monetary: r.monetary, ...(r.description ? { description: r.description } : {}) }));
      const res = await action({ workspace, rules: payload });
      if (res.ok) {
        setFieldErrors({});
        setResult({ ok: true, text: `Saved ${res.data.rules} rules; segments were re-assigned.` });
        router.refresh();
      } else {
        setFieldErrors(res.fieldErrors ?? {});
        setResult({ ok: false, text: res.fieldErrors?.rules ?? res.error });
      }
    });

  return (
    <form
      aria-label="RFM segment rules"
      className="space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        save();
      }}
    >
      <p className="text-sm text-slate-600">
        Rules apply from top to bottom; a customer gets the first segment whose three score ranges all hold (inclusive), and &ldquo;Others&rdquo; when none does.
      </p>
      <ol className="space-y-3">
        {rows.map((row, i) => (
          <li key={row.uid} className="rounded-md border border-slate-200 bg-white p-3">
            <fieldset>
              <legend className="sr-only">Rule {i + 1}</legend>
              <div className="flex flex-wrap items-start gap-3">
                <span className="mt-2 w-6 text-right text-sm font-medium text-slate-500">{i + 1}.</span>
                <div className="min-w-48 flex-1">
                  <label htmlFor={`${baseId}-name-${row.uid}`} className="block text-xs font-medium text-slate-600">Segment name</label>
                  <Input
                    id={`${baseId}-name-${row.uid}`}
                    value={row.name}
                    onChange={(e) => update(i, { name: e.target.value })}
                    aria-invalid={error(i, "name") ? true : undefined}
                    aria-describedby={error(i, "name") ? `${baseId}-name-${row.uid}-error` : undefined}
                  />
                  {error(i, "name") && <p id={`${baseId}-name-${row.uid}-error`} className="mt-1 text-xs text-red-700">{error(i, "name")}</p>}
                </div>
                {MEASURES.map(({ key, label }) => {
                  const message = error(i, key);
                  const errorId = `${baseId}-${key}-${row.uid}-error`;
                  return (
                    <fieldset key={key} className="min-w-36" aria-describedby={message ? errorId : undefined}>
                      <legend className="block text-xs font-medium text-slate-600">{label} score range</legend>
                      <div className="flex items-center gap-1">
                        {[0, 1].map((end) => (
                          <Select
                            key={end}
                            controlSize="sm"
                            aria-label={`${row.name || `Rule ${i + 1}`} ${label} ${end === 0 ? "from" : "to"}`}
                            aria-invalid={message ? true : undefined}
                            value={row[key][end]}
                            onChange={(e) => {
                              const range: [number, number] = [...row[key]];
                              range[end] = Number(e.target.value);
                              update(i, { [key]: range });
                            }}
                          >
                            {SCORES.map((s) => <option key={s} value={s}>{s}</option>)}
                          </Select>
                        ))}
                      </div>
                      {message && <p id={errorId} className="mt-1 text-xs text-red-700">{message}</p>}
                    </fieldset>
                  );
                })}
                <div className="mt-5 flex gap-1">
                  <Button variant="ghost" size="sm" aria-label={`Move ${row.name || `rule ${i + 1}`} up`} disabled={i === 0} onClick={() => move(i, -1)}><ArrowUp aria-hidden className="size-4" /></Button>
                  <Button variant="ghost" size="sm" aria-label={`Move ${row.name || `rule ${i + 1}`} down`} disabled={i === rows.length - 1} onClick={() => move(i, 1)}><ArrowDown aria-hidden className="size-4" /></Button>
                  <Button variant="ghost" size="sm" aria-label={`Remove ${row.name || `rule ${i + 1}`}`} onClick={() => setRows((rs) => rs.filter((_, j) => j !== i))}><Trash2 aria-hidden className="size-4" /></Button>
                </div>
              </div>
              <div className="mt-2 ml-9">
                <label htmlFor={`${baseId}-desc-${row.uid}`} className="sr-only">Description of {row.name || `rule ${i + 1}`}</label>
                <Input
                  id={`${baseId}-desc-${row.uid}`}
                  className="h-8 text-xs"
                  placeholder="Description (optional)"
                  value={row.description ?? ""}
                  onChange={(e) => update(i, { description: e.target.value })}
                  aria-invalid={error(i, "description") ? true : undefined}
                />
                {error(i, "description") && <p className="mt-1 text-xs text-red-700">{error(i, "description")}</p>}
              </div>
            </fieldset>
          </li>
        ))}
      </ol>
      {result && <Alert variant={result.ok ? "success" : "error"}>{result.text}</Alert>}
      <div className="flex flex-wrap gap-2">
        <Button
          variant="secondary"
          onClick={() => {
            setRows((rs) => [...rs, { uid: uidCounter, name: "", recency: [1, 5], frequency: [1, 5], monetary: [1, 5] }]);
            setUidCounter((u) => u + 1);
          }}
        >
          <Plus aria-hidden className="size-4" /> Add rule
        </Button>
        <Button
          variant="ghost"
          onClick={() => {
            setRows(copyRules(defaults, uidCounter));
            setUidCounter((u) => u + defaults.length);
            setFieldErrors({});
          }}
        >
          Use the package&rsquo;s default rules
        </Button>
        <Button type="submit" pending={pending}>Save rules</Button>
      </div>
    </form>
  );
}
