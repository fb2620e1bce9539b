import type { Metadata } from "next";
import type { CustomFieldView } from "@/components/custom-fields/custom-field-dialog";
import { requireContext } from "@/lib/auth/context";
import { listCustomFields } from "@/lib/custom-fields/queries";
import { FieldsManager } from "./fields-manager";

export const metadata: Metadata = { title: "Custom fields" };

export default async function CustomFieldsPage({ params }: { params: Promise<{ workspace: string }> }) {
  const { workspace } = await params;
  const ctx = await requireContext(workspace, "fields.manage");
  const fields: CustomFieldView[] = (await listCustomFields(ctx)).map((f) => ({
    id: f.id,
    key: f.key,
    label: f.label,
    type: f.type,
    options: f.options,
    description: f.description,
    archived: f.archived,
  }));
  return <FieldsManager workspace={ctx.workspaceSlug} fields={fields} />;
}
