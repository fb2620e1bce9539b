import type { WorkspaceContext } from "@/lib/auth/types";
import type { ImportType } from "./targets";

/** What import functions need from the caller: the workspace, its zone, and who acts (null on the command line). */
export type ImportContext = Pick<WorkspaceContext, "workspaceId" | "timeZone"> & { userId: string | null };

export type ImportStatus = "pending" | "running" | "completed" | "failed";

/** An import job as the pages and the progress route show it. */
export interface ImportJobView {
  id: string;
  type: ImportType;
  status: ImportStatus;
  fileName: string;
  totalRows: number;
  processedRows: number;
  created: number;
  updated: number;
  skipped: number;
  failed: number;
  error: string | null;
  createdByName: string | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}
