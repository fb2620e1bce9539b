"use client";

import { Download, Upload } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { Select } from "@/components/ui/select";
import { DropZone } from "./drop-zone";
import { IMPORT_TYPE_LABELS, IMPORT_TYPES, type ImportType } from "@/lib/import/targets";

const MAX_MB = 50;

const TYPE_HINTS: Record<ImportType, string> = {
  customers: "One row per customer. Existing customers are matched on email or external ID.",
  orders: "One row per order, or per order line with an order ID column. Customers must exist already.",
  events: "One row per event: the customer, the event name and when it happened, plus any properties.",
};

type UploadAnswer = { jobId: string; totalRows: number } | { error: string };

// XMLHttpRequest, not fetch: it reports upload progress for files of tens of megabytes.
function send(url: string, file: File, onProgress: (share: number) => void): Promise<UploadAnswer> {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", url);
    xhr.setRequestHeader("content-type", "text/csv");
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.onload = () => {
      try {
        resolve(JSON.parse(xhr.responseText) as UploadAnswer);
      } catch {
        resolve({ error: `The upload failed (HTTP ${xhr.status}). Try again.` });
      }
    };
    xhr.onerror = () => resolve({ error: "Could not reach the server. Nothing was imported; try again." });
    xhr.send(file);
  });
}

/** Step 1 of an import: choose what the file holds and upload it; the mapping step follows. */
export function UploadForm({ workspace, initialType = "customers" }: { workspace: string; initialType?: ImportType }) {
  const router = useRouter();
  const [type, setType] = useState<ImportType>(initialType);
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [progress, setProgress] = useState<number | null>(null);

  async function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    if (!file) return setError("Choose a CSV file to upload.");
    if (file.size > MAX_MB * 1024 * 1024) return setError(`The file is larger than ${MAX_MB} MB. Split it into smaller files.`);
    setProgress(0);
    const query = new URLSearchParams({ type, name: file.name });
    const answer = await send(`/api/w/${encodeURIComponent(workspace)}/imports?${query}`, file, setProgress);
    if ("error" in answer) {
      setProgress(null);
      setError(answer.error);
      return;
    }
    router.push(`/w/${workspace}/customers/import/${answer.jobId}`);
  }

  const uploading = progress !== null;
  return (
    <Card>
      <CardHeader>
        <div>
          <CardTitle>Upload a file</CardTitle>
          <CardDescription>CSV in UTF-8 (with or without BOM), separated by commas, semicolons or tabs, with column names in the first row. Up to {MAX_MB} MB.</CardDescription>
        </div>
      </CardHeader>
      <CardContent>
        <form onSubmit={submit} noValidate className="grid gap-4 md:grid-cols-[14rem_1fr_auto] md:items-start">
          <Field name="type" label="The file holds" hint={TYPE_HINTS[type]} className="md:col-span-3 md:max-w-md">
            {(c) => (
              <Select {...c} value={type} onChange={(e) => setType(e.target.value as ImportType)} disabled={uploading}>
                {IMPORT_TYPES.map((t) => (
                  <option key={t} value={t}>
                    {IMPORT_TYPE_LABELS[t]}
                  </option>
                ))}
              </Select>
            )}
          </Field>
          <DropZone
            file={file}
            error={error}
            disabled={uploading}
            className="md:col-span-2"
            onFile={(next) => {
              setFile(next);
              setError(null);
            }}
          />
          <Button type="submit" pending={uploading} className="md:mt-6">
            <Upload aria-hidden className="size-4" />
            {uploading ? `Uploading… ${Math.round((progress ?? 0) * 100)}%` : "Upload and map columns"}
          </Button>
        </form>
        <p className="mt-4 text-sm text-slate-600">
          Not sure how to lay the file out?{" "}
          <a
            href={`/api/w/${encodeURIComponent(workspace)}/imports/sample?type=${type}`}
            download
            className="inline-flex items-center gap-1 font-medium text-brand-700 hover:underline"
          >
            <Download aria-hidden className="size-4" />
            Download a sample {IMPORT_TYPE_LABELS[type].toLowerCase()} CSV
          </a>{" "}
          with every column this workspace can import{type === "customers" ? ", custom fields included" : ""}, and two example rows.
        </p>
        {uploading && progress === 1 && (
          <Alert variant="info" className="mt-4">
            Checking the file (encoding, delimiter, rows)…
          </Alert>
        )}
      </CardContent>
    </Card>
  );
}
