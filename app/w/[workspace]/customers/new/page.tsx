import type { Metadata } from "next";
import Link from "next/link";
import { requireContext } from "@/lib/auth/context";
import { customerFormSections, customerFormValues } from "@/lib/customers/form";
import { getCatalog } from "@/lib/fields/queries";
import { NewCustomerForm } from "./new-customer-form";

export const metadata: Metadata = { title: "New customer" };

export default async function NewCustomerPage({ params }: { params: Promise<{ workspace: string }> }) {
  const { workspace } = await params;
  const ctx = await requireContext(workspace, "customers.write");
  const sections = customerFormSections(await getCatalog(ctx));
  return (
    <div className="mx-auto max-w-4xl space-y-6">
      <div>
        <Link href={`/w/${ctx.workspaceSlug}/customers`} className="text-sm text-slate-500 hover:text-slate-900">
          ← Customers
        </Link>
        <h1 className="mt-2 text-2xl font-semibold tracking-tight text-slate-900">New customer</h1>
        <p className="mt-1 text-sm text-slate-500">Every field is optional except that a customer needs an email or an external ID. Dates and times are in {ctx.timeZone}.</p>
      </div>
      <NewCustomerForm workspace={ctx.workspaceSlug} sections={sections} initialValues={customerFormValues(sections, null, ctx.timeZone)} />
    </div>
  );
}
