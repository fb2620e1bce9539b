"use client";

import { useSortable } from "@dnd-kit/sortable";
import { CSS } from "@dnd-kit/utilities";
import { ArrowDown, ArrowUp, Copy, GripVertical, MoreHorizontal, Trash2 } from "lucide-react";
import { useRef, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuTrigger } from "@/components/ui/dropdown-menu";
import type { DraftNode } from "@/lib/segments/builder-tree";
import { useBuilder } from "./builder-context";

type HandleProps = ReturnType<typeof useSortable>["attributes"] & Record<string, unknown>;

/** A rule in its group's sortable list: the list item, and the props its drag handle needs. */
export function SortableRule({ id, className, label, testId, children }: {
  id: string;
  className: string;
  label: string;
  testId: string;
  children(handle: HandleProps): ReactNode;
}) {
  const { readOnly, touch } = useBuilder();
  const { attributes, listeners, setNodeRef, transform, transition, isDragging } = useSortable({ id, disabled: readOnly });
  return (
    <li ref={setNodeRef} data-node-id={id} aria-label={label} data-testid={testId}
      style={{ transform: CSS.Translate.toString(transform), transition }}
      className={`${className} ${isDragging ? "relative z-10 shadow-lg ring-2 ring-brand-300" : ""}`}
      onBlur={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) touch(id);
      }}>
      {children({ ...attributes, ...listeners })}
    </li>
  );
}

/** The drag handle of a rule: drag with the mouse or touch, or press Space and use the arrow keys. */
export function DragHandle({ label, handle }: { label: string; handle: HandleProps }) {
  const { readOnly } = useBuilder();
  if (readOnly) return null;
  return (
    <button type="button" data-drag-handle aria-label={`Drag ${label} to move it`} {...handle}
      className="inline-flex size-8 shrink-0 cursor-grab touch-none items-center justify-center rounded-md text-slate-500 hover:bg-slate-100 hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-brand-600 active:cursor-grabbing">
      <GripVertical aria-hidden className="size-4" />
    </button>
  );
}

/** Remove, and a menu with move up / down and duplicate, of a rule. */
export function RowActions({ node, index, count, label }: { node: DraftNode; index: number; count: number; label: string }) {
  const { move, remove, duplicate, readOnly } = useBuilder();
  const duplicated = useRef(false);
  if (readOnly) return null;
  const icon = "size-8! px-0!";
  return (
    <div className="ml-auto flex shrink-0 items-center">
      <DropdownMenu onOpenChange={(open) => open && (duplicated.current = false)}>
        <DropdownMenuTrigger asChild>
          <Button variant="ghost" size="sm" className={icon} aria-label={`More actions for ${label}`} title="Move or duplicate">
            <MoreHorizontal aria-hidden className="size-4" />
          </Button>
        </DropdownMenuTrigger>
        {/* Duplicate runs once the menu has closed and released focus, so focus can go to the copy (not back to this button). */}
        <DropdownMenuContent align="end" className="min-w-44" onCloseAutoFocus={(e) => {
          if (!duplicated.current) return;
          duplicated.current = false;
          e.preventDefault();
          duplicate(node.id);
        }}>
          <DropdownMenuItem disabled={index === 0} onSelect={() => move(node.id, -1)}>
            <ArrowUp aria-hidden className="size-4" />Move {label} up
          </DropdownMenuItem>
          <DropdownMenuItem disabled={index === count - 1} onSelect={() => move(node.id, 1)}>
            <ArrowDown aria-hidden className="size-4" />Move {label} down
          </DropdownMenuItem>
          <DropdownMenuItem onSelect={() => { duplicated.current = true; }}>
            <Copy aria-hidden className="size-4" />Duplicate {label}
          </DropdownMenuItem>
        </DropdownMenuContent>
      </DropdownMenu>
      <Button variant="ghost" size="sm" className={icon} aria-label={`Remove ${label}`} title="Remove" onClick={() => remove(node.id)}>
        <Trash2 aria-hidden className="size-4" />
      </Button>
    </div>
  );
}
