/**
 * `seed`: loads deterministic generated customers, orders and events into a workspace.
 */
import type { Command } from "commander";
import { z } from "zod";
import { COPY_TABLES } from "@/lib/seed/copy-rows";
import { MAX_SEED_CUSTOMERS, seedWorkspace } from "@/lib/seed/load";
import { count, integerOption, parseOptions, seconds, type CliContext } from "./context";

const seedOptionsSchema = z.object({
  workspace: z.string().min(1),
  customers: integerOption("the number of customers", 1, MAX_SEED_CUSTOMERS),
  seed: integerOption("the seed", 0, 0xffffffff),
  replace: z.boolean().default(false),
  now: z.iso
    .datetime({ offset: true, message: "must be an ISO 8601 date-time such as 2026-01-31T12:00:00Z" })
    .transform((text) => new Date(text))
    .optional(),
  worker: z.boolean().default(true),
  rebuildIndexes: z.boolean().default(true),
});

/** Registers `seed`. */
export function registerSeedCommand(program: Command, ctx: CliContext): void {
  program
    .command("seed")
    .description("load generated customers with orders and events into a workspace (same seed, same data)")
    .requiredOption("--workspace <slug>", "the workspace to fill")
    .option("--customers <n>", "how many customers (about 10 orders and 10 events each)", "1000")
    .option("--seed <k>", "generator seed: the same seed gives the same data", "1")
    .option("--replace", "delete the workspace's customers (with their orders and events) first")
    .option("--now <iso>", "the instant the data is relative to (default: now), for reproducible runs")
    .option("--no-worker", "generate in the main thread instead of a worker thread")
    .option("--no-rebuild-indexes", "keep indexes during big loads (slower, but leaves the tables unlocked)")
    .addHelpText("after", "\nA workspace that already has customers is refused unless --replace is given.")
    .action(async (raw: Record<string, unknown>) => {
      const options = parseOptions(seedOptionsSchema, raw);
      const result = await seedWorkspace(await ctx.db(), {
        workspaceSlug: options.workspace,
        customers: options.customers,
        seed: options.seed,
        now: options.now,
        replace: options.replace,
        worker: options.worker ? "auto" : false,
        rebuildIndexes: options.rebuildIndexes ? "auto" : false,
        log: (line) => ctx.out(line),
      });
      if (result.replacedCustomers > 0) ctx.out(`Replaced ${count(result.replacedCustomers)} customers.`);
      ctx.out(
        `Loaded ${COPY_TABLES.map((table) => `${count(result.rows[table])} ${table}`).join(", ")} ` +
          `(${result.customFieldsCreated} custom fields created) in ${seconds(result.elapsedMs)}.`,
      );
      ctx.out(
        `  generate ${seconds(result.generateMs)} (${result.generator}), COPY ${seconds(result.copyMs)} summed over connections (${result.copyMode}), ` +
          `index rebuild + commit ${seconds(result.commitMs)}, ANALYZE ${seconds(result.analyzeMs)}`,
      );
    });
}
