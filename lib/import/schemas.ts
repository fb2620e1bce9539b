/**
 * zod schemas of imports: the choices a job runs with (stored in ImportJob.options), the input of
 * the import actions, and the upload's query. Pure: safe in the browser.
 */
import { z } from "zod";
import { DELIMITERS } from "./delimiters";
import { DATE_FORMATS } from "./dates";
import { NUMBER_FORMATS } from "./numbers";
import { IMPORT_TYPES } from "./targets";

export const importTypeSchema = z.enum(IMPORT_TYPES, { error: "Choose what the file holds: customers, orders or events." });
export const matchKeySchema = z.enum(["email", "externalId"], { error: "Match customers on email or externalId." });
export type MatchKey = z.infer<typeof matchKeySchema>;
export const onExistingSchema = z.enum(["update", "skip"], { error: "For existing records choose update or skip." });
export type OnExisting = z.infer<typeof onExistingSchema>;
export const dateFormatSchema = z.enum(DATE_FORMATS, { error: `Use one of the date formats ${DATE_FORMATS.join(", ")}.` });

export const numberFormatSchema = z.enum(NUMBER_FORMATS, { error: 'Write numbers as 1,234.56 (".") or 1.234,56 (","), or "ask".' });

/** One mapped column: its position in the file, its target key and, for dates and numbers, how to read them. */
export const columnMappingSchema = z.object({
  index: z.number().int().min(0).max(9999),
  target: z.string().trim().min(1).max(200),
  dateFormat: dateFormatSchema.optional(),
  /** Absent: English (1,234.56). */
  numberFormat: numberFormatSchema.optional(),
});
export type ColumnChoice = z.infer<typeof columnMappingSchema>;

/** The choices of one import run. */
export const importChoicesSchema = z.object({
  columns: z.array(columnMappingSchema).max(1000),
  match: matchKeySchema.default("email"),
  onExisting: onExistingSchema.default("update"),
});
export type ImportChoices = z.infer<typeof importChoicesSchema>;

/** How many rows of the whole file a mapping imports and how many fail, for the start button. */
export const fileCheckSchema = z.object({
  /** The choices checked, as JSON: a check only counts for exactly these choices. */
  choices: z.string(),
  total: z.number().int().min(0),
  failing: z.number().int().min(0),
});
export type FileCheck = z.infer<typeof fileCheckSchema>;

/** What ImportJob.options holds: how the file is read, the mapping being edited, and (once started) the choices. */
export const jobOptionsSchema = z.object({
  delimiter: z.enum(DELIMITERS),
  headers: z.array(z.string()),
  /** The mapping as last edited at the mapping step, saved as it changes so a reload keeps it. */
  draft: importChoicesSchema.optional(),
  /** The last whole-file check of the draft. */
  check: fileCheckSchema.optional(),
  choices: importChoicesSchema.optional(),
  /** The CLI imports a file in place; uploads live in the data folder and are removed when done. */
  keepFile: z.boolean().optional(),
});
export type JobOptions = z.infer<typeof jobOptionsSchema>;

export const jobIdSchema = z.uuid("Unknown import.");

/** Input of the preview action. */
export const runImportSchema = z.object({ jobId: jobIdSchema, choices: importChoicesSchema });
export type RunImportInput = z.input<typeof runImportSchema>;

/**
 * Input of the start action: with `skipFailing`, the number of failing rows the person agreed to
 * skip. A mapping with failing rows starts only when that number is the one the check found.
 */
export const startImportSchema = runImportSchema.extend({ skipFailing: z.number().int().min(0).optional() });
export type StartImportInput = z.input<typeof startImportSchema>;

/** Input of the discard action. */
export const discardImportSchema = z.object({ jobId: jobIdSchema });

/** The upload's query string: what the file holds and its name. */
export const uploadQuerySchema = z.object({
  type: importTypeSchema,
  name: z.string().trim().min(1, "The file needs a name.").max(255, "The file name is too long."),
});
