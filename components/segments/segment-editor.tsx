"use client";

import { BarChart3 } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useCallback, useMemo, useState } from "react";
import { createSegmentAction, liveCountAction, updateSegmentAction, type SaveOutcome } from "@/app/w/[workspace]/segments/actions";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClasses } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { controlClasses } from "@/components/ui/input";
import type { FieldCatalog } from "@/lib/fields/catalog";
import { draftFromDefinition, errorsByNode, toDefinition, type DraftGroup, type NodeError } from "@/lib/segments/builder-tree";
import type { BuilderSuggestions } from "@/lib/segments/saved-queries";
import { segmentDescriptionSchema, segmentNameSchema, SEGMENT_LIMITS } from "@/lib/segments/saved-schemas";
import { parseDefinition, type DefinitionIssue, type SegmentDefinition } from "@/lib/segments/schema";
import { CountPanel } from "./count-panel";
import { RuleBuilder } from "./rule-builder";
import { useLiveCount } from "./use-live-count";
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

interface Saved {
  name: string;
  description: string;
  definition: string;
}

/** The builder page: name and description, the rules, the live count, save / save as new / discard, conflicts. */
export function SegmentEditor({ workspace, segment, catalog, suggestions, segments, readOnly, timeZone }: {
  workspace: string;
  segment: EditorSegment | null;
  catalog: FieldCatalog;
  suggestions: BuilderSuggestions;
  /** Every saved segment of the workspace with its stored definition (for segment conditions). */
  segments: { id: string; name: string; definition: unknown }[];
  readOnly: boolean;
  timeZone: string;
}) {
  const router = useRouter();
  const [name, setName] = useState(segment?.name ?? "");
  const [description, setDescription] = useState(segment?.description ?? "");
  const [root, setRoot] = useState<DraftGroup>(() => draftFromDefinition(segment?.definition ?? null));
  const [version, setVersion] = useState(segment?.version ?? 0);
  const [saved, setSaved] = useState<Saved>(() => ({ name: segment?.name ?? "", description: segment?.description ?? "", definition: JSON.stringify(toDefinition(root)) }));
  const [serverIssues, setServerIssues] = useState<DefinitionIssue[]>([]);
  const [conflict, setConflict] = useState<string | null>(null);
  const [message, setMessage] = useState<{ kind: "success" | "error"; text: string } | null>(null);
  const [saving, setSaving] = useState(false);
  const [touchedName, setTouchedName] = useState(false);

  const others = useMemo(() => segments.filter((s) => s.id !== segment?.id), [segments, segment?.id]);
  const stored = useMemo(() => new Map(segments.map((s) => [s.id, s.definition])), [segments]);
  const segmentNames = useMemo(() => new Map(segments.map((s) => [s.id, s.name])), [segments]);
  const definition = useMemo(() => toDefinition(root), [root]);
  const definitionJson = JSON.stringify(definition);
  const parsed = useMemo(
    () => parseDefinition(definition, catalog, { resolveSegment: (id) => stored.get(id.toLowerCase()), segmentId: segment?.id }),
    [definition, catalog, stored, segment?.id],
  );
  const empty = root.children.length === 0;
  const issues: DefinitionIssue[] = parsed.ok ? serverIssues : parsed.errors.filter((e) => !(empty && e.path.startsWith("root.children")));
  const errors = useMemo<ReadonlyMap<string, NodeError[]>>(() => errorsByNode(root, issues), [root, issues]);
  const nameCheck = segmentNameSchema.safeParse(name);
  const descriptionCheck = segmentDescriptionSchema.safeParse(description);
  const dirty = !readOnly && (name !== saved.name || description !== saved.description || definitionJson !== saved.definition);
  const allowLeave = useUnsavedGuard(dirty);

  const count = useCallback((d: unknown) => liveCountAction({ workspace, definition: d }), [workspace]);
  const live = useLiveCount(parsed.ok ? parsed.definition : null, count);
  const liveIssues = live.status === "done" && live.result.status === "invalid" ? live.result.errors : null;
  const shownErrors = useMemo(() => (liveIssues && parsed.ok ? errorsByNode(root, liveIssues) : errors), [liveIssues, parsed.ok, root, errors]);
  const blockedReason = empty ? "Add a condition to see who is in the segment." : !parsed.ok ? "Fix the highlighted conditions to see the count." : null;
  const canSave = !readOnly && parsed.ok && !liveIssues && nameCheck.success && descriptionCheck.success && !saving;

  function handle(outcome: SaveOutcome, asNew: boolean) {
    if (outcome.status === "invalid") {
      setServerIssues(outcome.errors);
      setMessage({ kind: "error", text: "Not saved: fix the highlighted conditions." });
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

  async function save(asNew: boolean) {
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
    const original = draftFromDefinition(segment?.definition ?? null);
    setRoot(original);
    setName(saved.name);
    setDescription(saved.description);
    setSaved((s) => ({ ...s, definition: JSON.stringify(toDefinition(original)) }));
    setServerIssues([]);
    setMessage(null);
  }

  const title = segment ? (readOnly ? segment.name : "Edit segment") : "New segment";
  return (
    <div className="space-y-6">
      <div>
        <Link href={`/w/${workspace}/segments`} className="text-sm text-slate-500 hover:text-slate-900">← Segments</Link>
        <header className="mt-2 flex flex-wrap items-start justify-between gap-4">
          <div>
            <h1 className="text-2xl font-semibold tracking-tight text-slate-900">{title}</h1>
            {segment && (
              <p className="mt-1 text-sm text-slate-500">
                Last saved{segment.updatedBy ? ` by ${segment.updatedBy}` : ""} on{" "}
                <time dateTime={segment.updatedAt}>{new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone }).format(new Date(segment.updatedAt))}</time> ({timeZone})
              </p>
            )}
            {readOnly && <p className="mt-1 text-sm text-slate-600">You can view this segment; your role can&apos;t change it.</p>}
          </div>
          <div className="flex flex-wrap gap-2">
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
                {segment && <Button variant="secondary" onClick={() => save(true)} disabled={!canSave}>Save as new</Button>}
                <Button onClick={() => save(false)} disabled={!canSave || (!!segment && !dirty)} pending={saving}>Save</Button>
              </>
            )}
          </div>
        </header>
      </div>
      {conflict && (
        <Alert variant="error" title="Someone else saved this segment">
          <p>{conflict}</p>
          <div className="mt-2 flex flex-wrap gap-2">
            <Button size="sm" variant="secondary" onClick={() => { allowLeave(); window.location.reload(); }}>Reload their version</Button>
            <Button size="sm" onClick={() => save(true)} disabled={!canSave}>Save mine as a new segment</Button>
          </div>
        </Alert>
      )}
      {message && <Alert variant={message.kind}>{message.text}</Alert>}
      <fieldset disabled={readOnly} className="grid gap-4 md:grid-cols-2">
        <legend className="sr-only">Name and description</legend>
        <div className="space-y-1.5">
          <Label htmlFor="segment-name">Name</Label>
          <Input id="segment-name" value={name} maxLength={SEGMENT_LIMITS.name + 20} onChange={(e) => setName(e.target.value)} onBlur={() => setTouchedName(true)}
            aria-invalid={(touchedName && !nameCheck.success) || undefined} aria-describedby={!nameCheck.success && touchedName ? "segment-name-error" : undefined} />
          {touchedName && !nameCheck.success && <p id="segment-name-error" className="text-sm text-red-700">{nameCheck.error.issues[0].message}</p>}
        </div>
        <div className="space-y-1.5">
          <Label htmlFor="segment-description" optional>Description</Label>
          <textarea id="segment-description" rows={1} className={`${controlClasses} min-h-10 py-2`} value={description} onChange={(e) => setDescription(e.target.value)}
            aria-invalid={!descriptionCheck.success || undefined} aria-describedby={!descriptionCheck.success ? "segment-description-error" : undefined} />
          {!descriptionCheck.success && <p id="segment-description-error" className="text-sm text-red-700">{descriptionCheck.error.issues[0].message}</p>}
        </div>
      </fieldset>
      <div className="grid items-start gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
        <section aria-labelledby="rules-title" className="min-w-0 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
          <h2 id="rules-title" className="mb-3 text-base font-semibold text-slate-900">Rules</h2>
          <RuleBuilder root={root} onChange={setRoot} catalog={catalog} suggestions={suggestions} segments={others.map(({ id, name: n }) => ({ id, name: n }))} errors={shownErrors} readOnly={readOnly} />
        </section>
        <div className="lg:sticky lg:top-4">
          <CountPanel state={live} workspace={workspace} catalog={catalog} segmentNames={segmentNames} blockedReason={blockedReason} />
        </div>
      </div>
    </div>
  );
}
