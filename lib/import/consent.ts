import "server-only";
import type { SqlDriver } from "@/lib/db/client";

/**
 * The audit entry of the consents an import changed: one `customer.consent` entry per job (entity
 * "import", the job's id), by the person who started it, with the file name and how many customers
 * it set to yes and to no. One entry rather than one per customer: an import can change a million
 * rows, and each customer's row already names the job and the time of its change (emailOptInImportJobId,
 * emailOptInChangedAt), so "when and how" is answered per customer and "who and which file" per job.
 * Counted from the customers whose consent this job changed last; nothing is written when none.
 */
export async function recordImportConsent(tx: SqlDriver, workspaceId: string, jobId: string): Promise<void> {
  await tx.query(
    `INSERT INTO "AuditLog" ("workspaceId", "actorId", "action", "entityType", "entityId", "diff")
     SELECT j."workspaceId", j."createdById", 'customer.consent', 'import', j."id"::text,
            jsonb_build_object('source', 'import', 'fileName', j."fileName", 'customers', s."customers",
                               'to', jsonb_build_object('yes', s."yes", 'no', s."no"))
       FROM "ImportJob" j,
            (SELECT count(*)::int AS "customers", (count(*) FILTER (WHERE "emailOptIn"))::int AS "yes",
                    (count(*) FILTER (WHERE NOT "emailOptIn"))::int AS "no"
               FROM "Customer" WHERE "workspaceId" = $1::uuid AND "emailOptInImportJobId" = $2::uuid) s
      WHERE j."workspaceId" = $1::uuid AND j."id" = $2::uuid AND j."type" = 'customers' AND s."customers" > 0`,
    [workspaceId, jobId],
  );
}
