import "server-only";
import type { z } from "zod";
import type { CustomerRawInput, CustomerWrite } from "@/lib/customers/schemas";
import type { ProblemItem } from "../problem";
import { customerPointer, toRawCustomerInput } from "./customer-schemas";

/**
 * One API customer record through the workspace's customer schema (buildCustomerInputSchema, the
 * form's and the import's): the write, or every problem at its JSON pointer under `base`.
 */
export function parseCustomerRecord(schema: z.ZodType<CustomerWrite, CustomerRawInput>, record: Record<string, unknown>, base: string): { write: CustomerWrite } | { errors: ProblemItem[] } {
  const { raw, problems } = toRawCustomerInput(record);
  const parsed = schema.safeParse(raw);
  const errors = [...problems, ...(parsed.success ? [] : parsed.error.issues.map((issue) => ({ pointer: customerPointer(base, issue.path), message: issue.message })))];
  if (errors.length > 0 || !parsed.success) return { errors };
  return { write: parsed.data };
}
