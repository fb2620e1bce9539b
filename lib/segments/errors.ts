import { AppError } from "@/lib/errors";
import type { DefinitionIssue } from "./schema";

/** A definition that cannot be compiled or evaluated; errors name the nodes. Fails closed: nothing matches. */
export class InvalidDefinitionError extends AppError {
  constructor(readonly errors: readonly DefinitionIssue[]) {
    const first = errors[0];
    const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : "";
    super("invalid", `Invalid segment definition: ${first ? `${first.path}: ${first.message}` : "unknown problem"}${more}`);
    this.name = "InvalidDefinitionError";
  }
}
