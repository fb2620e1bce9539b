import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Plus } from "lucide-react";
import { z } from "zod";
import { newSegmentFromRfmHref } from "@/components/rfm/rfm-segment-table";
import { buttonClasses } from "@/components/ui/button";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { requireContext } from "@/lib/auth/context";
import { can } from "@/lib/auth/permissions";
import { formatCount, formatMoney } from "@/lib/format";
import { findRfmSegment, getRfmRules, getRfmRun, listRfmMembers } from "@/lib/rfm/queries";

export const metadata: Metadata = { title: "RFM segment" };

const PAGE_SIZE = 50;
const paramsSchema = z.object({ workspace: z.string(), segmentKey: z.string().regex(/^[a-z0-9-]{1,80}$/) });
const searchSchema = z.object({ page: z.coerce.number().int().min(1).max(1_000_000).catch(1) });

export default async function RfmSegmentPage({ params, searchParams }: { params: Promise<{ workspace: string; segmentKey: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const parsed = paramsSchema.safeParse(await params);
  if (!parsed.success) notFound();
  const ctx = await requireContext(parsed.data.workspace, "segments.read");
  const { page } = searchSchema.parse(await searchParams);
  const [rules, run] = await Promise.all([getRfmRules(ctx), getRfmRun(ctx)]);
  const segment = await findRfmSegment(ctx, parsed.data.segmentKey, rules);
  if (!segment) notFound();
  const { total, members } = await listRfmMembers(ctx, segment, page, PAGE_SIZE);
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const base = `/w/${ctx.workspaceSlug}`;
  const first = (page - 1) * PAGE_SIZE + 1;

  return (
    <div className="space-y-4">
      <nav aria-label="Breadcrumb" className="text-sm text-slate-500">
        <Link href={`${base}/rfm`} className="hover:underline">RFM</Link> / {segment}
      </nav>
      <div className="flex flex-wrap items-start justify-between gap-4">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">{segment}</h1>
        <p className="mt-1 text-sm text-slate-500">
          {formatCount(total)} customer{total === 1 ? "" : "s"}, highest total paid first
          {run ? ` · scores for analysis date ${run.analysisDate}, computed ${run.computedAt.toLocaleString("en-GB", { timeZone: ctx.timeZone, dateStyle: "medium", timeStyle: "short" })}` : " · RFM scores have not been computed yet"}
        </p>
      </div>
      {can(ctx.role, "segments.write") && (
        <Link href={newSegmentFromRfmHref(ctx.workspaceSlug, segment)} className={buttonClasses({ variant: "primary" })}>
          <Plus aria-hidden className="size-4" />
          Create a segment from this group
        </Link>
      )}
      </div>
      <div className="rounded-lg border border-slate-200 bg-white shadow-sm">
        <Table aria-label={`Members of ${segment}`}>
          <THead>
            <tr>
              <TH>Customer</TH>
              <TH>Email</TH>
              <TH className="text-right">Recency (days)</TH>
              <TH className="text-right">Orders</TH>
              <TH className="text-right">Total paid</TH>
              <TH className="text-center">R</TH>
              <TH className="text-center">F</TH>
              <TH className="text-center">M</TH>
            </tr>
          </THead>
          <TBody>
            {members.length === 0 && (
              <tr><TD colSpan={8} className="text-center text-slate-500">{total === 0 ? "No customer is in this segment." : "There is no such page."}</TD></tr>
            )}
            {members.map((m) => (
              <TR key={m.id}>
                <TD><Link href={`${base}/customers/${m.id}`} className="font-medium text-brand-700 hover:underline">{m.name ?? m.email ?? "Unnamed customer"}</Link></TD>
                <TD>{m.email ?? "—"}</TD>
                <TD className="text-right tabular-nums">{formatCount(m.recencyDays)}</TD>
                <TD className="text-right tabular-nums">{formatCount(m.frequency)}</TD>
                <TD className="text-right tabular-nums">{formatMoney(m.monetary)}</TD>
                <TD className="text-center tabular-nums">{m.r}</TD>
                <TD className="text-center tabular-nums">{m.f}</TD>
                <TD className="text-center tabular-nums">{m.m}</TD>
              </TR>
            ))}
          </TBody>
        </Table>
      </div>
      <nav aria-label="Pages" className="flex items-center justify-between text-sm text-slate-600">
        <span>{total === 0 ? "" : `${formatCount(first)}–${formatCount(first + members.length - 1)} of ${formatCount(total)}`}</span>
        <span className="flex gap-2">
          {page > 1 ? <Link className={buttonClasses({ variant: "secondary", size: "sm" })} href={`?page=${page - 1}`}>Previous</Link> : null}
          <span className="self-center">Page {formatCount(Math.min(page, pages))} of {formatCount(pages)}</span>
          {page < pages ? <Link className={buttonClasses({ variant: "secondary", size: "sm" })} href={`?page=${page + 1}`}>Next</Link> : null}
        </span>
      </nav>
    </div>
  );
}
