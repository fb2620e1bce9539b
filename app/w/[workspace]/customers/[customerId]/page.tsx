import { Download, Pencil } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ProfileEvents } from "@/components/customers/profile-events";
import { ProfileFields } from "@/components/customers/profile-fields";
import { ProfileOrders } from "@/components/customers/profile-orders";
import { ProfileSegmentHistory } from "@/components/customers/profile-segment-history";
import { CustomerSegments } from "@/components/segments/customer-segments";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { buttonClasses } from "@/components/ui/button";
import { requireContext } from "@/lib/auth/context";
import { can } from "@/lib/auth/permissions";
import { customerDisplayName, formatInstant } from "@/lib/customers/display";
import { consentOriginText } from "@/lib/customers/consent";
import { getConsentProvenance, getCustomerProfile, listCustomerEvents } from "@/lib/customers/queries";
import { getCustomerSegmentHistory } from "@/lib/customers/segment-history";
import { findField } from "@/lib/fields/catalog";
import { getCatalog } from "@/lib/fields/queries";
import { explainCustomerSegments } from "@/lib/segments/saved-explain";
import { DeleteCustomerButton } from "./delete-customer-button";

export const metadata: Metadata = { title: "Customer" };

type Props = {
  params: Promise<{ workspace: string; customerId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export default async function CustomerProfilePage({ params, searchParams }: Props) {
  const [{ workspace, customerId }, search] = await Promise.all([params, searchParams]);
  const ctx = await requireContext(workspace, "customers.read");
  const [profile, catalog, events] = await Promise.all([
    getCustomerProfile(ctx, customerId),
    getCatalog(ctx),
    listCustomerEvents(ctx, customerId, { page: search.events }),
  ]);
  if (!profile) notFound();
  const [segments, consent, segmentHistory] = await Promise.all([
    can(ctx.role, "segments.read") ? explainCustomerSegments(ctx, profile.customer.id) : null,
    getConsentProvenance(ctx, profile.customer),
    can(ctx.role, "segments.read") ? getCustomerSegmentHistory(ctx, profile.customer.id) : null,
  ]);
  const { customer } = profile;
  const name = customerDisplayName(customer);
  const base = `/w/${ctx.workspaceSlug}/customers/${customer.id}`;
  const stage = customer.lifecycleStage ? (findField(catalog, "lifecycleStage")?.options?.find((o) => o.key === customer.lifecycleStage)?.label ?? customer.lifecycleStage) : null;
  const notice = search.created ? "Customer created." : search.saved ? "Changes saved." : null;

  return (
    <div className="space-y-6">
      <div>
        <Link href={`/w/${ctx.workspaceSlug}/customers`} className="text-sm text-slate-500 hover:text-slate-900">
          ← Customers
        </Link>
        <header className="mt-2 flex flex-wrap items-start justify-between gap-4">
          <div className="min-w-0">
            <h1 className="flex flex-wrap items-center gap-2 text-2xl font-semibold tracking-tight text-slate-900">
              {name}
              {stage && <Badge variant="brand">{stage}</Badge>}
            </h1>
            <p className="mt-1 text-sm text-slate-500">
              {[customer.email, customer.externalId && `External ID ${customer.externalId}`].filter(Boolean).join(" · ")}
            </p>
            <p className="mt-1 text-xs text-slate-500">
              Created <time dateTime={customer.createdAt.toISOString()}>{formatInstant(customer.createdAt, ctx.timeZone)}</time> · Updated{" "}
              <time dateTime={customer.updatedAt.toISOString()}>{formatInstant(customer.updatedAt, ctx.timeZone)}</time> · times in {ctx.timeZone}
            </p>
          </div>
          <div className="flex flex-wrap gap-2">
            {can(ctx.role, "customers.export") && (
              <a href={`${base}/data`} download className={buttonClasses({ variant: "secondary" })}>
                <Download aria-hidden className="size-4" />
                Download data
              </a>
            )}
            {can(ctx.role, "customers.write") && (
              <Link href={`${base}/edit`} className={buttonClasses({ variant: "secondary" })}>
                <Pencil aria-hidden className="size-4" />
                Edit
              </Link>
            )}
            {can(ctx.role, "customers.erase") && (
              <DeleteCustomerButton workspace={ctx.workspaceSlug} customerId={customer.id} name={name} orders={profile.ordersTotal} events={profile.eventsTotal} />
            )}
          </div>
        </header>
      </div>
      {notice && <Alert variant="success">{notice}</Alert>}
      <ProfileFields catalog={catalog} customer={customer} timeZone={ctx.timeZone} consentOrigin={consentOriginText(consent, ctx.timeZone)} />
      {segments && <CustomerSegments workspace={ctx.workspaceSlug} verdicts={segments.verdicts} catalog={segments.catalog} timeZone={ctx.timeZone} />}
      {segmentHistory && <ProfileSegmentHistory data={segmentHistory} workspace={ctx.workspaceSlug} timeZone={ctx.timeZone} />}
      <div className="grid items-start gap-6 lg:grid-cols-2">
        <ProfileOrders orders={profile.orders} total={profile.ordersTotal} timeZone={ctx.timeZone} />
        <ProfileEvents page={events} timeZone={ctx.timeZone} hrefFor={(page) => `${base}?events=${page}`} />
      </div>
    </div>
  );
}
