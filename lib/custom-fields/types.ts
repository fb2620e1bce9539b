import type { Role } from "@/lib/auth/permissions";
import type { CustomFieldType, FieldOption } from "@/lib/fields/catalog";

/**
 * What the custom field functions need: the workspace, who acts (null for the command line, which
 * has no session) and their role.
 */
export interface CustomFieldsContext {
  workspaceId: string;
  userId: string | null;
  role: Role;
}

/** One custom field definition as stored. */
export interface CustomFieldRow {
  id: string;
  key: string;
  label: string;
  type: CustomFieldType;
  options: FieldOption[];
  description: string | null;
  archived: boolean;
  position: number;
  createdAt: Date;
  updatedAt: Date;
}
