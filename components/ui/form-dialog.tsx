"use client";

import { useState, useTransition } from "react";
import type { ActionResult } from "@/lib/errors";
import { Alert } from "./alert";
import { Button } from "./button";
import { Dialog, DialogClose, DialogContent, DialogDescription, DialogFooter, DialogTitle, DialogTrigger } from "./dialog";

const UNREACHABLE = { ok: false as const, error: "Could not reach the server. Nothing was changed; try again.", fieldErrors: undefined };

export interface FormDialogState {
  /** Field messages of the last refused submit, by field name. */
  fieldErrors: Record<string, string>;
  pending: boolean;
}

/**
 * A button that opens a dialog with a form sent to a server action: the form-level error above the
 * fields, Cancel and a submit button that says what it is doing, closing refused while pending, and
 * Enter submits. `submit` reads the form and calls the action; on success the dialog closes and
 * `onDone` gets the action's data. Fields that keep state of their own reset with `onReset`.
 */
export function FormDialog<T>({
  trigger,
  title,
  description,
  submitLabel,
  pendingLabel,
  submit,
  onDone,
  onReset,
  fieldsOwnError = () => false,
  children,
}: {
  trigger: React.ReactNode;
  title: string;
  description: React.ReactNode;
  submitLabel: string;
  pendingLabel: string;
  submit: (form: FormData) => Promise<ActionResult<T>>;
  onDone: (data: T) => void;
  onReset?: () => void;
  /** True when the fields' own messages say it all (the form-level line is then left out). */
  fieldsOwnError?: (fieldErrors: Record<string, string>) => boolean;
  children: (state: FormDialogState) => React.ReactNode;
}) {
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [pending, startTransition] = useTransition();

  function reset() {
    setError(null);
    setFieldErrors({});
    onReset?.();
  }

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setError(null);
    setFieldErrors({});
    startTransition(async () => {
      const result = await submit(form).catch(() => UNREACHABLE);
      if (!result.ok) {
        const errors = result.fieldErrors ?? {};
        setError(fieldsOwnError(errors) ? null : result.error);
        setFieldErrors(errors);
        return;
      }
      onDone(result.data);
      setOpen(false);
      reset();
    });
  }

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        if (pending) return;
        setOpen(next);
        if (!next) reset();
      }}
    >
      <DialogTrigger asChild>{trigger}</DialogTrigger>
      <DialogContent>
        <DialogTitle>{title}</DialogTitle>
        <DialogDescription>{description}</DialogDescription>
        <form onSubmit={onSubmit} noValidate className="mt-5 space-y-4">
          {error && <Alert variant="error">{error}</Alert>}
          {children({ fieldErrors, pending })}
          <DialogFooter>
            <DialogClose asChild>
              <Button variant="secondary" disabled={pending}>
                Cancel
              </Button>
            </DialogClose>
            <Button type="submit" pending={pending}>
              {pending ? pendingLabel : submitLabel}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
