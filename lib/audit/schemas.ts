/**
 * The audit page's filters and paging as they travel in the URL (and to the CSV export): person,
 * action (one action or a whole group), a date range in the workspace's zone, and a keyset cursor.
 * Unreadable values are dropped rather than refused, so a mangled link still opens the page.
 */
import { z } from "zod";
import { asAuditGroup, AUDIT_ACTIONS, actionsOfGroup } from "./actions";

/** Entries per page. */
export const AUDIT_PAGE_SIZE = 50;

/** The person filter's value for entries without a person (command line, the system). */
export const SYSTEM_ACTOR = "system";

const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d));
const cursorSchema = z.string().regex(/^\d{1,15}\.\d{1,19}$/);
const actionText = z.string().max(100).regex(/^[a-z0-9_.:-]+$/);

const first = (v: unknown) => (Array.isArray(v) ? v[0] : v);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(first, schema.optional().catch(undefined));

/** The URL's search parameters, each dropped when unreadable. */
export const auditSearchSchema = z.object({
  person: optional(z.union([z.uuid(), z.literal(SYSTEM_ACTOR)])),
  action: optional(actionText),
  from: optional(localDate),
  to: optional(localDate),
  before: optional(cursorSchema),
  after: optional(cursorSchema),
});
export type AuditSearch = z.output<typeof auditSearchSchema>;

/** A position in the (createdAt desc, id desc) order: the entry's instant in ms and its id. */
export interface AuditCursor {
  ms: number;
  id: string;
}

/** The filters a list or export applies. */
export interface AuditFilters {
  /** A user id, SYSTEM_ACTOR for entries without a person, or null for everyone. */
  person: string | null;
  /** The action names to keep (one action or a group's), or null for all. */
  actions: string[] | null;
  /** Local dates in the workspace's zone, both inclusive. */
  from: string | null;
  to: string | null;
}

/** The action filter's names: "group:imports" is every action of the group, anything else one action (known or not). */
export function actionsOfFilter(value: string | undefined): string[] | null {
  if (!value) return null;
  if (value.startsWith("group:")) {
    const group = asAuditGroup(value.slice("group:".length));
    return group ? actionsOfGroup(group) : null;
  }
  return [value];
}

/** The filters of a parsed search. A "to" before "from" is swapped rather than matching nothing. */
export function filtersOf(search: AuditSearch): AuditFilters {
  let { from = null, to = null } = search;
  if (from && to && to < from) [from, to] = [to, from];
  return { person: search.person ?? null, actions: actionsOfFilter(search.action), from, to };
}

/** "1764676800000.42" → { ms, id }. */
export function parseCursor(value: string | undefined): AuditCursor | null {
  if (!value || !cursorSchema.safeParse(value).success) return null;
  const [ms, id] = value.split(".");
  return { ms: Number(ms), id };
}

/** The cursor text of an entry. */
export function cursorOf(entry: { createdAt: Date; id: string }): string {
  return `${entry.createdAt.getTime()}.${entry.id}`;
}

/** True when the action is one the registry names (the rest are shown by their raw name). */
export function isKnownAction(action: string): boolean {
  return action in AUDIT_ACTIONS;
}
