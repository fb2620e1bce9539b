/**
 * `segment count | members | explain | sql`: the segment engine from the command line, with the
 * same lib functions as the rule builder. Definitions come inline (JSON), from a file, or from
 * stdin ("-"); a JSON Lines file holds many definitions, counted one per line, in order.
 */
import fs from "node:fs";
import type { Command } from "commander";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { countPrepared } from "@/lib/segments/count";
import { unmatchedValues } from "@/lib/segments/value-queries";
import { formatExplanation } from "@/lib/segments/count-format";
import { countStatement, prepareSegment, type PreparedSegment, type SegmentScope } from "@/lib/segments/count-prepare";
import { InvalidDefinitionError } from "@/lib/segments/errors";
import { explainMember, forEachMemberBatch } from "@/lib/segments/members";
import { count, parseOptions, type CliContext } from "./context";

const nowOption = z
  .union([z.iso.datetime({ offset: true }), z.iso.date()], { error: "must be an ISO 8601 date-time such as 2026-01-31T12:00:00Z (or a date)" })
  .transform((text) => new Date(text))
  .optional();
const baseSchema = z.object({ workspace: z.string().min(1), definition: z.string().min(1), now: nowOption });
const countSchema = baseSchema.extend({
  timeout: z.string().transform(Number).pipe(z.number({ error: "must be a number of seconds" }).positive("must be more than 0").max(3600, "must be at most 3600")),
});
const explainSchema = baseSchema.extend({ customer: z.string().trim().min(1, "give a customer id or email") });

/** One definition as read, with its line number in a JSON Lines file. */
interface DefinitionInput {
  line: number | null;
  definition: unknown;
}

function parseJson(text: string, where: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new AppError("invalid", `--definition: ${where} is not valid JSON (${e instanceof Error ? e.message : String(e)}).`);
  }
}

/** Inline JSON, "-" for stdin, or a file holding one JSON definition or JSON Lines of many. */
function readDefinitions(arg: string): DefinitionInput[] {
  const trimmed = arg.trim();
  if (trimmed.startsWith("{")) return [{ line: null, definition: parseJson(trimmed, "the definition") }];
  let text: string;
  try {
    text = fs.readFileSync(trimmed === "-" ? 0 : trimmed, "utf8");
  } catch {
    throw new AppError("invalid", `--definition: "${arg}" is neither JSON nor a readable file.`);
  }
  try {
    return [{ line: null, definition: JSON.parse(text) }];
  } catch {
    const lines = text.split(/\r?\n/).map((line, i) => ({ line: i + 1, text: line.trim() })).filter((l) => l.text !== "");
    if (lines.length === 0) throw new AppError("invalid", `--definition: ${trimmed === "-" ? "stdin" : trimmed} holds no definition.`);
    return lines.map((l) => ({ line: l.line, definition: parseJson(l.text, `line ${l.line}`) }));
  }
}

async function workspaceScope(ctx: CliContext, slug: string): Promise<SegmentScope> {
  const { prisma } = await ctx.db();
  const workspace = await prisma.workspace.findUnique({ where: { slug }, select: { id: true, timeZone: true } });
  if (!workspace) throw new AppError("not_found", `There is no workspace "${slug}".`);
  return { workspaceId: workspace.id, timeZone: workspace.timeZone };
}

/** Validates every definition first; all problems are reported together (path: message), nothing is counted. */
async function prepareAll(scope: SegmentScope, inputs: DefinitionInput[], now: Date | undefined): Promise<PreparedSegment[]> {
  const prepared: PreparedSegment[] = [];
  const problems: string[] = [];
  for (const input of inputs) {
    try {
      prepared.push(await prepareSegment(scope, input.definition, now));
    } catch (e) {
      if (!(e instanceof InvalidDefinitionError)) throw e;
      const prefix = input.line === null ? "" : `line ${input.line}: `;
      for (const issue of e.errors) problems.push(`  ${prefix}${issue.path}: ${issue.message}`);
    }
  }
  if (problems.length > 0) {
    const which = inputs.length === 1 ? "The definition is invalid" : `${count(problems.length)} problem${problems.length === 1 ? "" : "s"} in the definitions`;
    throw new AppError("invalid", [`${which}:`, ...problems].join("\n"));
  }
  return prepared;
}

async function prepareOne(ctx: CliContext, options: z.infer<typeof baseSchema>): Promise<{ scope: SegmentScope; prepared: PreparedSegment; definition: unknown }> {
  const inputs = readDefinitions(options.definition);
  if (inputs.length !== 1) throw new AppError("invalid", `--definition: this command takes one definition (the file holds ${inputs.length}).`);
  const scope = await workspaceScope(ctx, options.workspace);
  const [prepared] = await prepareAll(scope, inputs, options.now);
  return { scope, prepared, definition: inputs[0].definition };
}

function csvCell(value: string | null): string {
  if (value === null) return "";
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

const COMMON_HELP = `
--definition takes inline JSON ('{"version":1,"root":{…}}'), a file, or - for stdin.
Relative dates are measured from --now (default: now) in the workspace's time zone.`;

/** Registers `segment`. */
export function registerSegmentCommand(program: Command, ctx: CliContext): void {
  const segment = program.command("segment").description("count, list, explain and compile segment definitions");
  const base = (name: string, description: string) =>
    segment
      .command(name)
      .description(description)
      .requiredOption("--workspace <slug>", "the workspace")
      .requiredOption("--definition <json|file|->", "a definition: inline JSON, a file (JSON, or JSON Lines for count), or - for stdin")
      .option("--now <iso>", "the instant relative dates are measured from (ISO 8601; default: now)");

  base("count", "print the member count (a JSON Lines file: one count per line, in order)")
    .option("--timeout <seconds>", "stop a count that takes longer (PostgreSQL)", "60")
    .addHelpText("after", COMMON_HELP)
    .action(async (raw: Record<string, unknown>) => {
      const options = parseOptions(countSchema, raw);
      const inputs = readDefinitions(options.definition);
      const scope = await workspaceScope(ctx, options.workspace);
      for (const [i, prepared] of (await prepareAll(scope, inputs, options.now)).entries()) {
        ctx.out(String(await countPrepared(prepared, { timeoutMs: options.timeout * 1000 })));
        // A value nobody has is the usual cause of a surprising zero: say so (stderr keeps stdout one count per line).
        const prefix = inputs[i].line === null ? "" : `line ${inputs[i].line}: `;
        for (const w of await unmatchedValues(scope, prepared.definition, prepared.catalog)) ctx.err(`warning: ${prefix}${w.path}: ${w.message}`);
      }
    });

  base("members", "print the members as CSV (id,email), in id order")
    .addHelpText("after", COMMON_HELP)
    .action(async (raw: Record<string, unknown>) => {
      const options = parseOptions(baseSchema, raw);
      const { scope, definition } = await prepareOne(ctx, options);
      ctx.out("id,email");
      await forEachMemberBatch(scope, definition, { now: options.now }, (rows) => {
        ctx.out(rows.map((r) => `${r.id},${csvCell(r.email)}`).join("\n"));
      });
    });

  base("explain", "explain the definition for one customer: each condition ✓/✗ with what was measured")
    .requiredOption("--customer <id|email>", "the customer, by id or email")
    .addHelpText("after", COMMON_HELP)
    .action(async (raw: Record<string, unknown>) => {
      const options = parseOptions(explainSchema, raw);
      const { scope, definition } = await prepareOne(ctx, options);
      const result = await explainMember(scope, definition, options.customer, { now: options.now });
      const who = [result.customer.email, result.customer.name].filter(Boolean).join(", ");
      ctx.out(`Customer ${result.customer.id}${who ? ` (${who})` : ""} ${result.member ? "is a member" : "is not a member"}.`);
      for (const line of formatExplanation(result.explanation)) ctx.out(line);
    });

  base("sql", "print the compiled count query with its parameters")
    .addHelpText("after", COMMON_HELP)
    .action(async (raw: Record<string, unknown>) => {
      const options = parseOptions(baseSchema, raw);
      const { prepared } = await prepareOne(ctx, options);
      const statement = countStatement(prepared);
      ctx.out(statement.text);
      statement.values.forEach((value, i) => ctx.out(`-- $${i + 1} = ${JSON.stringify(value)}`));
    });
}
