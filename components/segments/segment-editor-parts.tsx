"use client";

import { Input, controlClasses } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { SEGMENT_LIMITS } from "@/lib/segments/saved-schemas";

/** The segment's name and description. */
export function NameFields({ name, description, onName, onDescription, onNameBlur, touchedName, nameError, descriptionError }: {
  name: string;
  description: string;
  onName(v: string): void;
  onDescription(v: string): void;
  onNameBlur(): void;
  touchedName: boolean;
  nameError: string | null;
  descriptionError: string | null;
}) {
  const showName = touchedName && nameError;
  return (
    <fieldset className="grid gap-4 md:grid-cols-2">
      <legend className="sr-only">Name and description</legend>
      <div className="min-w-0 space-y-1.5">
        <Label htmlFor="segment-name">Name</Label>
        <Input id="segment-name" value={name} maxLength={SEGMENT_LIMITS.name + 20} onChange={(e) => onName(e.target.value)} onBlur={onNameBlur}
          aria-invalid={showName ? true : undefined} aria-describedby={showName ? "segment-name-error" : undefined} />
        {showName && <p id="segment-name-error" className="text-sm text-red-700">{nameError}</p>}
      </div>
      <div className="min-w-0 space-y-1.5">
        <Label htmlFor="segment-description" optional>Description</Label>
        <textarea id="segment-description" rows={1} className={`${controlClasses} min-h-10 py-2`} value={description} onChange={(e) => onDescription(e.target.value)}
          aria-invalid={descriptionError ? true : undefined} aria-describedby={descriptionError ? "segment-description-error" : undefined} />
        {descriptionError && <p id="segment-description-error" className="text-sm text-red-700">{descriptionError}</p>}
      </div>
    </fieldset>
  );
}

/** Why Save cannot save yet, in words, next to the button (which points at it with aria-describedby). */
export function SaveReason({ reason }: { reason: string | null }) {
  return (
    <p id="save-reason" data-testid="save-reason" aria-live="polite" className="max-w-sm text-right text-xs text-slate-600">
      {reason ?? ""}
    </p>
  );
}
