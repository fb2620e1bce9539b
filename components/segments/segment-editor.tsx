"use client";

import { BarChart3, Redo2, Undo2 } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useCallback, useMemo, useRef, useState, type ReactNode } from "react";
import { createSegmentAction, liveCountAction, updateSegmentAction, type SaveOutcome } from "@/app/w/[workspace]/segments/actions";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClasses } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import type { FieldCatalog } from "@/lib/fields/catalog";
import { draftFromDefinition, errorsByNode, toDefinition, type NodeError } from "@/lib/segments/builder-tree";
import type { BuilderSuggestions } from "@/lib/segments/saved-queries";
import { segmentDescriptionSchema, segmentNameSchema, SEGMENT_LIMITS } from "@/lib/segments/saved-schemas";
import type { DefinitionIssue, SegmentDefinition } from "@/lib/segments/schema";
import { summarizeRoot } from "@/lib/segments/summary";
import { CountPanel } from "./count-panel";
import { focusTarget, RuleBuilder } from "./rule-builder";
import { RulesView } from "./rules-view";
import { NameFields, SaveReason } from "./segment-editor-parts";
import { StickyCount } from "./sticky-count";
import { useLiveCount } from "./use-live-count";
import { useRulesDraft } from "./use-rules-draft";
import { useUnsavedGuard } from "./use-unsaved-guard";

/** The segment as the editor opened it. */
export interface EditorSegment {
  id: string;
  version: number;
  name: string;
  description: string | null;
  definition: SegmentDefinition;
  updatedAt: string;
  updatedBy: string | null;
}

/** What a new segment starts with (a template, or a segment of one RFM group). */
export interface EditorStart {
  name: string;
  description: string;
  definition: SegmentDefinition;
}

interface Saved {
  name: string;
  description: string;
  definition: string;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** The builder page: name and description, summary, rules, the live count, save / save as new / discard, conflicts. */
export function SegmentEditor({ workspace, segment, start, intro, catalog, suggestions, segments, readOnly, timeZone }: {
  workspace: string;
  segment: EditorSegment | null;
  /** For a new segment: what it opens with instead of nothing. */
  start?: EditorStart | null;
  /** Shown above the form, e.g. the template picker. */
  intro?: ReactNode;
  catalog: FieldCatalog;
  suggestions: BuilderSuggestions;
  /** Every saved segment of the workspace with its stored definition (for segment conditions). */
  segments: { id: string; name: string; definition: unknown }[];
  readOnly: boolean;
  timeZone: string;
}) {
  const router = useRouter();
  const initialDefinition = segment?.definition ?? start?.definition ?? null;
  const [name, setName] = useState(segment?.name ?? start?.name ?? "");
  const [description, setDescription] = useState(segment?.description ?? start?.description ?? "");
  const stored = useMemo(() => new Map(segments.map((s) => [s.id, s.definition])), [segments]);
  const resolveSegment = useCallback((id: string) => stored.get(id.toLowerCase()), [stored]);
  const rules = useRulesDraft({ initial: draftFromDefinition(initialDefinition), catalog, resolveSegment, segmentId: segment?.id, showErrorsAtOnce: !!initialDefinition });
  const { root, definition, parsed, empty, countable } = rules;
  const [version, setVersion] = useState(segment?.version ?? 0);
  const [saved, setSaved] = useState<Saved>(() => ({ name: segment?.name ?? "", description: segment?.description ?? "", definition: JSON.stringify(toDefinition(draftFromDefinition(segment?.definition ?? null))) }));
  const [serverIssues, setServerIssues] = useState<DefinitionIssue[]>([]);
  const [conflict, setConflict] = useState<string | null>(null);
  const [message, setMessage] = useState<{ kind: "success" | "error"; text: string } | null>(null);
  const [saving, setSaving] = useState(false);
  const [touchedName, setTouchedName] = useState(false);
  const undoRef = useRef<HTMLButtonElement>(null);

  const others = useMemo(() => segments.filter((s) => s.id !== segment?.id).map(({ id, name: n }) => ({ id, name: n })), [segments, segment?.id]);
  const segmentNames = useMemo(() => new Map(segments.map((s) => [s.id, s.name])), [segments]);
  const definitionJson = JSON.stringify(definition);
  const nameCheck = segmentNameSchema.safeParse(name);
  const descriptionCheck = segmentDescriptionSchema.safeParse(description);
  const dirty = !readOnly && (name !== saved.name || description !== saved.description || definitionJson !== saved.definition);
  const allowLeave = useUnsavedGuard(dirty);

  const count = useCallback((d: unknown) => liveCountAction({ workspace, definition: d }), [workspace]);
  const live = useLiveCount(countable?.definition ?? null, count);
  const liveIssues = live.status === "done" && live.result.status === "invalid" && parsed.ok ? live.result.errors : null;
  const shownErrors = useMemo<ReadonlyMap<string, NodeError[]>>(() => {
    const extra = liveIssues ?? (parsed.ok ? serverIssues : []);
    return extra.length ? errorsByNode(root, extra) : rules.visibleErrors;
  }, [liveIssues, parsed.ok, serverIssues, root, rules.visibleErrors]);
  const unfinished = countable ? countable.total - countable.counted : 0;
  const note = unfinished > 0 && countable
    ? `Counting ${countable.counted} of ${plural(countable.total, "condition")} — finish ${unfinished === 1 ? "the new one" : `the other ${unfinished}`} to include ${unfinished === 1 ? "it" : "them"}.`
    : null;
  const blockedReason = empty ? "Add a condition to see who is in the segment." : !countable ? "Finish a condition to see who is in the segment." : null;
  const summary = countable ? summarizeRoot(countable.definition.root, { catalog, segmentNames }) : null;

  const saveReason: string | null = readOnly ? null
    : empty ? "Add at least one condition to save."
    : !parsed.ok ? `To save, finish the rules. ${rules.firstProblem?.text ?? ""}`.trim()
    : liveIssues ? "To save, fix the conditions marked in red."
    : !nameCheck.success ? (name.trim() ? nameCheck.error.issues[0].message : "To save, give the segment a name.")
    : !descriptionCheck.success ? descriptionCheck.error.issues[0].message
    : segment && !dirty ? "No changes to save."
    : null;
  const canSave = !readOnly && !saveReason && !saving;

  function handle(outcome: SaveOutcome, asNew: boolean) {
    if (outcome.status === "invalid") {
      setServerIssues(outcome.errors);
      setMessage({ kind: "error", text: "Not saved: some conditions need attention (see the messages at them)." });
      return;
    }
    if (outcome.status === "conflict") {
      setConflict(outcome.message);
      return;
    }
    setServerIssues([]);
    setConflict(null);
    setSaved({ name, description, definition: definitionJson });
    if (asNew || !segment) {
      allowLeave();
      router.push(`/w/${workspace}/segments/${outcome.id}?saved=1`);
      return;
    }
    setVersion(outcome.version);
    setMessage({ kind: "success", text: "Segment saved." });
    router.refresh();
  }

  /** A click on a Save that cannot save yet shows every problem and takes focus to the first. */
  function attempt() {
    rules.attempt();
    setTouchedName(true);
    if (rules.firstProblem) requestAnimationFrame(() => focusTarget({ nodeId: rules.firstProblem!.nodeId }));
    else if (!nameCheck.success) document.getElementById("segment-name")?.focus();
  }

  async function save(asNew: boolean) {
    if (!(asNew ? asNewOk && !saving : canSave)) return attempt();
    setMessage(null);
    setSaving(true);
    try {
      const copyName = asNew && segment && name.trim() === segment.name ? `${name.trim()} (copy)`.slice(0, SEGMENT_LIMITS.name) : name;
      const result = asNew || !segment
        ? await createSegmentAction({ workspace, name: copyName, description, definition })
        : await updateSegmentAction({ workspace, id: segment.id, version, name, description, definition });
      if (!result.ok) setMessage({ kind: "error", text: result.error });
      else handle(result.data, asNew);
    } catch {
      setMessage({ kind: "error", text: "The segment could not be saved: the server did not answer. Your changes are still here; try again." });
    } finally {
      setSaving(false);
    }
  }

  function discard() {
    rules.reset(draftFromDefinition(segment?.definition ?? null));
    setName(saved.name);
    setDescription(saved.description);
    setServerIssues([]);
    setMessage(null);
  }

  /** After undo / redo the focused control may be gone: focus then goes to the Undo button. */
  function step(kind: "undo" | "redo") {
    if (kind === "undo") rules.undo();
    else rules.redo();
    requestAnimationFrame(() => {
      if (!document.activeElement || document.activeElement === document.body) undoRef.current?.focus();
    });
  }

  function onRulesKeyDown(e: React.KeyboardEvent) {
    if (readOnly || !(e.ctrlKey || e.metaKey) || e.altKey) return;
    const key = e.key.toLowerCase();
    if (key === "z" && !e.shiftKey) {
      e.preventDefault();
      step("undo");
    } else if ((key === "z" && e.shiftKey) || key === "y") {
      e.preventDefault();
      step("redo");
    }
  }

  const asNewOk = !!segment && parsed.ok && !liveIssues && nameCheck.success && descriptionCheck.success;
  const title = segment ? (readOnly ? segment.name : "Edit segment") : "New segment";
  return (
    <div className="space-y-5 pb-20 2xl:pb-0">
      {intro}
      <div>
        <Link href={`/w/${workspace}/segments`} className="text-sm text-slate-600 hover:text-slate-900">← Segments</Link>
        <header className="mt-2 flex flex-wrap items-start justify-between gap-4">
          <div className="min-w-0">
            <h1 className="text-2xl font-semibold tracking-tight break-words text-slate-900">{title}</h1>
            {segment && (
              <p className="mt-1 text-sm text-slate-600">
                Last saved{segment.updatedBy ? ` by ${segment.updatedBy}` : ""} on{" "}
                <time dateTime={segment.updatedAt}>{new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone }).format(new Date(segment.updatedAt))}</time> ({timeZone})
              </p>
            )}
            {readOnly && <p className="mt-1 text-sm text-slate-600">You can view this segment; your role can&apos;t change it.</p>}
          </div>
          <div className="flex flex-col items-end gap-1.5">
            <div className="flex flex-wrap justify-end gap-2">
              {segment && (
                <Link href={`/w/${workspace}/segments/${segment.id}/dashboard`} className={buttonClasses({ variant: "secondary" })}>
                  <BarChart3 aria-hidden className="size-4" />
                  Dashboard
                </Link>
              )}
              {!readOnly && (
                <>
                  {dirty && (
                    <ConfirmDialog
                      trigger={<Button variant="ghost">Discard changes</Button>}
                      title="Discard your changes?"
                      description={segment ? "The segment goes back to how it was last saved." : "The new segment is cleared."}
                      confirmLabel="Discard"
                      onConfirm={async () => discard()}
                    />
                  )}
                  {segment && <Button variant="secondary" onClick={() => save(true)} disabled={!asNewOk || saving}>Save as new</Button>}
                  <Button onClick={() => save(false)} aria-disabled={!canSave || undefined} pending={saving} aria-describedby={saveReason ? "save-reason" : undefined}
                    className="aria-disabled:cursor-not-allowed aria-disabled:opacity-60 aria-disabled:hover:bg-brand-600">Save</Button>
                </>
              )}
            </div>
            {!readOnly && <SaveReason reason={saveReason} />}
          </div>
        </header>
      </div>
      {conflict && (
        <Alert variant="error" title="Someone else saved this segment">
          <p>{conflict}</p>
          <div className="mt-2 flex flex-wrap gap-2">
            <Button size="sm" variant="secondary" onClick={() => { allowLeave(); window.location.reload(); }}>Reload their version</Button>
            <Button size="sm" onClick={() => save(true)} disabled={!asNewOk}>Save mine as a new segment</Button>
          </div>
        </Alert>
      )}
      {message && <Alert variant={message.kind}>{message.text}</Alert>}
      {!readOnly && (
        <NameFields name={name} description={description} onName={setName} onDescription={setDescription} touchedName={touchedName} onNameBlur={() => setTouchedName(true)}
          nameError={nameCheck.success ? null : nameCheck.error.issues[0].message} descriptionError={descriptionCheck.success ? null : descriptionCheck.error.issues[0].message} />
      )}
      {readOnly && segment?.description && <p className="text-sm text-slate-700">{segment.description}</p>}
      <div className="grid items-start gap-6 2xl:grid-cols-[minmax(0,1fr)_22rem]">
        <section aria-labelledby="rules-title" className="min-w-0 rounded-lg border border-slate-200 bg-white p-3 shadow-sm sm:p-4" onKeyDown={onRulesKeyDown}>
          <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
            <h2 id="rules-title" className="text-base font-semibold text-slate-900">Rules</h2>
            {!readOnly && (
              <div className="flex gap-1">
                <Button ref={undoRef} variant="ghost" size="sm" onClick={() => step("undo")} disabled={!rules.canUndo} aria-keyshortcuts="Control+Z Meta+Z" title="Undo (Ctrl+Z)">
                  <Undo2 aria-hidden className="size-4" />Undo
                </Button>
                <Button variant="ghost" size="sm" onClick={() => step("redo")} disabled={!rules.canRedo} aria-keyshortcuts="Control+Shift+Z Control+Y Meta+Shift+Z" title="Redo (Ctrl+Shift+Z)">
                  <Redo2 aria-hidden className="size-4" />Redo
                </Button>
              </div>
            )}
          </div>
          {summary && (
            <p data-testid="segment-summary" className="mb-3 rounded-md bg-brand-50 px-3 py-2 text-sm text-slate-800">
              {summary}
              {unfinished > 0 && <span className="text-slate-600"> (Not yet including {plural(unfinished, "unfinished condition")}.)</span>}
            </p>
          )}
          {readOnly ? (
            <RulesView root={parsed.ok ? parsed.definition.root : (initialDefinition?.root ?? { type: "group", combinator: "and", negate: false, children: [] })} catalog={catalog} segmentNames={segmentNames} />
          ) : (
            <RuleBuilder root={root} onChange={rules.change} onTouch={rules.touch} catalog={catalog} suggestions={suggestions} segments={others} errors={shownErrors} readOnly={readOnly} />
          )}
        </section>
        <div className="2xl:sticky 2xl:top-4">
          <CountPanel state={live} workspace={workspace} catalog={catalog} segmentNames={segmentNames} blockedReason={blockedReason} note={note} />
        </div>
      </div>
      <StickyCount state={live} blockedReason={blockedReason} note={note} />
    </div>
  );
}
