/**
 * `workspace create`: a new workspace, optionally with its first admin.
 */
import type { Command } from "commander";
import { z } from "zod";
import { createWorkspace } from "@/lib/workspaces/mutations";
import { isTimeZone } from "@/lib/workspaces/schemas";
import { parseOptions, type CliContext } from "./context";

const createOptionsSchema = z
  .object({
    slug: z.string(),
    name: z.string(),
    timeZone: z
      .string()
      .default("UTC")
      .refine(isTimeZone, "not a known IANA time zone (for example Europe/Warsaw or UTC)")
      // Store the canonical spelling: "europe/warsaw" → "Europe/Warsaw".
      .transform((zone) => new Intl.DateTimeFormat("en-US", { timeZone: zone }).resolvedOptions().timeZone),
    adminEmail: z.string().optional(),
    adminPassword: z.string().optional(),
    adminName: z.string().optional(),
  })
  .refine((o) => (o.adminEmail === undefined) === (o.adminPassword === undefined), {
    message: "give --admin-email and --admin-password together (or SEGMENTA_ADMIN_PASSWORD for the password)",
    path: ["adminPassword"],
  });

/** Registers `workspace create`. */
export function registerWorkspaceCommand(program: Command, ctx: CliContext): void {
  const workspace = program.command("workspace").description("manage workspaces");
  workspace
    .command("create")
    .description("create a workspace, optionally with its first admin user")
    .requiredOption("--slug <slug>", "URL name: lower-case letters, digits and dashes (e.g. acme-eu)")
    .requiredOption("--name <name>", "display name")
    .option("--time-zone <zone>", "IANA time zone for day boundaries of relative dates", "UTC")
    .option("--admin-email <email>", "email of the first admin (a new user, or an existing one who gains the role)")
    .option("--admin-password <password>", "initial password of a new admin (or set SEGMENTA_ADMIN_PASSWORD)")
    .option("--admin-name <name>", "display name of a new admin")
    .action(async (raw: Record<string, string | undefined>) => {
      const options = parseOptions(createOptionsSchema, {
        ...raw,
        adminPassword: raw.adminPassword ?? (raw.adminEmail ? process.env.SEGMENTA_ADMIN_PASSWORD : undefined),
      });
      const admin = options.adminEmail && options.adminPassword
        ? { email: options.adminEmail, password: options.adminPassword, name: options.adminName }
        : undefined;
      const created = await createWorkspace(await ctx.db(), { slug: options.slug, name: options.name, timeZone: options.timeZone, admin });
      ctx.out(`Created workspace "${created.slug}" (${options.name.trim()}, ${options.timeZone}), id ${created.id}.`);
      if (admin) ctx.out(`Admin: ${admin.email.trim().toLowerCase()}`);
    });
}
