/**
 * Every audit action the app writes, in one registry: its label, its group (for the page's filter)
 * and how its details read. An action missing here still shows, under its raw name, with its
 * details rendered generically (lib/audit/describe.ts). Pure and client-safe.
 */
import { API_KEY_ACCESS_LABELS } from "@/lib/api/keys/schemas";
import { ROLE_LABELS, type Role } from "@/lib/auth/permissions";
import { FIELD_TYPE_LABELS } from "@/lib/fields/catalog";
import { formatCount } from "@/lib/format";
import { changeOf, describeGeneric, formatValue, list, num, str, type AuditDetail, type DescribeHelpers, type DiffObject } from "./describe";

export type AuditGroup = "members" | "security" | "api_keys" | "webhooks" | "customers" | "orders" | "imports" | "segments" | "fields" | "settings" | "exports";

/** The groups in the order the filter lists them. */
export const AUDIT_GROUPS: readonly { key: AuditGroup; label: string }[] = [
  { key: "members", label: "Members and invitations" },
  { key: "security", label: "Passwords and sign-in" },
  { key: "api_keys", label: "API keys" },
  { key: "webhooks", label: "Webhooks" },
  { key: "customers", label: "Customers" },
  { key: "orders", label: "Orders" },
  { key: "imports", label: "Imports" },
  { key: "segments", label: "Segments" },
  { key: "fields", label: "Custom fields" },
  { key: "settings", label: "Workspace settings" },
  { key: "exports", label: "Exports" },
];

/** One action: how the page names it and reads its details. */
export interface AuditActionDefinition {
  label: string;
  group: AuditGroup;
  /** The details of an entry; without it, every key of the diff is shown generically. */
  describe?: (diff: DiffObject, h: DescribeHelpers) => AuditDetail[];
}

const roleLabel = (role: unknown) => (typeof role === "string" && role in ROLE_LABELS ? ROLE_LABELS[role as Role] : formatValue(role));
const typeLabel = (type: unknown) => (typeof type === "string" && type in FIELD_TYPE_LABELS ? FIELD_TYPE_LABELS[type as keyof typeof FIELD_TYPE_LABELS] : formatValue(type));
const capitalized = (s: unknown) => (typeof s === "string" && s ? s[0].toUpperCase() + s.slice(1) : formatValue(s));

const value = (label: string, text: string | null | undefined): AuditDetail[] => (text ? [{ kind: "value", label, value: text }] : []);

function fieldList(h: DescribeHelpers, keys: unknown): string | null {
  return Array.isArray(keys) && keys.length > 0 ? keys.map((k) => h.fieldLabel(String(k))).join(", ") : null;
}

function optionLabels(options: unknown): string | null {
  if (!Array.isArray(options) || options.length === 0) return null;
  return options.map((o) => (o && typeof o === "object" && "label" in o ? String((o as { label: unknown }).label) : formatValue(o))).join(", ");
}

// A { from, to } change with its values shown through format.
function changed(label: string, diff: DiffObject, key: string, format: (v: unknown) => string = formatValue): AuditDetail[] {
  const c = changeOf(diff[key]);
  return c ? [{ kind: "change", label, from: format(c.from), to: format(c.to) }] : [];
}

function member(diff: DiffObject): AuditDetail[] {
  return [...value("Email", str(diff, "email")), ...(diff.role !== undefined ? value("Role", roleLabel(diff.role)) : [])];
}

function importCounts(diff: DiffObject): AuditDetail[] {
  const counts = (["created", "updated", "skipped", "failed"] as const)
    .map((k) => (num(diff, k) !== null ? `${formatCount(num(diff, k) ?? 0)} ${k}` : null))
    .filter(Boolean)
    .join(", ");
  return [
    ...value("File", str(diff, "fileName")),
    ...value("Type", capitalized(diff.type)),
    ...value("Result", str(diff, "status") ? capitalized(diff.status) : null),
    ...value("Rows", counts || null),
    ...value("Error", str(diff, "error")),
  ];
}

const customFieldChange = (diff: DiffObject): AuditDetail[] => [
  ...value("Key", str(diff, "key")),
  ...changed("Label", diff, "label"),
  ...changed("Type", diff, "type", typeLabel),
  ...changed("Options", diff, "options", (v) => optionLabels(v) ?? "none"),
  ...changed("Description", diff, "description"),
];

function segmentUpdate(diff: DiffObject): AuditDetail[] {
  const changes = diff.changes && typeof diff.changes === "object" && !Array.isArray(diff.changes) ? (diff.changes as DiffObject) : {};
  const details = [...changed("Name", changes, "name"), ...changed("Description", changes, "description"), ...changed("Rules", changes, "rules")];
  if (details.length === 0) return [...value("Name", str(diff, "name")), { kind: "note", text: diff.changes ? "Saved without changes" : "Saved (changes were not recorded by this version)" }];
  return details;
}

function rfmRules(diff: DiffObject): AuditDetail[] {
  const changes = Array.isArray(diff.changed) ? diff.changed : [];
  return [
    ...value("Preset", str(diff, "preset")),
    ...value("Added", list(diff.added)),
    ...value("Removed", list(diff.removed)),
    ...changes.flatMap((c): AuditDetail[] => {
      const entry = (c ?? {}) as DiffObject;
      return [{ kind: "change", label: `Rule “${formatValue(entry.name)}”`, from: formatValue(entry.from), to: formatValue(entry.to) }];
    }),
    ...(diff.reordered === true ? [{ kind: "note", text: "Rules reordered" } as AuditDetail] : []),
    ...(num(diff, "rules") !== null ? value("Rules now", formatCount(num(diff, "rules") ?? 0)) : []),
  ];
}

function customerExport(diff: DiffObject, h: DescribeHelpers): AuditDetail[] {
  const segment = diff.segment && typeof diff.segment === "object" ? (diff.segment as DiffObject) : null;
  return [
    ...value("Search", str(diff, "search")),
    ...(segment ? value(segment.exclude === true ? "Not in segment" : "In segment", h.segmentName(String(segment.id))) : []),
    ...value("Sorted by", str(diff, "sort") ? `${h.fieldLabel(String(diff.sort))}${diff.direction === "desc" ? " (descending)" : ""}` : null),
    ...value("Columns", fieldList(h, diff.columns)),
  ];
}

// Name, visible prefix and access in words; anything else the entry holds is shown generically.
// URL first; a change of URL, events or segments as from → to; the rest generically (reason, segments…).
function webhook(diff: DiffObject, h: DescribeHelpers): AuditDetail[] {
  const { url, ...rest } = diff;
  return [...(typeof url === "string" ? value("URL", url) : changed("URL", diff, "url")), ...describeGeneric(rest, h)];
}

function apiKey(diff: DiffObject, h: DescribeHelpers): AuditDetail[] {
  const { name, prefix, access, ...rest } = diff;
  const accessText = typeof access === "string" && access in API_KEY_ACCESS_LABELS ? API_KEY_ACCESS_LABELS[access as keyof typeof API_KEY_ACCESS_LABELS] : null;
  return [
    ...value("Name", typeof name === "string" ? name : null),
    ...value("Key", typeof prefix === "string" && prefix ? `${prefix}…` : null),
    ...value("Access", accessText ?? (access === undefined ? null : formatValue(access))),
    ...describeGeneric(rest, h),
  ];
}

/** The registry: action name → definition. Names are stored in AuditLog.action and never renamed. */
export const AUDIT_ACTIONS: Readonly<Record<string, AuditActionDefinition>> = {
  "member.add": { label: "Member added", group: "members", describe: (d) => [...member(d), ...(d.createdUser === true ? [{ kind: "note", text: "A new account was created" } as AuditDetail] : [])] },
  "member.remove": { label: "Member removed", group: "members", describe: member },
  "member.role_change": { label: "Role changed", group: "members", describe: (d) => [...value("Email", str(d, "email")), { kind: "change", label: "Role", from: roleLabel(d.from), to: roleLabel(d.to) }] },
  "invitation.create": { label: "Invitation sent", group: "members", describe: member },
  "invitation.resend": { label: "Invitation resent", group: "members", describe: member },
  "invitation.revoke": { label: "Invitation revoked", group: "members", describe: member },
  "invitation.accept": { label: "Invitation accepted", group: "members", describe: member },
  "member.reset_link": { label: "Password reset link issued", group: "security", describe: member },
  "user.password_change": { label: "Password changed", group: "security" },
  "user.password_reset": { label: "Password reset", group: "security" },
  "api_key.create": { label: "API key created", group: "api_keys", describe: apiKey },
  "api_key.revoke": { label: "API key revoked", group: "api_keys", describe: apiKey },
  "webhook.create": { label: "Webhook endpoint added", group: "webhooks", describe: webhook },
  "webhook.update": { label: "Webhook endpoint changed", group: "webhooks", describe: webhook },
  "webhook.enable": { label: "Webhook endpoint enabled", group: "webhooks", describe: webhook },
  "webhook.disable": { label: "Webhook endpoint disabled", group: "webhooks", describe: webhook },
  "webhook.rotate_secret": { label: "Webhook secret rotated", group: "webhooks", describe: webhook },
  "webhook.delete": { label: "Webhook endpoint deleted", group: "webhooks", describe: webhook },
  "customer.create": { label: "Customer created", group: "customers", describe: (d, h) => value("Fields set", fieldList(h, d.fields)) },
  "customer.update": { label: "Customer edited", group: "customers", describe: (d, h) => value("Fields changed", fieldList(h, d.fields)) },
  "customer.delete": {
    label: "Customer erased",
    group: "customers",
    describe: (d) => value("Also erased", [["orders", "orders"], ["orderItems", "order lines"], ["events", "events"]].map(([k, w]) => `${formatCount(num(d, k) ?? 0)} ${w}`).join(", ")),
  },
  "customer.consent": { label: "Email consent changed", group: "customers" },
  "order.create": { label: "Order added", group: "orders", describe: (d) => [...value("Status", capitalized(d.status)), ...(num(d, "items") !== null ? value("Lines", formatCount(num(d, "items") ?? 0)) : [])] },
  "order.status_change": { label: "Order status changed", group: "orders", describe: (d) => [{ kind: "change", label: "Status", from: capitalized(d.from), to: capitalized(d.to) }] },
  "order.delete": { label: "Order deleted", group: "orders", describe: () => [] },
  "order.update": { label: "Order replaced through the API", group: "orders", describe: (d) => [...value("Status", capitalized(d.status)), ...(num(d, "items") !== null ? value("Lines", formatCount(num(d, "items") ?? 0)) : [])] },
  "customer.batch": { label: "Customers written through the API (batch)", group: "customers" },
  "order.batch": { label: "Orders written through the API (batch)", group: "orders" },
  "event.batch": { label: "Events recorded through the API (batch)", group: "customers" },
  "import.start": { label: "Import started", group: "imports", describe: (d) => [...value("File", str(d, "fileName")), ...value("Type", capitalized(d.type)), ...(num(d, "rows") !== null ? value("Rows", formatCount(num(d, "rows") ?? 0)) : [])] },
  "import.finish": { label: "Import finished", group: "imports", describe: importCounts },
  "segment.create": { label: "Segment created", group: "segments", describe: (d) => value("Name", str(d, "name")) },
  "segment.update": { label: "Segment saved", group: "segments", describe: segmentUpdate },
  "segment.delete": { label: "Segment deleted", group: "segments", describe: (d) => value("Name", str(d, "name")) },
  "custom_field.create": {
    label: "Custom field created",
    group: "fields",
    describe: (d) => [...value("Label", str(d, "label")), ...value("Key", str(d, "key")), ...value("Type", typeLabel(d.type)), ...value("Options", optionLabels(d.options))],
  },
  "custom_field.update": { label: "Custom field changed", group: "fields", describe: customFieldChange },
  "custom_field.archive": { label: "Custom field archived", group: "fields", describe: (d) => value("Key", str(d, "key")) },
  "custom_field.unarchive": { label: "Custom field restored", group: "fields", describe: (d) => value("Key", str(d, "key")) },
  "job.retry": { label: "Failed job retried", group: "settings", describe: (d) => [...value("Job", str(d, "kind")), ...value("Last error", str(d, "error"))] },
  "rfm.rules_update": { label: "RFM segment rules changed", group: "settings", describe: rfmRules },
  "customer.export": { label: "Customers exported", group: "exports", describe: customerExport },
  "segment.export": { label: "Segment members exported", group: "exports", describe: (d, h) => value("Columns", fieldList(h, d.columns)) },
  "audit.export": { label: "Audit log exported", group: "exports" },
};

/** The action's label, or its raw name when the registry does not know it. */
export function auditActionLabel(action: string): string {
  return AUDIT_ACTIONS[action]?.label ?? action;
}

/** The details of an entry in words; never throws on an unexpected diff shape. */
export function describeAuditEntry(action: string, diff: unknown, h: DescribeHelpers): AuditDetail[] {
  const object: DiffObject = diff && typeof diff === "object" && !Array.isArray(diff) ? (diff as DiffObject) : {};
  const describe = AUDIT_ACTIONS[action]?.describe;
  try {
    return describe ? describe(object, h) : describeGeneric(object, h);
  } catch {
    return describeGeneric(object, h);
  }
}

/** The actions of a group, in registry order. */
export function actionsOfGroup(group: AuditGroup): string[] {
  return Object.entries(AUDIT_ACTIONS)
    .filter(([, d]) => d.group === group)
    .map(([name]) => name);
}

/** A group key, when the string is one. */
export function asAuditGroup(value: string): AuditGroup | null {
  return AUDIT_GROUPS.some((g) => g.key === value) ? (value as AuditGroup) : null;
}
