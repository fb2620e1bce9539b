/**
 * Deterministic generator of realistic customers with orders and events. Pure: no I/O.
 * Customer i depends only on (seed, i, now), so any chunking of the index range gives
 * the same rows, and chunks can be generated independently.
 */
import { COUNTRIES, type CountryProfile } from "./data/countries";
import { CATEGORY_INTERESTS, DEVICES, INTERESTS, PRODUCT_CATEGORIES, SOURCES, TAGS, type ProductCategory } from "./data/catalog";
import { generatePerson, generateFirm, type Gender } from "./demographics";
import { generateEvents, type GeneratedEvent } from "./events";
import { ID_KIND, customerIdPrefix, rowId, seedSalt } from "./ids";
import { computeOrderStats, generateOrders, topCategory, type GeneratedOrder, type OrderStats } from "./orders";
import { Rng, Weighted } from "./prng";

export type { GeneratedEvent } from "./events";
export type { GeneratedOrder, GeneratedOrderItem, OrderStats } from "./orders";

export type Device = (typeof DEVICES)[number];
export type LifecycleStage = "lead" | "prospect" | "customer" | "churned";

/** Custom field values by field key (see SEED_CUSTOM_FIELDS); absent keys are empty values. */
export type CustomerAttributes = {
  interests?: string[];
  preferred_device: Device;
  loyalty_points?: number;
  newsletter?: boolean;
  favorite_category: string;
};

export type GeneratedCustomer = OrderStats & {
  index: number;
  id: string;
  externalId: string;
  email: string;
  firstName: string;
  lastName: string;
  phone: string | null;
  /** "YYYY-MM-DD". */
  birthDate: string;
  gender: Gender;
  country: string;
  city: string;
  region: string;
  language: string;
  company: string | null;
  jobTitle: string;
  industry: string | null;
  companySize: number | null;
  /** Yearly, whole USD. */
  income: number;
  maritalStatus: string;
  education: string;
  lifecycleStage: LifecycleStage;
  tags: string[];
  /** Email consent; null = never asked. */
  emailOptIn: boolean | null;
  /** When the answer was recorded (epoch ms); null when never asked. */
  emailOptInChangedAt: number | null;
  /** How it was recorded: the shop's sign-up and preference pages, synced through the API. */
  emailOptInSource: "api" | null;
  source: string;
  /** Epoch milliseconds, like every other instant here. */
  signedUpAt: number;
  lastSeenAt: number;
  attributes: CustomerAttributes;
  orders: GeneratedOrder[];
  events: GeneratedEvent[];
};

export type GeneratorOptions = {
  seed: number;
  /** Epoch ms; all activity lies in the two years before it. */
  now: number;
};

export type CustomerGenerator = {
  /** Customer `index` (0-based). */
  customer(index: number): GeneratedCustomer;
  /** Customers [start, start + count). */
  chunk(start: number, count: number): GeneratedCustomer[];
};

const DAY_MS = 86_400_000;
const HISTORY_MS = 730 * DAY_MS;
const CHURN_AFTER_MS = 180 * DAY_MS;
const VIP_CENTS = 250_000;
const COUNTRY_TABLE = new Weighted(COUNTRIES.map((country) => [country, country.weight] as const));
const SOURCE_TABLE = new Weighted(SOURCES);
const DEVICE_TABLE = new Weighted<Device>([["mobile", 55], ["desktop", 35], ["tablet", 10]]);
const LANGUAGE_TABLES = new Map(COUNTRIES.map((country) => [country.code, new Weighted(country.languages)]));
const INTEREST_KEYS = INTERESTS.map((interest) => interest.key);

function categoryTable(interests: readonly string[], rng: Rng): Weighted<ProductCategory> {
  return new Weighted(
    PRODUCT_CATEGORIES.map((category) => {
      const affinity = CATEGORY_INTERESTS[category.key].some((key) => interests.includes(key)) ? 3 : 1;
      return [category, category.weight * affinity * (0.5 + rng.next())] as const;
    }),
  );
}

function phoneNumber(rng: Rng, country: CountryProfile): string | null {
  if (rng.chance(0.15)) return null;
  const digits = String(rng.int(100_000_000, 999_999_999));
  return `${country.phonePrefix} ${digits.slice(0, 3)} ${digits.slice(3, 6)} ${digits.slice(6)}`;
}

function lifecycle(stats: OrderStats, orders: readonly GeneratedOrder[], now: number, rng: Rng): LifecycleStage {
  if (stats.ordersCount > 0) return (stats.lastOrderAt ?? 0) < now - CHURN_AFTER_MS ? "churned" : "customer";
  return orders.length > 0 || rng.chance(0.35) ? "prospect" : "lead";
}

function buildTags(c: GeneratedCustomer, rng: Rng): string[] {
  const tags: string[] = [];
  if (c.totalSpentCents >= VIP_CENTS) tags.push(TAGS.vip);
  if (c.company !== null) tags.push(TAGS.wholesale);
  if (c.attributes.newsletter) tags.push(TAGS.newsletter);
  if (rng.chance(0.1)) tags.push(TAGS.discountHunter);
  if (rng.chance(0.03)) tags.push(TAGS.betaTester);
  if (c.attributes.interests?.includes("sustainability") && rng.chance(0.7)) tags.push(TAGS.eco);
  if (rng.chance(0.08)) tags.push(TAGS.giftBuyer);
  if (c.events.some((event) => event.name === "app_login")) tags.push(TAGS.appUser);
  return tags.sort();
}

const CONSENT_SALT = 2;

/**
 * Consent beside the opt-in drawn from the customer's main stream, on a stream of its own so every
 * other value stays as it was: about 40 % of those who did not opt in were never asked (about 15 %
 * of all customers — older sign-ups and shop imports without the question). Answers were recorded
 * at sign-up (within ten minutes), a fifth of them changed later (an unsubscribe, a preference page).
 */
function consentOf(seed: number, index: number, optedIn: boolean, signedUpAt: number, now: number): Pick<GeneratedCustomer, "emailOptIn" | "emailOptInChangedAt" | "emailOptInSource"> {
  const rng = new Rng(seed, index, CONSENT_SALT);
  if (!optedIn && rng.chance(0.4)) return { emailOptIn: null, emailOptInChangedAt: null, emailOptInSource: null };
  const changedAt = rng.chance(0.2) ? signedUpAt + Math.floor(rng.next() * (now - signedUpAt)) : signedUpAt + rng.int(5, 600) * 1000;
  return { emailOptIn: optedIn, emailOptInChangedAt: changedAt, emailOptInSource: "api" };
}

function generateCustomer(seed: number, salt: string, now: number, index: number): GeneratedCustomer {
  const rng = new Rng(seed, index, 1);
  const country = COUNTRY_TABLE.draw(rng);
  const [city, region] = rng.pick(country.cities);
  const person = generatePerson(rng, country, now);
  const firm = rng.chance(0.2) ? generateFirm(rng) : null;
  const idPrefix = customerIdPrefix(salt, index);
  const n = index + 1;
  const emailLocal = [`${person.firstSlug}.${person.lastSlug}`, `${person.firstSlug[0]}${person.lastSlug}`, `${person.firstSlug}${person.lastSlug}`][rng.int(0, 2)];
  const email = `${emailLocal}${n}@${firm ? firm.domain : rng.pick(country.emailDomains)}`;
  const emailOptIn = rng.chance(0.62);
  const device = DEVICE_TABLE.draw(rng);
  const interests = rng.sample(INTEREST_KEYS, rng.chance(0.15) ? 0 : rng.int(1, 4));
  const categories = categoryTable(interests, rng);

  const signedUpAt = now - 7 * DAY_MS - Math.floor(rng.next() * 1088 * DAY_MS);
  const from = Math.max(signedUpAt, now - HISTORY_MS);
  const churning = rng.chance(0.25);
  const to = churning ? from + Math.floor((now - from) * (0.1 + 0.6 * rng.next())) : now;
  const tenure = Math.min(1, (now - from) / HISTORY_MS);
  const buyer = rng.chance(0.8);
  const basketLevel = Math.min(4, rng.logNormal(0, 0.5));
  const orderCount = buyer ? Math.min(400, Math.max(1, Math.round(rng.logNormal(2.08, 1.1) * (0.4 + 0.6 * tenure)))) : 0;
  const orders = generateOrders(rng, { idPrefix, count: orderCount, from, to, now, categories, basketLevel });
  const eventCount = Math.min(150, Math.round(rng.logNormal(buyer ? 2.0 : 1.3, 0.7) + orderCount * 0.25));
  const events = generateEvents(rng, { idPrefix, count: eventCount, from, to, categories, device, emailOptIn });
  const stats = computeOrderStats(orders);

  let lastSeenAt = signedUpAt;
  if (orders.length > 0) lastSeenAt = Math.max(lastSeenAt, orders[orders.length - 1].placedAt);
  if (events.length > 0) lastSeenAt = Math.max(lastSeenAt, events[events.length - 1].occurredAt);

  const attributes: CustomerAttributes = {
    preferred_device: device,
    favorite_category: topCategory(orders) ?? categories.draw(rng).key,
  };
  if (interests.length > 0) attributes.interests = interests;
  if (rng.chance(0.8)) attributes.loyalty_points = Math.floor(stats.totalSpentCents / 100) + rng.int(0, 250);
  if (rng.chance(0.9)) attributes.newsletter = emailOptIn && rng.chance(0.6);

  const customer: GeneratedCustomer = {
    index,
    id: rowId(idPrefix, ID_KIND.customer, 0),
    externalId: `CUS-${String(n).padStart(8, "0")}`,
    email,
    firstName: person.firstName,
    lastName: person.lastName,
    phone: phoneNumber(rng, country),
    birthDate: person.birthDate,
    gender: person.gender,
    country: country.code,
    city,
    region,
    language: LANGUAGE_TABLES.get(country.code)?.draw(rng) ?? "en-US",
    company: firm?.company ?? null,
    jobTitle: firm?.jobTitle ?? person.jobTitle,
    industry: firm?.industry ?? null,
    companySize: firm?.companySize ?? null,
    income: person.income,
    maritalStatus: person.maritalStatus,
    education: person.education,
    lifecycleStage: lifecycle(stats, orders, now, rng),
    tags: [],
    ...consentOf(seed, index, emailOptIn, signedUpAt, now),
    source: SOURCE_TABLE.draw(rng),
    signedUpAt,
    lastSeenAt,
    attributes,
    ...stats,
    orders,
    events,
  };
  customer.tags = buildTags(customer, rng);
  return customer;
}

/** A generator for one seed and one "now"; the same inputs always give the same customers. */
export function createGenerator(options: GeneratorOptions): CustomerGenerator {
  const { seed, now } = options;
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) throw new RangeError("seed must be an integer in [0, 2^32)");
  if (!Number.isFinite(now)) throw new RangeError("now must be epoch milliseconds");
  const salt = seedSalt(seed);
  return {
    customer: (index) => generateCustomer(seed, salt, now, index),
    chunk(start, count) {
      const rows: GeneratedCustomer[] = new Array(count);
      for (let k = 0; k < count; k++) rows[k] = generateCustomer(seed, salt, now, start + k);
      return rows;
    },
  };
}
