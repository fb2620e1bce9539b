"use client";

import { useRouter } from "next/navigation";
import { CustomerForm } from "@/components/customers/customer-form";
import type { FormSection, FormValue } from "@/lib/customers/form";
import { createCustomerAction } from "./actions";

/** The create form, wired to createCustomerAction; opens the new profile when saved. */
export function NewCustomerForm({ workspace, sections, initialValues }: { workspace: string; sections: FormSection[]; initialValues: Record<string, FormValue> }) {
  const router = useRouter();
  return (
    <CustomerForm
      sections={sections}
      initialValues={initialValues}
      submitLabel="Create customer"
      cancelHref={`/w/${workspace}/customers`}
      onSubmit={async (values) => {
        const result = await createCustomerAction({ workspace, values, locale: navigator.language });
        if (result.ok) router.push(`/w/${workspace}/customers/${result.data.id}?created=1`);
        return result.ok ? { ok: true } : result;
      }}
    />
  );
}
