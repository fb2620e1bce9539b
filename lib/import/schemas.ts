/**
 * zod schemas of imports: the choices a job runs with (stored in ImportJob.options), the input of
 * the import actions, and the upload's query. Pure: safe in the browser.
 */
import { z } from "zod";
import { DELIMITERS } from "./delimiters";
import { DATE_FORMATS } from "./dates";
import { IMPORT_TYPES } from "./targets";

export const importTypeSchema = z.enum(IMPORT_TYPES, { error: "Choose what the file holds: customers, orders or events." });
export const matchKeySchema = z.enum(["email", "externalId"], { error: "Match customers on email or externalId." });
export type MatchKey = z.infer<typeof matchKeySchema>;
export const onExistingSchema = z.enum(["update", "skip"], { error: "For existing records choose update or skip." });
export type OnExisting = z.infer<typeof onExistingSchema>;
export const dateFormatSchema = z.enum(DATE_FORMATS, { error: `Use one of the date formats ${DATE_FORMATS.join(", ")}.` });

/** One mapped column: its position in the file, its target key and, for dates, how to read them. */
export const columnMappingSchema = z.object({
  index: z.number().int().min(0).max(9999),
  target: z.string().trim().min(1).max(200),
  dateFormat: dateFormatSchema.optional(),
});
export type ColumnChoice = z.infer<typeof columnMappingSchema>;

/** The choices of one import run. */
export const importChoicesSchema = z.object({
  columns: z.array(columnMappingSchema).max(1000),
  match: matchKeySchema.default("email"),
  onExisting: onExistingSchema.default("update"),
});
export type ImportChoices = z.infer<typeof importChoicesSchema>;

/** What ImportJob.options holds: how the file is read, and (once started) the choices. */
export const jobOptionsSchema = z.object({
  delimiter: z.enum(DELIMITERS),
  headers: z.array(z.string()),
  choices: importChoicesSchema.optional(),
  /** The CLI imports a file in place; uploads live in the data folder and are removed when done. */
  keepFile: z.boolean().optional(),
});
export type JobOptions = z.infer<typeof jobOptionsSchema>;

export const jobIdSchema = z.uuid("Unknown import.");

/** Input of the preview and start actions. */
export const runImportSchema = z.object({ jobId: jobIdSchema, choices: importChoicesSchema });
export type RunImportInput = z.input<typeof runImportSchema>;

/** Input of the discard action. */
export const discardImportSchema = z.object({ jobId: jobIdSchema });

/** The upload's query string: what the file holds and its name. */
export const uploadQuerySchema = z.object({
  type: importTypeSchema,
  name: z.string().trim().min(1, "The file needs a name.").max(255, "The file name is too long."),
});
