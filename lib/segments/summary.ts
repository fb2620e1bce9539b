/**
 * A whole segment in one plain-English sentence, for the top of the builder and the read-only view:
 * "Customers in Poland or Germany who placed at least 1 order in the last 90 days and did not open an
 * email in the last 30 days". Uses the catalog's field and option labels and country / language names.
 * Pure and client-safe.
 */
import { findField, type FieldCatalog, type FieldDefinition } from "@/lib/fields/catalog";
import type { ConditionNode, GroupNode, Window } from "./schema";

/** What a summary needs besides the definition. */
export interface SummaryContext {
  catalog: FieldCatalog;
  /** Saved segments' names by id, for segment conditions. */
  segmentNames?: ReadonlyMap<string, string>;
}

/** Known events in words: the past tense for "who …", the base form for "who did not …". */
const EVENT_WORDS: Readonly<Record<string, { past: string; base: string }>> = {
  email_opened: { past: "opened an email", base: "open an email" },
  email_clicked: { past: "clicked an email", base: "click an email" },
  cart_abandoned: { past: "abandoned a cart", base: "abandon a cart" },
  product_viewed: { past: "viewed a product", base: "view a product" },
  page_view: { past: "viewed a page", base: "view a page" },
  app_login: { past: "logged in to the app", base: "log in to the app" },
};

const plural = (n: number, unit: string) => `${n.toLocaleString("en-US")} ${unit}${n === 1 ? "" : "s"}`;
const quote = (s: string) => `“${s}”`;

function displayName(kind: "region" | "language", code: string): string {
  try {
    const name = new Intl.DisplayNames(["en"], { type: kind }).of(kind === "region" ? code.toUpperCase() : code);
    return name && name.toLowerCase() !== code.toLowerCase() ? name : code;
  } catch {
    return code;
  }
}

/** One stored value as a person reads it: option label, country or language name, formatted number. */
function valueWords(field: FieldDefinition | undefined, value: unknown): string {
  if (typeof value === "number") return field?.type === "money" ? value.toLocaleString("en-US", { maximumFractionDigits: 2 }) : value.toLocaleString("en-US");
  if (typeof value !== "string") return String(value);
  const option = field?.options?.find((o) => o.key === value);
  if (option) return option.label;
  if (field?.key === "country") return displayName("region", value);
  if (field?.key === "language") return displayName("language", value);
  return field?.type === "date" || field?.type === "datetime" || LOCATION.has(field?.key ?? "") ? value : quote(value);
}

/** "A, B or C" (or "and"). */
function list(values: readonly string[], joiner: "or" | "and" | "nor"): string {
  if (values.length <= 1) return values[0] ?? "";
  return `${values.slice(0, -1).join(", ")} ${joiner} ${values[values.length - 1]}`;
}

function windowWords(window: Window | undefined): string {
  if (!window || window.type === "ever") return "";
  if (window.type === "last") return ` in the last ${plural(window.amount, window.unit)}`;
  return ` between ${window.from} and ${window.to}`;
}

const LOCATION = new Set(["country", "region", "city"]);

/** A field condition as a clause starting with "whose", "in", "with" or "who". */
function fieldClause(node: Extract<ConditionNode, { type: "field" }>, ctx: SummaryContext, negate: boolean): string {
  const field = findField(ctx.catalog, node.field);
  const label = (field?.label ?? node.field).toLowerCase();
  const values = Array.isArray(node.value) ? node.value.map((v) => valueWords(field, v)) : [];
  const one = valueWords(field, node.value);
  const not = negate ? " not" : "";
  const rel = node.value as { amount: number; unit: string } | undefined;
  if (LOCATION.has(node.field) && (node.operator === "in" || node.operator === "eq")) {
    return `${negate ? "outside" : "in"} ${node.operator === "in" ? list(values, "or") : one}`;
  }
  const special = specialClause(node, negate);
  if (special) return special;
  switch (node.operator) {
    case "eq": return `whose ${label} is${not} ${one}`;
    case "neq": return `whose ${label} is${negate ? "" : " not"} ${one}`;
    case "in": return `whose ${label} is${not} ${list(values, "or")}`;
    case "not_in": return negate ? `whose ${label} is ${list(values, "or")}` : `whose ${label} is neither ${list(values, "nor")}`;
    case "contains": return `whose ${label}${negate ? " does not contain" : " contains"} ${one}`;
    case "not_contains": return `whose ${label}${negate ? " contains" : " does not contain"} ${one}`;
    case "starts_with": return `whose ${label}${negate ? " does not start" : " starts"} with ${one}`;
    case "ends_with": return `whose ${label}${negate ? " does not end" : " ends"} with ${one}`;
    case "has_any": return `whose ${label}${negate ? " include none of" : " include"} ${list(values, "or")}`;
    case "has_all": return `whose ${label}${negate ? " do not include all of" : " include"} ${list(values, "and")}`;
    case "has_none": return `whose ${label}${negate ? " include" : " include none of"} ${list(values, "or")}`;
    case "lt": return `whose ${label} is${not} ${dateField(field) ? "before" : "below"} ${one}`;
    case "lte": return `whose ${label} is${not} ${dateField(field) ? "on or before" : "at most"} ${one}`;
    case "gt": return `whose ${label} is${not} ${dateField(field) ? "after" : "above"} ${one}`;
    case "gte": return `whose ${label} is${not} ${dateField(field) ? "on or after" : "at least"} ${one}`;
    case "between": return `whose ${label} is${not} between ${valueWords(field, (node.value as unknown[])[0])} and ${valueWords(field, (node.value as unknown[])[1])}`;
    case "in_last": return `whose ${label} was${not} in the last ${plural(rel!.amount, rel!.unit)}`;
    case "more_than_ago": return `whose ${label} was${not} more than ${plural(rel!.amount, rel!.unit)} ago`;
    case "in_next": return `whose ${label} is${not} in the next ${plural(rel!.amount, rel!.unit)}`;
    case "anniversary_in_next":
      return node.field === "birthDate"
        ? `whose birthday ${negate ? "is not" : "is"} ${rel!.amount === 0 ? "today" : `in the next ${plural(rel!.amount, "day")}`}`
        : `whose ${label} anniversary ${negate ? "is not" : "is"} in the next ${plural(rel!.amount, "day")}`;
    case "is_true": return `whose ${label} is ${negate ? "not " : ""}yes`;
    case "is_false": return `whose ${label} is ${negate ? "not " : ""}no`;
    case "is_empty": return negate ? `with a ${label}` : `with no ${label}`;
    case "is_not_empty": return negate ? `with no ${label}` : `with a ${label}`;
    default: return `whose ${label} ${node.operator} ${one}`;
  }
}

/** Fields that read better as a verb than as "whose … is": orders and email consent. */
function specialClause(node: Extract<ConditionNode, { type: "field" }>, negate: boolean): string | null {
  if (node.field === "emailOptIn") {
    // "Not yes" includes the never asked, so it is "not opted in", never "declined".
    const words: Partial<Record<string, [string, string]>> = {
      is_true: ["who accept email", "who have not opted in to email"],
      is_false: ["who declined email", "who have not declined email"],
      is_empty: ["who were never asked about email", "who answered about email"],
      is_not_empty: ["who answered about email", "who were never asked about email"],
    };
    const pair = words[node.operator];
    if (pair) return pair[negate ? 1 : 0];
  }
  if (node.field === "ordersCount" && typeof node.value === "number" && COUNT_WORDS[node.operator]) {
    if (isNone(node.operator, node.value) && !negate) return "with no orders";
    const many = node.value === 1 && node.operator !== "gt" && node.operator !== "lt" ? "order" : "orders";
    return `${negate ? "without" : "with"} ${COUNT_WORDS[node.operator]} ${node.value.toLocaleString("en-US")} ${many}`;
  }
  return null;
}

const dateField = (f: FieldDefinition | undefined) => f?.type === "date" || f?.type === "datetime";

const COUNT_WORDS: Readonly<Record<string, string>> = { eq: "exactly", neq: "other than", lt: "fewer than", lte: "at most", gt: "more than", gte: "at least" };
const AMOUNT_WORDS: Readonly<Record<string, string>> = { eq: "exactly", neq: "other than", lt: "less than", lte: "at most", gt: "more than", gte: "at least" };

function comparison(words: Readonly<Record<string, string>>, operator: string, value: unknown, money: boolean): string {
  const num = (v: unknown) => (typeof v === "number" ? v.toLocaleString("en-US", money ? { maximumFractionDigits: 2 } : {}) : String(v));
  if (operator === "between" && Array.isArray(value)) return `between ${num(value[0])} and ${num(value[1])}`;
  return `${words[operator] ?? operator} ${num(value)}`;
}

/** "no orders" / "none" forms: a count compared so that zero is the only match (eq 0, lt 1, lte 0). */
function isNone(operator: string, value: unknown): boolean {
  return (operator === "eq" && value === 0) || (operator === "lt" && value === 1) || (operator === "lte" && value === 0);
}

/** "At least once" forms: gte 1 or gt 0. */
function isAny(operator: string, value: unknown): boolean {
  return (operator === "gte" && value === 1) || (operator === "gt" && value === 0);
}

function ordersClause(node: Extract<ConditionNode, { type: "orders" }>, negate: boolean): string {
  const when = windowWords(node.window);
  const categories = node.filter?.categories?.length ? ` in ${list(node.filter.categories.map(quote), "or")}` : "";
  const status = node.filter?.status && !(node.filter.status.length === 1 && node.filter.status[0] === "paid") ? ` (${list(node.filter.status, "or")} orders)` : "";
  if (node.measure === "count") {
    const none = isNone(node.operator, node.value);
    const any = isAny(node.operator, node.value);
    if ((none && !negate) || (any && negate)) return `who placed no orders${categories}${when}${status}`;
    if (any || none) return `who placed at least 1 order${categories}${when}${status}`;
    const n = comparison(COUNT_WORDS, node.operator, node.value, false);
    const many = typeof node.value === "number" && node.value === 1 && node.operator !== "between" ? "order" : "orders";
    return `who ${negate ? "did not place" : "placed"} ${n} ${many}${categories}${when}${status}`;
  }
  const amount = comparison(AMOUNT_WORDS, node.operator, node.value, true);
  if (node.measure === "sum") return `who ${negate ? "did not spend" : "spent"} ${amount}${categories}${when}${status}`;
  return `whose average order${categories}${when} was ${negate ? "not " : ""}${amount}${status}`;
}

function eventClause(node: Extract<ConditionNode, { type: "event" }>, negate: boolean): string {
  const words = EVENT_WORDS[node.name] ?? { past: `had the event ${quote(node.name)}`, base: `have the event ${quote(node.name)}` };
  const when = windowWords(node.window);
  const where = node.where?.length ? ` (where ${list(node.where.map((f) => `${f.property} ${PROPERTY_WORDS[f.operator] ?? f.operator} ${typeof f.value === "string" ? quote(f.value) : String(f.value)}`), "and")})` : "";
  const none = isNone(node.operator, node.value);
  const any = isAny(node.operator, node.value);
  if ((none && !negate) || (any && negate)) return `who did not ${words.base}${when}${where}`;
  if (any || none) return `who ${words.past}${when}${where}`;
  const times = comparison(COUNT_WORDS, node.operator, node.value, false);
  return `who ${negate ? `did not ${words.base}` : words.past} ${times} ${node.value === 1 ? "time" : "times"}${when}${where}`;
}

const PROPERTY_WORDS: Readonly<Record<string, string>> = { eq: "is", neq: "is not", contains: "contains", lt: "below", lte: "at most", gt: "above", gte: "at least" };

/** One node as a clause; `negate` is a NOT around it (a negated group of one). */
function clause(node: ConditionNode, ctx: SummaryContext, negate = false): string {
  switch (node.type) {
    case "group":
      if (node.children.length === 1) return clause(node.children[0], ctx, negate !== node.negate);
      return groupClause(node, ctx, negate);
    case "field": return fieldClause(node, ctx, negate);
    case "orders": return ordersClause(node, negate);
    case "event": return eventClause(node, negate);
    case "segment": {
      const name = quote(ctx.segmentNames?.get(node.segmentId) ?? "a deleted segment");
      return `who are ${(node.operator === "not_in") !== negate ? "not " : ""}in the segment ${name}`;
    }
    case "rfm":
      return `${(node.operator === "not_in") !== negate ? "outside" : "in"} the RFM group${node.value.length > 1 ? "s" : ""} ${list(node.value.map(quote), "or")}`;
  }
}

function groupClause(group: GroupNode, ctx: SummaryContext, outerNegate: boolean): string {
  const parts = group.children.map((c) => clause(c, ctx));
  const negate = group.negate !== outerNegate;
  if (negate) return `not ${group.combinator === "or" ? "" : "all of "}(${list(parts, group.combinator === "or" ? "or" : "and")})`;
  return `(${list(parts, group.combinator === "or" ? "or" : "and")})`;
}

/**
 * The definition's root in one sentence. Location clauses come first ("Customers in Poland who …"); the
 * rest keep their order.
 */
export function summarizeRoot(root: GroupNode, ctx: SummaryContext): string {
  if (root.children.length === 0) return "No conditions yet: every customer would match.";
  const joiner = root.combinator === "or" ? "or" : "and";
  if (root.negate) return `All customers except those ${root.combinator === "or" ? "" : "who match all of these: "}${list(root.children.map((c) => clause(c, ctx)), joiner)}.`;
  const parts = root.children.map((c) => clause(c, ctx));
  if (root.combinator === "or") return `Customers ${list(parts, "or")}.`;
  const lead = parts.filter((p) => /^(in|outside) /.test(p));
  const rest = parts.filter((p) => !/^(in|outside) /.test(p));
  return `Customers ${[lead.join(" and "), list(rest, "and")].filter(Boolean).join(" ")}.`;
}

/** One rule as a phrase for the read-only view ("who placed at least 1 order in the last 90 days"); groups are described by their parts. */
export function ruleText(node: ConditionNode, ctx: SummaryContext): string {
  return clause(node, ctx);
}
