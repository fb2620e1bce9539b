import type { ApiAccess } from "@/lib/api/keys/authenticate";
import { API_KEY_ACCESS_LABELS } from "@/lib/api/keys/schemas";

/** The access choices with a one-line explanation each, in the order the dialog offers them. */
export const ACCESS_CHOICES: readonly { value: ApiAccess; label: string; hint: string }[] = [
  { value: "read", label: API_KEY_ACCESS_LABELS.read, hint: "Reads customers, orders, custom fields and segments. Cannot change anything." },
  {
    value: "read_write",
    label: API_KEY_ACCESS_LABELS.read_write,
    hint: "Also adds, updates and deletes customers, orders, events and segments.",
  },
];

/** What anyone holding the key can do, for the warning next to a new secret. */
export function accessWarning(access: ApiAccess): string {
  return `Anyone with this key can ${access === "read" ? "read" : "read and change"} this workspace's data through the API.`;
}
