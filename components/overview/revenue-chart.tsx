"use client";

import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatMoney } from "@/lib/format";

function monthLabel(month: string): string {
  const [y, m] = month.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, 1)).toLocaleDateString("en-US", { month: "short", year: "2-digit", timeZone: "UTC" });
}

/** Paid revenue per calendar month, with the same numbers as a table for screen readers. */
export function RevenueChart({ data, currency = "USD" }: { data: { month: string; revenue: number; orders: number }[]; currency?: string }) {
  return (
    <figure aria-labelledby="revenue-chart-title">
      <figcaption id="revenue-chart-title" className="text-sm font-medium text-slate-700">
        Revenue per month (paid orders, last 12 months)
      </figcaption>
      <div className="mt-3 h-64" aria-hidden>
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={data} margin={{ top: 4, right: 8, bottom: 0, left: 8 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e2e8f0" />
            <XAxis dataKey="month" tickFormatter={monthLabel} tick={{ fontSize: 12, fill: "#64748b" }} tickLine={false} axisLine={false} />
            <YAxis tickFormatter={(v: number) => formatMoney(v, currency, { compact: true })} tick={{ fontSize: 12, fill: "#64748b" }} tickLine={false} axisLine={false} width={64} />
            <Tooltip
              formatter={(v) => [formatMoney(Number(v), currency), "Revenue"]}
              labelFormatter={(label) => monthLabel(String(label))}
              cursor={{ fill: "#eef4ff" }}
            />
            <Bar dataKey="revenue" fill="#3b55e6" radius={[3, 3, 0, 0]} />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <table className="sr-only">
        <caption>Revenue per month</caption>
        <thead>
          <tr>
            <th scope="col">Month</th>
            <th scope="col">Revenue</th>
            <th scope="col">Orders</th>
          </tr>
        </thead>
        <tbody>
          {data.map((d) => (
            <tr key={d.month}>
              <th scope="row">{monthLabel(d.month)}</th>
              <td>{formatMoney(d.revenue, currency)}</td>
              <td>{d.orders}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
