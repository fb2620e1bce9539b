"use client";

import { CircleAlert, FileText, Upload } from "lucide-react";
import { useId, useState } from "react";
import { cn } from "@/components/ui/cn";

const ACCEPT = ".csv,.tsv,.txt,text/csv,text/tab-separated-values,text/plain";

function size(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * Where the CSV file goes: dropped onto the zone, or chosen with the file picker the zone opens on
 * a click — or with Enter or Space, as the picker's input (visually hidden inside) keeps the focus.
 */
export function DropZone({ file, error, disabled, className, onFile }: {
  file: File | null;
  error: string | null;
  disabled: boolean;
  className?: string;
  onFile: (file: File | null) => void;
}) {
  const id = useId();
  const [dragging, setDragging] = useState(false);
  const describedBy = [`${id}-help`, error ? `${id}-error` : null].filter(Boolean).join(" ");
  return (
    <div className={cn("space-y-1.5", className)}>
      <span className="block text-sm font-medium text-slate-700" id={`${id}-label`}>
        CSV file
      </span>
      <label
        htmlFor={id}
        onDragEnter={(e) => {
          e.preventDefault();
          if (!disabled) setDragging(true);
        }}
        onDragOver={(e) => {
          e.preventDefault();
          e.dataTransfer.dropEffect = disabled ? "none" : "copy";
        }}
        onDragLeave={(e) => {
          if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setDragging(false);
        }}
        onDrop={(e) => {
          e.preventDefault();
          setDragging(false);
          if (!disabled && e.dataTransfer.files.length > 0) onFile(e.dataTransfer.files[0]);
        }}
        data-dragging={dragging || undefined}
        className={cn(
          "flex cursor-pointer flex-col items-center justify-center gap-1 rounded-lg border-2 border-dashed border-slate-300 bg-slate-50 px-4 py-6 text-center text-sm text-slate-600 transition-colors",
          "hover:border-brand-400 hover:bg-brand-50/50 focus-within:border-brand-500 focus-within:ring-2 focus-within:ring-brand-500/40",
          dragging && "border-brand-500 bg-brand-50",
          error && "border-red-400",
          disabled && "cursor-not-allowed opacity-60",
        )}
      >
        {file ? <FileText aria-hidden className="size-6 text-brand-600" /> : <Upload aria-hidden className="size-6 text-slate-500" />}
        {file ? (
          <span>
            <span className="font-medium text-slate-900">{file.name}</span> · {size(file.size)}
            <span className="block text-xs text-slate-500">Drop another file here, or click to choose another.</span>
          </span>
        ) : (
          <span>
            <span className="font-medium text-slate-900">Drop a CSV file here</span> or <span className="font-medium text-brand-700 underline">choose one</span>
          </span>
        )}
        <input
          id={id}
          type="file"
          accept={ACCEPT}
          aria-labelledby={`${id}-label`}
          aria-describedby={describedBy}
          aria-invalid={error ? true : undefined}
          disabled={disabled}
          className="sr-only"
          onChange={(e) => onFile(e.target.files?.[0] ?? null)}
        />
      </label>
      <p id={`${id}-help`} className="text-xs text-slate-500">
        Drag the file onto the box, or click it (Enter or Space with the keyboard) to pick one.
      </p>
      {error && (
        <p id={`${id}-error`} className="flex items-start gap-1.5 text-sm text-red-600">
          <CircleAlert aria-hidden className="mt-0.5 size-4 shrink-0" />
          <span>{error}</span>
        </p>
      )}
    </div>
  );
}
