/**
 * Activity events of one generated customer. Properties are pre-serialized JSON text:
 * the loader writes them straight into COPY, and 10 million JSON.stringify calls would
 * dominate the run.
 */
import { CAMPAIGNS, DEVICES, PAGE_PATHS, type ProductCategory } from "./data/catalog";
import { ID_KIND, rowId } from "./ids";
import { type Rng, Weighted } from "./prng";

export type EventName = "page_view" | "product_viewed" | "cart_abandoned" | "email_opened" | "app_login";

export type GeneratedEvent = {
  id: string;
  name: EventName;
  /** Epoch milliseconds. */
  occurredAt: number;
  /** JSON object text, safe for COPY text format (no tabs, newlines or backslashes). */
  properties: string;
};

export type EventPlan = {
  idPrefix: string;
  count: number;
  from: number;
  to: number;
  categories: Weighted<ProductCategory>;
  device: (typeof DEVICES)[number];
  emailOptIn: boolean;
};

const EVENT_NAMES = new Weighted<EventName>([
  ["page_view", 38],
  ["product_viewed", 30],
  ["email_opened", 14],
  ["app_login", 10],
  ["cart_abandoned", 8],
]);

const PAGE_JSON = PAGE_PATHS.map((path) => JSON.stringify({ path }));
const CAMPAIGN_JSON = CAMPAIGNS.map((campaign) => JSON.stringify({ campaign }));
const DEVICE_JSON = new Map(DEVICES.map((device) => [device, JSON.stringify({ device })]));
const productJson = new Map<string, string>();

function productViewedJson(category: ProductCategory, rng: Rng): string {
  const product = rng.pick(category.products);
  let json = productJson.get(product.sku);
  if (json === undefined) {
    json = JSON.stringify({ category: category.key, product: product.name, sku: product.sku });
    productJson.set(product.sku, json);
  }
  return json;
}

function eventProperties(name: EventName, plan: EventPlan, rng: Rng): string {
  switch (name) {
    case "page_view":
      return rng.pick(PAGE_JSON);
    case "product_viewed":
      return productViewedJson(plan.categories.draw(rng), rng);
    case "email_opened":
      return rng.pick(CAMPAIGN_JSON);
    case "app_login": {
      const device = rng.chance(0.75) ? plan.device : rng.pick(DEVICES);
      return DEVICE_JSON.get(device) ?? "{}";
    }
    case "cart_abandoned": {
      const category = plan.categories.draw(rng);
      const items = rng.int(1, 4);
      const cents = items * rng.pick(category.products).priceCents;
      return `{"category":"${category.key}","items":${items},"value":${(cents / 100).toFixed(2)}}`;
    }
  }
}

/** The events of one customer, oldest first, with sequential ids. */
export function generateEvents(rng: Rng, plan: EventPlan): GeneratedEvent[] {
  const times = new Float64Array(plan.count);
  const span = Math.max(plan.to - plan.from, 3_600_000);
  for (let j = 0; j < plan.count; j++) times[j] = plan.from + Math.floor(rng.next() * span);
  times.sort();
  const events: GeneratedEvent[] = new Array(plan.count);
  for (let j = 0; j < plan.count; j++) {
    let name = EVENT_NAMES.draw(rng);
    if (name === "email_opened" && !plan.emailOptIn) name = "page_view";
    events[j] = {
      id: rowId(plan.idPrefix, ID_KIND.event, j),
      name,
      occurredAt: times[j],
      properties: eventProperties(name, plan, rng),
    };
  }
  return events;
}
