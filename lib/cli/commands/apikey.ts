/**
 * `apikey create | list | revoke`: a workspace's API keys from scripts, through the same lib
 * functions as the API keys page. The command line acts as an admin without a user, so its audit
 * entries have no person. The secret goes to stdout alone (for `$(…)`), the warning to stderr.
 */
import type { Command } from "commander";
import { z } from "zod";
import { API_KEY_ACCESS_LABELS, apiKeyNameSchema, apiKeyRateLimitSchema } from "@/lib/api/keys/schemas";
import { createApiKey, revokeApiKey } from "@/lib/api/keys/mutations";
import { listApiKeys } from "@/lib/api/keys/queries";
import type { ApiKeysContext } from "@/lib/api/keys/types";
import { AppError } from "@/lib/errors";
import { parseOptions, type CliContext } from "./context";

const workspace = z.string().min(1);
const createOptionsSchema = z.object({
  workspace,
  name: apiKeyNameSchema,
  access: z
    .enum(["read", "read-write", "read_write"], { error: 'must be "read" or "read-write"' })
    .transform((a) => (a === "read" ? ("read" as const) : ("read_write" as const))),
  rateLimit: apiKeyRateLimitSchema.optional(),
});
const listOptionsSchema = z.object({ workspace });
const revokeOptionsSchema = z.object({ workspace, id: z.uuid("must be a key id as `apikey list` shows it") });

async function adminContext(ctx: CliContext, slug: string): Promise<ApiKeysContext> {
  const { prisma } = await ctx.db();
  const found = await prisma.workspace.findUnique({ where: { slug }, select: { id: true } });
  if (!found) throw new AppError("not_found", `There is no workspace "${slug}".`);
  return { workspaceId: found.id, userId: null, role: "admin" };
}

/** Rows as a plain-text table with a header and a rule. */
function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]))).join("  ").trimEnd();
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)];
}

// Minutes are enough to tell uses apart; seconds would only add noise.
const minute = (d: Date) => `${d.toISOString().slice(0, 16).replace("T", " ")} UTC`;

/** Registers `apikey`. */
export function registerApiKeyCommand(program: Command, ctx: CliContext): void {
  const apikey = program.command("apikey").description("manage a workspace's API keys (for /api/v1)");
  apikey
    .command("create")
    .description("create a key and print it once")
    .requiredOption("--workspace <slug>", "the workspace")
    .requiredOption("--name <name>", "what the key is for, e.g. \"Shop sync\" (1–80 characters)")
    .requiredOption("--access <access>", "read, or read-write")
    .option("--rate-limit <requests>", "this key's own limit of requests per window (default: SEGMENTA_API_RATE_LIMIT)")
    .action(async (raw: Record<string, unknown>) => {
      const options = parseOptions(createOptionsSchema, raw);
      const admin = await adminContext(ctx, options.workspace);
      const { key, secret } = await createApiKey(admin, { name: options.name, access: options.access, rateLimit: options.rateLimit });
      ctx.out(secret);
      ctx.err(
        `Created API key "${key.name}" (${API_KEY_ACCESS_LABELS[key.access].toLowerCase()}, id ${key.id}) in ${options.workspace}. ` +
          "This is the only time the key is shown: store it now. Anyone with it can use this workspace's data through the API.",
      );
    });
  apikey
    .command("list")
    .description("list the keys, revoked ones included (never the secrets)")
    .requiredOption("--workspace <slug>", "the workspace")
    .action(async (raw: Record<string, unknown>) => {
      const options = parseOptions(listOptionsSchema, raw);
      const keys = await listApiKeys(await adminContext(ctx, options.workspace));
      if (keys.length === 0) {
        ctx.out(`The workspace "${options.workspace}" has no API keys.`);
        return;
      }
      const rows = keys.map((k) => [
        k.id, k.name, `${k.prefix}…`, k.access === "read" ? "read" : "read-write", k.lastUsedAt ? minute(k.lastUsedAt) : "never",
        k.revokedAt ? `revoked ${minute(k.revokedAt)}` : "active",
      ]);
      for (const line of table(["ID", "NAME", "PREFIX", "ACCESS", "LAST USED", "STATUS"], rows)) ctx.out(line);
    });
  apikey
    .command("revoke")
    .description("revoke a key: requests made with it are refused from now on")
    .requiredOption("--workspace <slug>", "the workspace")
    .requiredOption("--id <id>", "the key's id (see `apikey list`)")
    .action(async (raw: Record<string, unknown>) => {
      const options = parseOptions(revokeOptionsSchema, raw);
      const { key, revoked } = await revokeApiKey(await adminContext(ctx, options.workspace), { id: options.id });
      ctx.out(revoked ? `Revoked API key "${key.name}" (${key.prefix}…). Requests made with it are refused from now on.` : `API key "${key.name}" (${key.prefix}…) was already revoked.`);
    });
}
