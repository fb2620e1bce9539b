/** What node kinds need to compile to SQL or to evaluate in JS; built once per compile or evaluator. */
import type { FieldCatalog, FieldDefinition } from "@/lib/fields/catalog";
import type { FieldSql } from "@/lib/fields/sql";
import type { RfmContext } from "@/lib/rfm/context";
import type { SqlKit } from "../operators";
import type { Clock } from "../time";

/** Compiling: Prisma's helpers and the field SQL builder are injected by compile.ts (server side). */
export interface SqlEnv {
  q: SqlKit;
  clock: Clock;
  catalog: FieldCatalog;
  workspaceId: string;
  fieldSql(field: FieldDefinition): FieldSql;
  /** RFM scoring (rules, quantiles, analysis date) for rfm conditions. */
  rfm?: RfmContext;
  /** Only these customers are evaluated (CompileOptions.onlyCustomers). */
  onlyCustomers?: readonly string[];
}

/** Evaluating one definition against many records. */
export interface EvalEnv {
  clock: Clock;
  catalog: FieldCatalog;
  /** RFM scoring (rules, quantiles, analysis date) for rfm conditions. */
  rfm?: RfmContext;
}
