/**
 * What every CLI command gets: output functions and the database, so tests can run
 * commands in-process and capture what they print.
 */
import type { Command } from "commander";
import { z } from "zod";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";

export type CliContext = {
  out(line: string): void;
  err(line: string): void;
  /** The database, opened on first use (DATABASE_URL, else PGlite in the data folder). */
  db(): Promise<Db>;
};

/** Adds one command (or a command group) to the program. */
export type RegisterCommand = (program: Command, ctx: CliContext) => void;

/** Parses a command's options with zod; a failure names the flag ("--customers: …"). */
export function parseOptions<S extends z.ZodType>(schema: S, options: unknown): z.output<S> {
  const parsed = schema.safeParse(options);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((issue) => {
    const key = issue.path.map(String).join(".");
    const flag = key ? `--${key.replace(/[A-Z]/g, (ch) => `-${ch.toLowerCase()}`)}` : "options";
    return `${flag}: ${issue.message}`;
  });
  throw new AppError("invalid", lines.join("\n"));
}

/** A whole number from a flag; accepts 1_000_000 and 1e6. */
export function integerOption(label: string, min: number, max: number) {
  return z
    .string()
    .transform((text) => Number(text.replaceAll("_", "")))
    .pipe(
      z
        .number({ error: `${label} must be a number` })
        .int(`${label} must be a whole number`)
        .min(min, `${label} must be at least ${min.toLocaleString("en-US")}`)
        .max(max, `${label} must be at most ${max.toLocaleString("en-US")}`),
    );
}

/** Seconds with one decimal, for timings. */
export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

/** A count with thousands separators. */
export function count(n: number): string {
  return n.toLocaleString("en-US");
}
