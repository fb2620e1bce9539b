/** Types of the field catalog (DESIGN.md §4): plain data, safe to pass to client components. */

/** How a field's values behave: which operators apply, how values compare and display. */
export type FieldType = "text" | "number" | "money" | "date" | "datetime" | "boolean" | "select" | "multiselect" | "tags";

/** Where a field shows up in pickers, in this order. */
export type FieldGroup = "Profile" | "Location" | "Company" | "Purchases" | "Predictions" | "Activity" | "Custom";

/** Custom field types a workspace can define (the CustomFieldType enum). */
export type CustomFieldType = "text" | "number" | "date" | "boolean" | "select" | "multiselect";

/** One choice of a select or multiselect field: a stable key (what is stored) and a label. */
export type FieldOption = {
  key: string;
  label: string;
};

/** Columns of "Customer" a catalog field may read. */
export type CustomerColumn =
  | "email" | "firstName" | "lastName" | "phone" | "birthDate" | "gender" | "country" | "city" | "region"
  | "language" | "company" | "jobTitle" | "industry" | "companySize" | "income" | "maritalStatus" | "education"
  | "lifecycleStage" | "tags" | "emailOptIn" | "source" | "signedUpAt" | "lastSeenAt" | "createdAt"
  | "ordersCount" | "totalSpent" | "averageOrderValue" | "firstOrderAt" | "lastOrderAt";

/** Columns of "CustomerPrediction" a catalog field may read (lib/predict). */
export type PredictionColumn = "probabilityAlive" | "purchases30" | "purchases90" | "purchases365" | "averageOrderValue" | "value12m" | "churnRisk";

/**
 * Where a field's value lives: a column of "Customer", the age computed from birthDate as of
 * today in the workspace zone, a key of Customer.attributes (custom fields), or a column of the
 * customer's stored prediction ("CustomerPrediction"; none for a customer without a paid order).
 */
export type FieldSource =
  | { kind: "column"; column: CustomerColumn }
  | { kind: "age" }
  | { kind: "attribute"; key: string }
  | { kind: "prediction"; column: PredictionColumn };

/** One entry of the catalog. */
export interface FieldDefinition {
  /** What definitions, columns and mappings refer to: "email", "age", "custom.interests". */
  key: string;
  label: string;
  group: FieldGroup;
  type: FieldType;
  source: FieldSource;
  /** Select and multiselect choices. */
  options?: readonly FieldOption[];
  description?: string;
  /** Computed by the app (age, order stats): shown and filtered, never imported or edited. */
  derived?: boolean;
  /** Values are stored lower-case (email, tags), so comparisons need not lower the column. */
  storedLowerCase?: boolean;
  /**
   * Values are stored upper-case (ISO country codes, normalized on every write), so equality
   * compares the column itself with upper-cased keys; patterns (contains, …) still lower it.
   */
  storedUpperCase?: boolean;
  /** A number stored as an integer column: whole-number bounds compare without casting every row to numeric. */
  integer?: boolean;
  /** An archived custom field: still resolvable for stored definitions, hidden from pickers and forms. */
  archived?: boolean;
}

/** A custom field row as the catalog needs it (CustomField table). */
export interface CustomFieldInput {
  key: string;
  label: string;
  type: CustomFieldType;
  options?: readonly FieldOption[];
  description?: string | null;
  archived?: boolean;
}

/** One end of a range of field values: a decimal, a "YYYY-MM-DD" date, or epoch ms for datetimes. */
export interface Bound {
  value: string | number;
  inclusive: boolean;
}

/** A range of field values; a missing end is unbounded. */
export interface ValueRange {
  lo?: Bound;
  hi?: Bound;
}

/** Every field of one workspace: standard, derived and custom (archived ones included). */
export interface FieldCatalog {
  readonly fields: readonly FieldDefinition[];
}

/** A customer row as the catalog reads it (the evaluator's input); dates are "YYYY-MM-DD". */
export interface CustomerRow {
  id: string;
  email: string | null;
  firstName: string | null;
  lastName: string | null;
  phone: string | null;
  birthDate: string | null;
  gender: string | null;
  country: string | null;
  city: string | null;
  region: string | null;
  language: string | null;
  company: string | null;
  jobTitle: string | null;
  industry: string | null;
  companySize: number | null;
  /** Decimal string (NUMERIC) or number. */
  income: string | number | null;
  maritalStatus: string | null;
  education: string | null;
  lifecycleStage: string | null;
  tags: readonly string[];
  /** Email consent; null = never asked. */
  emailOptIn: boolean | null;
  source: string | null;
  signedUpAt: Date | null;
  lastSeenAt: Date | null;
  createdAt: Date;
  ordersCount: number;
  totalSpent: string | number;
  averageOrderValue: string | number | null;
  firstOrderAt: Date | null;
  lastOrderAt: Date | null;
  /** Custom field values by field key. */
  attributes: Readonly<Record<string, unknown>>;
  /** The stored prediction (lib/predict); null or absent: none (no paid order, or never computed). */
  prediction?: CustomerPredictionValues | null;
}

/**
 * A customer's stored prediction as the evaluator reads it: numbers as stored (doubles rounded to
 * 6 decimals), money as decimal strings, the churn-risk band's key.
 */
export interface CustomerPredictionValues {
  probabilityAlive: number;
  purchases30: number;
  purchases90: number;
  purchases365: number;
  averageOrderValue: string | number;
  value12m: string | number;
  churnRisk: string;
}
