import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireContext } from "@/lib/auth/context";
import { customerFormSections, customerFormValues } from "@/lib/customers/form";
import { getCustomer } from "@/lib/customers/queries";
import { customerDisplayName } from "@/lib/customers/display";
import { getCatalog } from "@/lib/fields/queries";
import { EditCustomerForm } from "./edit-customer-form";

export const metadata: Metadata = { title: "Edit customer" };

export default async function EditCustomerPage({ params }: { params: Promise<{ workspace: string; customerId: string }> }) {
  const { workspace, customerId } = await params;
  const ctx = await requireContext(workspace, "customers.write");
  const [customer, catalog] = await Promise.all([getCustomer(ctx, customerId), getCatalog(ctx)]);
  if (!customer) notFound();
  const sections = customerFormSections(catalog);
  const profile = `/w/${ctx.workspaceSlug}/customers/${customer.id}`;
  return (
    <div className="mx-auto max-w-4xl space-y-6">
      <div>
        <Link href={profile} className="text-sm text-slate-500 hover:text-slate-900">
          ← {customerDisplayName(customer)}
        </Link>
        <h1 className="mt-2 text-2xl font-semibold tracking-tight text-slate-900">Edit customer</h1>
        <p className="mt-1 text-sm text-slate-500">Dates and times are in {ctx.timeZone}. Order stats are computed from orders and can&apos;t be edited.</p>
      </div>
      <EditCustomerForm workspace={ctx.workspaceSlug} customerId={customer.id} sections={sections} initialValues={customerFormValues(sections, customer, ctx.timeZone)} />
    </div>
  );
}
