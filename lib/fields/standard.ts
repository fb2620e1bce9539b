/** The standard profile fields and the derived ones of SEGMENT_FORMAT.md, in picker order. */
import type { CustomerColumn, FieldDefinition, FieldGroup, FieldOption, FieldType } from "./types";

/** Options of the standard gender field. */
export const GENDER_OPTIONS: readonly FieldOption[] = [
  { key: "female", label: "Female" },
  { key: "male", label: "Male" },
  { key: "other", label: "Other" },
];

/** Options of the standard lifecycle stage field. */
export const LIFECYCLE_STAGE_OPTIONS: readonly FieldOption[] = [
  { key: "lead", label: "Lead" },
  { key: "prospect", label: "Prospect" },
  { key: "customer", label: "Customer" },
  { key: "churned", label: "Churned" },
];

type Extra = Pick<FieldDefinition, "options" | "description" | "derived" | "storedLowerCase" | "storedUpperCase" | "integer">;

function column(key: CustomerColumn, label: string, group: FieldGroup, type: FieldType, extra: Extra = {}): FieldDefinition {
  return { key, label, group, type, source: { kind: "column", column: key }, ...extra };
}

const derived = (description: string): Extra => ({ derived: true, description });

/** Standard and derived fields; keys are the field keys of the format. */
export const STANDARD_FIELDS: readonly FieldDefinition[] = [
  column("email", "Email", "Profile", "text", { storedLowerCase: true }),
  column("firstName", "First name", "Profile", "text"),
  column("lastName", "Last name", "Profile", "text"),
  column("phone", "Phone", "Profile", "text"),
  column("birthDate", "Birth date", "Profile", "date"),
  {
    key: "age", label: "Age", group: "Profile", type: "number", source: { kind: "age" },
    ...derived("Whole years from the birth date to today in the workspace's time zone."),
  },
  column("gender", "Gender", "Profile", "select", { options: GENDER_OPTIONS }),
  column("language", "Language", "Profile", "text", { description: "BCP 47 language tag, e.g. en-GB." }),
  column("maritalStatus", "Marital status", "Profile", "text"),
  column("education", "Education", "Profile", "text"),
  column("income", "Income", "Profile", "money"),
  column("tags", "Tags", "Profile", "tags", { storedLowerCase: true }),
  column("country", "Country", "Location", "text", { description: "ISO 3166-1 alpha-2 code, e.g. PL.", storedUpperCase: true }),
  column("region", "Region", "Location", "text"),
  column("city", "City", "Location", "text"),
  column("company", "Company", "Company", "text"),
  column("jobTitle", "Job title", "Company", "text"),
  column("industry", "Industry", "Company", "text"),
  column("companySize", "Company size", "Company", "number", { integer: true }),
  column("ordersCount", "Orders", "Purchases", "number", { ...derived("Number of paid orders."), integer: true }),
  column("totalSpent", "Total spent", "Purchases", "money", derived("Sum of paid order totals.")),
  column("averageOrderValue", "Average order value", "Purchases", "money", derived("Total spent ÷ paid orders; empty without orders.")),
  column("firstOrderAt", "First order", "Purchases", "datetime", derived("When the first paid order was placed.")),
  column("lastOrderAt", "Last order", "Purchases", "datetime", derived("When the latest paid order was placed.")),
  column("lifecycleStage", "Lifecycle stage", "Activity", "select", { options: LIFECYCLE_STAGE_OPTIONS }),
  column("emailOptIn", "Email opt-in", "Activity", "boolean"),
  column("source", "Source", "Activity", "text"),
  column("signedUpAt", "Signed up", "Activity", "datetime"),
  column("lastSeenAt", "Last seen", "Activity", "datetime"),
  column("createdAt", "Created", "Activity", "datetime"),
];
