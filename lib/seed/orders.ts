/**
 * Orders, items and the derived order statistics of one generated customer.
 */
import { PRODUCT_CATEGORIES, type ProductCategory } from "./data/catalog";
import { ID_KIND, rowId } from "./ids";
import { type Rng, Weighted } from "./prng";

export type OrderStatus = "paid" | "pending" | "refunded" | "cancelled";

export type GeneratedOrderItem = {
  id: string;
  sku: string;
  name: string;
  category: string;
  quantity: number;
  unitPriceCents: number;
};

export type GeneratedOrder = {
  id: string;
  /** Epoch milliseconds. */
  placedAt: number;
  status: OrderStatus;
  totalCents: number;
  items: GeneratedOrderItem[];
};

/** Derived stats over paid orders only; with none: 0, 0, null, null, null. */
export type OrderStats = {
  ordersCount: number;
  totalSpentCents: number;
  averageOrderValueCents: number | null;
  firstOrderAt: number | null;
  lastOrderAt: number | null;
};

export type OrderPlan = {
  idPrefix: string;
  count: number;
  /** Epoch ms window the orders fall into. */
  from: number;
  to: number;
  now: number;
  categories: Weighted<ProductCategory>;
  /** Multiplies item counts and quantities: big spenders fill bigger baskets. */
  basketLevel: number;
};

const ITEM_COUNTS = new Weighted<number>([[1, 55], [2, 26], [3, 12], [4, 7]]);
const SETTLED_STATUS = new Weighted<OrderStatus>([["paid", 91], ["refunded", 5], ["cancelled", 4]]);
const PENDING_WINDOW_MS = 10 * 86_400_000;

/** The orders of one customer, oldest first, with sequential ids. */
export function generateOrders(rng: Rng, plan: OrderPlan): GeneratedOrder[] {
  const times = new Float64Array(plan.count);
  const span = Math.max(plan.to - plan.from, 3_600_000);
  for (let j = 0; j < plan.count; j++) times[j] = plan.from + Math.floor(rng.next() * span);
  times.sort();
  const orders: GeneratedOrder[] = new Array(plan.count);
  for (let j = 0; j < plan.count; j++) {
    const placedAt = times[j];
    const status: OrderStatus =
      plan.now - placedAt < PENDING_WINDOW_MS && rng.chance(0.3) ? "pending" : SETTLED_STATUS.draw(rng);
    const itemCount = Math.min(4, ITEM_COUNTS.draw(rng) + (rng.chance(plan.basketLevel / 8) ? 1 : 0));
    const items: GeneratedOrderItem[] = new Array(itemCount);
    let totalCents = 0;
    for (let k = 0; k < itemCount; k++) {
      const category = plan.categories.draw(rng);
      const product = rng.pick(category.products);
      const quantity = rng.chance(0.8) ? 1 : Math.min(9, 2 + Math.floor(rng.next() * 2 * plan.basketLevel));
      const discount = rng.chance(0.25) ? 0.7 + rng.next() * 0.25 : 1;
      const unitPriceCents = Math.max(99, Math.round(product.priceCents * discount));
      totalCents += quantity * unitPriceCents;
      items[k] = {
        id: rowId(plan.idPrefix, ID_KIND.orderItem, j * 16 + k),
        sku: product.sku,
        name: product.name,
        category: category.key,
        quantity,
        unitPriceCents,
      };
    }
    orders[j] = { id: rowId(plan.idPrefix, ID_KIND.order, j), placedAt, status, totalCents, items };
  }
  return orders;
}

/** Derived stats over paid orders; the average is rounded half up to the cent, as numeric rounding does. */
export function computeOrderStats(orders: readonly GeneratedOrder[]): OrderStats {
  let ordersCount = 0;
  let totalSpentCents = 0;
  let firstOrderAt: number | null = null;
  let lastOrderAt: number | null = null;
  for (const order of orders) {
    if (order.status !== "paid") continue;
    ordersCount++;
    totalSpentCents += order.totalCents;
    if (firstOrderAt === null || order.placedAt < firstOrderAt) firstOrderAt = order.placedAt;
    if (lastOrderAt === null || order.placedAt > lastOrderAt) lastOrderAt = order.placedAt;
  }
  const averageOrderValueCents =
    ordersCount === 0 ? null : Math.floor((2 * totalSpentCents + ordersCount) / (2 * ordersCount));
  return { ordersCount, totalSpentCents, averageOrderValueCents, firstOrderAt, lastOrderAt };
}

/** The category a customer bought most from (by paid item count), or null without paid orders. */
export function topCategory(orders: readonly GeneratedOrder[]): string | null {
  const counts = new Map<string, number>();
  for (const order of orders) {
    if (order.status !== "paid") continue;
    for (const item of order.items) counts.set(item.category, (counts.get(item.category) ?? 0) + item.quantity);
  }
  let best: string | null = null;
  let bestCount = 0;
  for (const category of PRODUCT_CATEGORIES) {
    const count = counts.get(category.key) ?? 0;
    if (count > bestCount) {
      best = category.key;
      bestCount = count;
    }
  }
  return best;
}
