/**
 * An audit entry as people read it, shared by the page and the CSV: who (a person, a former member,
 * the command line), what (the entity, with a link while it exists) and the details in words. Pure.
 */
import { findField, type FieldCatalog } from "@/lib/fields/catalog";
import { auditActionLabel, describeAuditEntry } from "./actions";
import { humanizeKey, type AuditDetail, type DescribeHelpers } from "./describe";
import type { AuditEntityState, AuditRow } from "./queries";

/** Who acted: a name, their email when known, and a note ("former member"). */
export interface AuditActorView {
  name: string;
  email: string | null;
  note: string | null;
}

/** What an entry is about: a label, and a link while the entity exists. */
export interface AuditEntityView {
  type: string;
  label: string;
  href: string | null;
}

/** Everything a row of the page shows. */
export interface AuditEntryView {
  id: string;
  createdAt: string;
  actor: AuditActorView;
  action: string;
  actionLabel: string;
  entity: AuditEntityView;
  details: AuditDetail[];
}

const KEY_LABELS: Readonly<Record<string, string>> = { id: "ID", externalId: "External ID", name: "Name" };

/** Describe helpers for a workspace: field labels from its catalog, segment names from the given map. */
export function describeHelpers(timeZone: string, catalog: FieldCatalog, segmentNames: ReadonlyMap<string, string>): DescribeHelpers {
  return {
    timeZone,
    fieldLabel: (key) => findField(catalog, key)?.label ?? KEY_LABELS[key] ?? key,
    segmentName: (id) => segmentNames.get(id.toLowerCase()) ?? "a deleted segment",
  };
}

type ActorFields = "actorId" | "actorRemoved" | "actorName" | "actorEmail" | "actorIsMember";
type ApiKeyFields = "apiKeyId" | "apiKeyName" | "apiKeyPrefix";

/**
 * Who made an entry: an API key (the public API; "API key Shop sync (sgm_Ab12Cd34…)", with the
 * prefix the keys page shows), the command line (no person), a deleted account, or a user (noting
 * a former member).
 */
export function actorView(row: Pick<AuditRow, ActorFields> & Partial<Pick<AuditRow, ApiKeyFields>>): AuditActorView {
  if (row.apiKeyId) {
    if (!row.apiKeyName) return { name: "API key", email: null, note: "key no longer exists" };
    return { name: `API key ${row.apiKeyName}${row.apiKeyPrefix ? ` (${row.apiKeyPrefix}…)` : ""}`, email: null, note: null };
  }
  if (!row.actorId) {
    return row.actorRemoved ? { name: "Former member", email: null, note: "account deleted" } : { name: "Command line / system", email: null, note: null };
  }
  return { name: row.actorName ?? "Unknown person", email: row.actorEmail, note: row.actorIsMember ? null : "former member" };
}

const TYPE_LABELS: Readonly<Record<string, string>> = {
  segment: "Segment", customer: "Customer", custom_field: "Custom field", member: "Member", order: "Order", import: "Import",
  invitation: "Invitation", user: "Account", api_key: "API key", rfm: "RFM", audit: "Audit log",
};

const LINKED: ReadonlySet<string> = new Set(["segment", "customer", "custom_field"]);

/** The name an entry recorded for its entity (a segment's name, a member's email, a file name), if any. */
export function recordedName(diff: unknown): string | null {
  if (!diff || typeof diff !== "object") return null;
  for (const key of ["name", "label", "email", "fileName", "key"]) {
    const v = (diff as Record<string, unknown>)[key];
    if (typeof v === "string" && v) return v;
  }
  return null;
}

/** The entity an entry names, linked when it is a segment, customer or custom field that still exists. */
export function entityView(row: Pick<AuditRow, "entityType" | "entityId" | "diff">, entities: ReadonlyMap<string, AuditEntityState>, workspaceSlug: string): AuditEntityView {
  const type = TYPE_LABELS[row.entityType] ?? humanizeKey(row.entityType);
  const current = row.entityId ? entities.get(`${row.entityType}:${row.entityId.toLowerCase()}`) : undefined;
  const base = `/w/${workspaceSlug}`;
  const href = !current || !row.entityId
    ? null
    : row.entityType === "segment" ? `${base}/segments/${row.entityId}`
    : row.entityType === "customer" ? `${base}/customers/${row.entityId}`
    : row.entityType === "custom_field" ? `${base}/fields`
    : null;
  const recorded = recordedName(row.diff);
  if (current) return { type, label: current.name, href };
  if (row.entityId && LINKED.has(row.entityType)) return { type, label: recorded ? `${recorded} (deleted)` : `Deleted ${type.toLowerCase()}`, href: null };
  if (row.entityType === "customer") return { type, label: "Customers", href: null };
  return { type, label: recorded ?? type, href: null };
}

/** An entry as the page shows it. */
export function auditEntryView(row: AuditRow, h: DescribeHelpers, entities: ReadonlyMap<string, AuditEntityState>, workspaceSlug: string): AuditEntryView {
  return {
    id: row.id,
    createdAt: row.createdAt.toISOString(),
    actor: actorView(row),
    action: row.action,
    actionLabel: auditActionLabel(row.action),
    entity: entityView(row, entities, workspaceSlug),
    details: describeAuditEntry(row.action, row.diff, h),
  };
}
