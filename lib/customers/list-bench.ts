import "server-only";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { getCatalog } from "@/lib/fields/queries";
import { exportCustomersCsv } from "./export";
import { listCustomers } from "./list";
import { listSegmentDefinitions } from "@/lib/segments/saved-queries";
import { LIST_DEFAULTS, type ListCustomersInput } from "./list-schemas";
import type { CustomersContext } from "./types";

/** The query shapes of the customer table worth timing at scale (issue 3: "a page loads in well under a second"). */
export const LIST_BENCH_SHAPES: readonly { name: string; input: ListCustomersInput }[] = [
  { name: "default (created, newest first)", input: {} },
  { name: "sort by name", input: { sort: "name", direction: "asc" } },
  { name: "sort by email", input: { sort: "email", direction: "asc" } },
  { name: "sort by total spent, highest first", input: { sort: "totalSpent", direction: "desc" } },
  { name: "sort by last order, newest first", input: { sort: "lastOrderAt", direction: "desc" } },
  { name: "sort by last order, oldest first", input: { sort: "lastOrderAt", direction: "asc" } },
  { name: "sort by orders, most first", input: { sort: "ordersCount", direction: "desc" } },
  { name: "sort by age", input: { sort: "age", direction: "asc" } },
  { name: "sort by a custom number", input: { sort: "custom.loyalty_points", direction: "desc", columns: [...LIST_DEFAULTS.columns, "custom.loyalty_points"] } },
  { name: "search a full name", input: { search: "francesca russo" } },
  { name: "search a company", input: { search: "silverhealth" } },
  { name: "search a broad term (capped count)", input: { search: "gmail" } },
  { name: "search two letters", input: { search: "li" } },
  { name: "search two rare letters", input: { search: "qx" } },
  { name: "search an external id", input: { search: "cus-0004242" } },
  { name: "page 2,000", input: { page: 2_000 } },
  { name: "page 20,000 (read from the end)", input: { page: 20_000 } },
  { name: "page 40,000 (the last)", input: { page: 40_000 } },
  { name: "page 2,000 by last order", input: { page: 2_000, sort: "lastOrderAt", direction: "desc" } },
  { name: "page 2,000 by a custom number", input: { page: 2_000, sort: "custom.loyalty_points", direction: "desc" } },
  { name: "100 rows a page", input: { pageSize: 100 } },
];

async function benchContext(workspaceSlug: string): Promise<CustomersContext> {
  const { sql } = await getDb();
  const [ws] = await sql.query<{ id: string; timeZone: string }>(`SELECT "id"::text AS "id", "timeZone" FROM "Workspace" WHERE "slug" = $1`, [workspaceSlug]);
  if (!ws) throw new AppError("not_found", `There is no workspace "${workspaceSlug}".`);
  return { workspaceId: ws.id, timeZone: ws.timeZone, userId: null, role: "admin" };
}

/** Most saved segments of the workspace timed as segment filters (in and not in each). */
const MAX_BENCH_SEGMENTS = 5;

/** The segment filter shapes: in and not in each of the workspace's first saved segments (by name), the first also on a deep page. */
async function segmentShapes(ctx: CustomersContext): Promise<{ name: string; input: ListCustomersInput }[]> {
  const segments = (await listSegmentDefinitions(ctx)).slice(0, MAX_BENCH_SEGMENTS);
  return segments.flatMap((s, i) => [
    { name: `in segment "${s.name}"`, input: { segment: { id: s.id } } },
    { name: `not in segment "${s.name}"`, input: { segment: { id: s.id, exclude: true } } },
    ...(i === 0 ? [{ name: `in segment "${s.name}", page 200`, input: { segment: { id: s.id }, page: 200 } }] : []),
  ]);
}

/** Times listCustomers (count included, as the page runs it) for each shape: min and median of `runs`, in ms. */
export async function benchCustomerList(workspaceSlug: string, options: { runs?: number; only?: string; log: (line: string) => void }): Promise<void> {
  const ctx = await benchContext(workspaceSlug);
  const catalog = await getCatalog(ctx);
  const runs = options.runs ?? 3;
  for (const shape of [...LIST_BENCH_SHAPES, ...(await segmentShapes(ctx))]) {
    if (options.only && !shape.name.includes(options.only)) continue;
    const times: number[] = [];
    let total = "";
    for (let i = 0; i < runs; i++) {
      const started = performance.now();
      const page = await listCustomers(ctx, shape.input, { catalog });
      times.push(performance.now() - started);
      total = `${page.total}${page.totalIsExact ? "" : "+"}`;
    }
    times.sort((a, b) => a - b);
    const [min, median] = [times[0], times[Math.floor(times.length / 2)]].map((t) => t.toFixed(0).padStart(6));
    options.log(`${shape.name.padEnd(48)} min ${min} ms   median ${median} ms   (${total} customers)`);
  }
}

/** Streams the export of a view to nowhere: rows, megabytes, seconds, and the process's peak memory. */
export async function benchCustomerExport(workspaceSlug: string, input: ListCustomersInput, log: (line: string) => void): Promise<void> {
  const ctx = await benchContext(workspaceSlug);
  let peakRss = 0;
  let peakHeap = 0;
  const sample = () => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  };
  const timer = setInterval(sample, 50);
  const started = performance.now();
  const { stream } = await exportCustomersCsv(ctx, input);
  let bytes = 0;
  let records = 0;
  const reader = stream.getReader();
  for (let read = await reader.read(); !read.done; read = await reader.read()) {
    bytes += read.value.byteLength;
    for (const byte of read.value) if (byte === 10) records++;
  }
  const seconds = (performance.now() - started) / 1000;
  clearInterval(timer);
  sample();
  const mb = (n: number) => (n / 1e6).toFixed(0);
  log(`export: ${records - 1} customers, ${(bytes / 1e6).toFixed(1)} MB in ${seconds.toFixed(1)} s (${Math.round((records - 1) / seconds)} rows/s); peak RSS ${mb(peakRss)} MB, peak heap ${mb(peakHeap)} MB`);
}
