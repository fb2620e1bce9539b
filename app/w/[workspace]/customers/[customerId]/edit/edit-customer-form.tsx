"use client";

import { useRouter } from "next/navigation";
import { CustomerForm } from "@/components/customers/customer-form";
import type { FormSection, FormValue } from "@/lib/customers/form";
import { updateCustomerAction } from "../actions";

/** The edit form, wired to updateCustomerAction; returns to the profile when saved. */
export function EditCustomerForm({
  workspace,
  customerId,
  sections,
  initialValues,
}: {
  workspace: string;
  customerId: string;
  sections: FormSection[];
  initialValues: Record<string, FormValue>;
}) {
  const router = useRouter();
  const profile = `/w/${workspace}/customers/${customerId}`;
  return (
    <CustomerForm
      sections={sections}
      initialValues={initialValues}
      submitLabel="Save changes"
      cancelHref={profile}
      onlyChanged
      onSubmit={async (values) => {
        const result = await updateCustomerAction({ workspace, customerId, values, locale: navigator.language });
        if (result.ok) router.push(`${profile}?saved=1`);
        return result.ok ? { ok: true } : result;
      }}
    />
  );
}
