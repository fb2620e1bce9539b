import { workspaceRoute } from "@/lib/auth/route";
import { AppError } from "@/lib/errors";
import { createUploadJob } from "@/lib/import/mutations";
import { uploadQuerySchema } from "@/lib/import/schemas";
import { MAX_UPLOAD_BYTES } from "@/lib/import/storage";

/**
 * Uploads a CSV file for import: the body is the file itself (streamed to disk, ≤ 50 MB), the query
 * names its type and file name (?type=customers&name=list.csv). Answers { jobId, totalRows }; the
 * mapping step follows at /w/<workspace>/customers/import/<jobId>.
 */
export const POST = workspaceRoute(
  async (ctx, req) => {
    const url = new URL(req.url);
    const query = uploadQuerySchema.parse({ type: url.searchParams.get("type"), name: url.searchParams.get("name") });
    const declared = Number(req.headers.get("content-length") ?? 0);
    if (declared > MAX_UPLOAD_BYTES) throw new AppError("invalid", `The file is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB. Split it into smaller files.`);
    if (!req.body) throw new AppError("invalid", "The file is empty.");
    const { jobId, totalRows } = await createUploadJob(ctx, { type: query.type, fileName: query.name, body: req.body });
    return Response.json({ jobId, totalRows }, { status: 201 });
  },
  { permission: "customers.import" },
);
