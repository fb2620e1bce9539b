/**
 * `fields create | list | archive`: a workspace's custom fields from scripts, through the same
 * lib functions as the custom fields page. The command line acts as an admin without a user.
 */
import type { Command } from "commander";
import { z } from "zod";
import { createCustomField, setCustomFieldArchived } from "@/lib/custom-fields/mutations";
import { listCustomFields } from "@/lib/custom-fields/queries";
import { customFieldTypeSchema, parseOptionList } from "@/lib/custom-fields/schemas";
import type { CustomFieldRow, CustomFieldsContext } from "@/lib/custom-fields/types";
import { AppError } from "@/lib/errors";
import { CUSTOM_FIELD_TYPES } from "@/lib/fields/catalog";
import { parseOptions, type CliContext } from "./context";

const createOptionsSchema = z.object({
  workspace: z.string().min(1),
  key: z.string().optional(),
  label: z.string(),
  type: customFieldTypeSchema,
  options: z.string().optional(),
  description: z.string().optional(),
});
const listOptionsSchema = z.object({ workspace: z.string().min(1) });
const archiveOptionsSchema = z.object({ workspace: z.string().min(1), key: z.string().min(1), unarchive: z.boolean().default(false) });

async function adminContext(ctx: CliContext, slug: string): Promise<CustomFieldsContext> {
  const { prisma } = await ctx.db();
  const workspace = await prisma.workspace.findUnique({ where: { slug }, select: { id: true } });
  if (!workspace) throw new AppError("not_found", `There is no workspace "${slug}".`);
  return { workspaceId: workspace.id, userId: null, role: "admin" };
}

function describeOptions(field: CustomFieldRow): string {
  return field.options.map((o) => (o.key === o.label ? o.key : `${o.key}:${o.label}`)).join(", ");
}

/** Rows as a plain-text table with a header and a rule. */
function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]))).join("  ").trimEnd();
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)];
}

/** Registers `fields`. */
export function registerFieldsCommand(program: Command, ctx: CliContext): void {
  const fields = program.command("fields").description("manage a workspace's custom fields");
  fields
    .command("create")
    .description("define a custom field")
    .requiredOption("--workspace <slug>", "the workspace")
    .requiredOption("--label <label>", "what people see, e.g. \"Preferred device\"")
    .requiredOption("--type <type>", `one of ${CUSTOM_FIELD_TYPES.join(", ")}`)
    .option("--key <key>", "immutable key, lower-case letters, digits and _ (default: from the label)")
    .option("--options <list>", "select and multiselect choices, comma-separated: \"Mobile,Desktop\" or \"mob:Mobile,desk:Desktop\"")
    .option("--description <text>", "what the field means")
    .action(async (raw: Record<string, unknown>) => {
      const options = parseOptions(createOptionsSchema, raw);
      const admin = await adminContext(ctx, options.workspace);
      const field = await createCustomField(admin, {
        key: options.key,
        label: options.label,
        type: options.type,
        options: options.options ? parseOptionList(options.options) : [],
        description: options.description,
      });
      const choices = field.options.length > 0 ? ` with options ${describeOptions(field)}` : "";
      ctx.out(`Created custom field "${field.key}" (${field.label}, ${field.type})${choices} in ${options.workspace}.`);
    });
  fields
    .command("list")
    .description("list the custom fields, archived ones included")
    .requiredOption("--workspace <slug>", "the workspace")
    .action(async (raw: Record<string, unknown>) => {
      const options = parseOptions(listOptionsSchema, raw);
      const rows = await listCustomFields(await adminContext(ctx, options.workspace));
      if (rows.length === 0) {
        ctx.out(`The workspace "${options.workspace}" has no custom fields.`);
        return;
      }
      const body = rows.map((f) => [f.key, f.label, f.type, f.archived ? "archived" : "active", describeOptions(f)]);
      for (const line of table(["KEY", "LABEL", "TYPE", "STATUS", "OPTIONS"], body)) ctx.out(line);
    });
  fields
    .command("archive")
    .description("archive a custom field (values are kept; it leaves pickers and forms), or bring it back with --unarchive")
    .requiredOption("--workspace <slug>", "the workspace")
    .requiredOption("--key <key>", "the field's key")
    .option("--unarchive", "bring an archived field back")
    .action(async (raw: Record<string, unknown>) => {
      const options = parseOptions(archiveOptionsSchema, raw);
      const admin = await adminContext(ctx, options.workspace);
      const field = (await listCustomFields(admin)).find((f) => f.key === options.key);
      if (!field) throw new AppError("not_found", `The workspace "${options.workspace}" has no custom field "${options.key}".`);
      await setCustomFieldArchived(admin, { fieldId: field.id, archived: !options.unarchive });
      ctx.out(`${options.unarchive ? "Unarchived" : "Archived"} custom field "${field.key}".`);
    });
}
