import type { Metadata } from "next";
import { CustomersTable } from "@/components/customers/table-view";
import { requireContext } from "@/lib/auth/context";
import { can } from "@/lib/auth/permissions";
import { listCustomers } from "@/lib/customers/list";
import { findListColumn, pickableListColumns } from "@/lib/customers/list-columns";
import { formatListRows } from "@/lib/customers/list-format";
import { parseListView } from "@/lib/customers/list-schemas";
import { getCatalog } from "@/lib/fields/queries";

export const metadata: Metadata = { title: "Customers" };

type SearchParams = Record<string, string | string[] | undefined>;

export default async function CustomersPage({ params, searchParams }: { params: Promise<{ workspace: string }>; searchParams: Promise<SearchParams> }) {
  const { workspace } = await params;
  const ctx = await requireContext(workspace, "customers.read");
  const catalog = await getCatalog(ctx);
  const view = parseListView(await searchParams, catalog);
  const page = await listCustomers(ctx, view, { catalog });
  const pickable = pickableListColumns(catalog).map((g) => ({ group: g.group, columns: g.columns.map((c) => ({ key: c.key, label: c.label })) }));
  return (
    <CustomersTable
      workspace={ctx.workspaceSlug}
      view={view}
      columns={page.columns}
      rows={formatListRows(page, ctx.timeZone)}
      total={page.total}
      totalIsExact={page.totalIsExact}
      hasNextPage={page.hasNextPage}
      pickable={pickable}
      sortLabel={findListColumn(catalog, view.sort)?.label ?? view.sort}
      can={{ write: can(ctx.role, "customers.write"), import: can(ctx.role, "customers.import"), export: can(ctx.role, "customers.export") }}
      timeZone={ctx.timeZone}
    />
  );
}
