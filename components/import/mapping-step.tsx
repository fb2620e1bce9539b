"use client";

import { useRouter } from "next/navigation";
import { useEffect, useMemo, useState } from "react";
import { discardImportAction, saveMappingAction, startImportAction } from "@/app/w/[workspace]/customers/import/actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { formatCount } from "@/lib/format";
import type { ImportPreview } from "@/lib/import/preview";
import type { ImportChoices, MatchKey, OnExisting } from "@/lib/import/schemas";
import type { ImportSetup, TargetOption } from "@/lib/import/setup";
import { IMPORT_TYPE_LABELS } from "@/lib/import/targets";
import { ColumnMappingTable, columnState, NEW_FIELD, targetOf, type ColumnState } from "./column-mapping-table";
import { MatchingOptions } from "./matching-options";
import { NewFieldDialog } from "./new-field-dialog";
import { PreviewTable } from "./preview-table";
import { SavedMappingOffer } from "./saved-mapping-offer";
import { StartImportButton } from "./start-import-button";

const UNREACHABLE = "Could not reach the server. Nothing was changed; try again.";

function proposedState(setup: ImportSetup): Record<number, ColumnState> {
  return Object.fromEntries(setup.columns.map((c) => [c.index, columnState(c, c.proposal ?? "")]));
}

/** The state a stored mapping (this upload's draft, or an earlier file's) describes. */
function stateOf(setup: ImportSetup, choices: ImportChoices): Record<number, ColumnState> {
  const state: Record<number, ColumnState> = Object.fromEntries(setup.columns.map((c) => [c.index, { target: "" }]));
  for (const c of choices.columns) {
    const column = setup.columns[c.index];
    if (column) state[c.index] = { ...columnState(column, c.target), ...(c.dateFormat ? { dateFormat: c.dateFormat } : {}), ...(c.numberFormat ? { numberFormat: c.numberFormat } : {}) };
  }
  return state;
}

function choicesOf(state: Record<number, ColumnState>, targets: readonly TargetOption[], match: MatchKey, onExisting: OnExisting): ImportChoices {
  const columns = Object.entries(state)
    .filter(([, s]) => s.target !== "")
    .map(([index, s]) => {
      const type = targetOf(targets, s.target)?.type;
      const isDate = type === "date" || type === "datetime";
      const isNumber = type === "number" || type === "money";
      return {
        index: Number(index),
        target: s.target,
        ...(isDate && s.dateFormat ? { dateFormat: s.dateFormat } : {}),
        ...(isNumber && s.numberFormat ? { numberFormat: s.numberFormat } : {}),
      };
    });
  return { columns, match, onExisting };
}

function initialMatch(setup: ImportSetup): MatchKey {
  if (setup.draft) return setup.draft.match;
  return setup.columns.some((c) => c.proposal === "email") || !setup.columns.some((c) => c.proposal === "externalId") ? "email" : "externalId";
}

/**
 * Step 2 of an import: map each column, choose how existing records are treated, check the
 * preview of the first rows, then start the import (it runs in the background).
 */
export function MappingStep({ workspace, setup }: { workspace: string; setup: ImportSetup }) {
  const router = useRouter();
  const [targets, setTargets] = useState<TargetOption[]>(setup.targets);
  const [state, setState] = useState(() => (setup.draft ? stateOf(setup, setup.draft) : proposedState(setup)));
  const mapped = (key: string) => Object.values(state).some((s) => s.target === key);
  const [match, setMatch] = useState<MatchKey>(() => initialMatch(setup));
  const [onExisting, setOnExisting] = useState<OnExisting>(setup.draft?.onExisting ?? "update");
  // The choices the server last stored: "saved" only while they are the ones on screen.
  const [savedKey, setSavedKey] = useState<string | null>(null);
  const [newFieldFor, setNewFieldFor] = useState<number | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const choices = useMemo(() => choicesOf(state, targets, match, onExisting), [state, targets, match, onExisting]);
  const choicesKey = JSON.stringify(choices);

  useEffect(() => {
    let current = true;
    const timer = setTimeout(async () => {
      setLoading(true);
      const result = await saveMappingAction({ workspace, jobId: setup.jobId, choices: JSON.parse(choicesKey) as ImportChoices }).catch(() => null);
      if (!current) return;
      setLoading(false);
      if (!result) setError(UNREACHABLE);
      else if (!result.ok) setError(result.error);
      else {
        setError(null);
        setSavedKey(choicesKey);
        setPreview(result.data);
      }
    }, 150);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [choicesKey, workspace, setup.jobId]);

  function change(index: number, next: ColumnState | typeof NEW_FIELD) {
    if (next === NEW_FIELD) return setNewFieldFor(index);
    setState((prev) => {
      const updated = { ...prev, [index]: next };
      // A target belongs to one column: choosing it here takes it from the other column.
      for (const [i, s] of Object.entries(prev)) if (Number(i) !== index && next.target !== "" && s.target === next.target) updated[Number(i)] = { target: "" };
      return updated;
    });
  }

  function applyMapping(choices: ImportChoices) {
    setState(stateOf(setup, choices));
    setMatch(choices.match);
    setOnExisting(choices.onExisting);
  }

  // Starts the import; failing rows only with skipFailing, the number the person agreed to skip.
  async function start(skipFailing?: number): Promise<string | void> {
    setError(null);
    const result = await startImportAction({ workspace, jobId: setup.jobId, choices, ...(skipFailing ? { skipFailing } : {}) }).catch(() => null);
    const failure = !result ? UNREACHABLE : !result.ok ? result.error : null;
    if (!failure) return router.refresh();
    // A confirmation dialog shows its own error; a plain start shows it on the page.
    if (skipFailing === undefined) setError(failure);
    return failure;
  }

  async function discard(): Promise<string | void> {
    const result = await discardImportAction({ workspace, jobId: setup.jobId }).catch(() => null);
    if (!result) return UNREACHABLE;
    if (!result.ok) return result.error;
    router.push(`/w/${workspace}/customers/import`);
  }

  const saved = savedKey === choicesKey;
  // Leaving before the last change is stored would lose it: the browser asks first.
  useEffect(() => {
    if (saved) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [saved]);

  const problems = preview && !preview.ok ? preview.problems : [];
  const previewColumns = choices.columns.map((c) => ({ index: c.index, header: setup.columns[c.index]?.header ?? "", label: targetOf(targets, c.target)?.label ?? c.target }));
  const newFieldColumn = newFieldFor === null ? undefined : setup.columns[newFieldFor];

  return (
    <div className="space-y-6">
      <header className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight text-slate-900">Map the columns</h1>
          <p className="mt-1 text-sm text-slate-500">
            {setup.fileName} · {IMPORT_TYPE_LABELS[setup.type].toLowerCase()} · {formatCount(setup.totalRows)} rows · {setup.delimiterLabel}-separated
          </p>
        </div>
        <div className="flex gap-2">
          <ConfirmDialog
            trigger={<Button variant="secondary">Discard upload</Button>}
            title="Discard this upload?"
            description="The uploaded file is deleted and nothing is imported."
            confirmLabel="Discard"
            onConfirm={discard}
          />
          <StartImportButton check={saved && preview?.ok ? preview.check : null} checking={loading || (!saved && !error)} blocked={problems.length > 0 || choices.columns.length === 0} onStart={start} />
        </div>
      </header>
      <p aria-live="polite" className="-mt-4 text-xs text-slate-500">
        {saved ? "Mapping saved: it stays as it is if you leave or reload this page." : error ? "The last change is not saved yet." : "Saving the mapping…"}
      </p>
      {error && <Alert variant="error">{error}</Alert>}
      {setup.savedMapping && <SavedMappingOffer saved={setup.savedMapping} current={choices} onUse={applyMapping} />}
      {problems.length > 0 && (
        <Alert variant="warning" title="Before you can import">
          <ul className="list-disc space-y-1 pl-4">
            {problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </Alert>
      )}
      <ColumnMappingTable type={setup.type} columns={setup.columns} targets={targets} state={state} canCreateFields={setup.canCreateFields} onChange={change} />
      <MatchingOptions type={setup.type} match={match} onExisting={onExisting} emailMapped={mapped("email")} externalIdMapped={mapped("externalId")} onMatchChange={setMatch} onExistingChange={setOnExisting} />
      <PreviewTable columns={previewColumns} rows={preview?.ok ? preview.rows : null} check={preview?.ok ? preview.check : null} loading={loading} />
      {newFieldColumn && (
        <NewFieldDialog
          workspace={workspace}
          column={newFieldColumn}
          onClose={() => setNewFieldFor(null)}
          onCreated={(target) => {
            setTargets((prev) => [...prev, target]);
            change(newFieldColumn.index, columnState(newFieldColumn, target.key));
            setNewFieldFor(null);
          }}
        />
      )}
    </div>
  );
}
