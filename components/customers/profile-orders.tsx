import { Badge, type BadgeVariant } from "@/components/ui/badge";
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { formatInstant } from "@/lib/customers/display";
import type { OrderRecord } from "@/lib/customers/types";
import { categoryLabel, humanizeCode } from "@/lib/fields/value-labels";
import { formatCount, formatMoney } from "@/lib/format";

const STATUS_BADGES: Record<string, BadgeVariant> = { paid: "success", pending: "warning", refunded: "neutral", cancelled: "danger" };

function OrderCard({ order, timeZone }: { order: OrderRecord; timeZone: string }) {
  return (
    <li className="px-5 py-4">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <div className="flex flex-wrap items-center gap-2">
          <span className="font-medium text-slate-900">{formatMoney(order.total, order.currency)}</span>
          <Badge variant={STATUS_BADGES[order.status] ?? "neutral"}>{humanizeCode(order.status)}</Badge>
          {order.externalId && <span className="text-xs text-slate-500">#{order.externalId}</span>}
        </div>
        <time dateTime={order.placedAt.toISOString()} className="text-sm text-slate-500">
          {formatInstant(order.placedAt, timeZone)}
        </time>
      </div>
      {order.items.length > 0 && (
        <ul className="mt-2 space-y-1 text-sm text-slate-600">
          {order.items.map((item) => (
            <li key={item.id} className="flex flex-wrap justify-between gap-2">
              <span>
                {item.quantity} × {item.name}
                {item.category && <span className="text-slate-500"> · {categoryLabel(item.category)}</span>}
                {item.sku && <span className="text-slate-500"> · {item.sku}</span>}
              </span>
              <span className="tabular-nums">{formatMoney(item.unitPrice, order.currency)}</span>
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}

/** The customer's orders, newest first, each with its lines. */
export function ProfileOrders({ orders, total, timeZone }: { orders: OrderRecord[]; total: number; timeZone: string }) {
  return (
    <Card>
      <CardHeader>
        <div>
          <CardTitle>Orders</CardTitle>
          <CardDescription>
            {total === 0
              ? "No orders yet."
              : total > orders.length
                ? `The latest ${formatCount(orders.length)} of ${formatCount(total)} orders. Download data for all of them.`
                : `${formatCount(total)} ${total === 1 ? "order" : "orders"}; only paid orders count towards the order stats.`}
          </CardDescription>
        </div>
      </CardHeader>
      {orders.length > 0 && (
        <ul className="divide-y divide-slate-100">
          {orders.map((order) => (
            <OrderCard key={order.id} order={order} timeZone={timeZone} />
          ))}
        </ul>
      )}
    </Card>
  );
}
