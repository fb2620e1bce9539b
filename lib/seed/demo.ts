/**
 * The demo workspace: "Demo Store" with 5,000 generated customers and one sign-in per role.
 * Idempotent: it creates only what is missing and never loads customers twice.
 */
import { hashPassword } from "@/lib/auth/password";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { storePredictions } from "@/lib/predict/mutations";
import { storeRfmScores } from "@/lib/rfm/mutations";
import { createWorkspace } from "@/lib/workspaces/mutations";
import { hashApiKey, VISIBLE_PREFIX_LENGTH } from "@/lib/api/keys/secret";
import { DEMO_API_KEY, DEMO_USERS, DEMO_WORKSPACE } from "./demo-users";
import { seedWorkspace } from "./load";

export { DEMO_API_KEY, DEMO_USERS, DEMO_WORKSPACE } from "./demo-users";

/** Saved segments a demo visitor finds (one each of value-based, behavioural and geographic + consent). */
export const DEMO_SEGMENTS = [
  {
    name: "High value",
    description: "Customers whose paid orders add up to $1,000 or more.",
    definition: { version: 1, root: { type: "group", combinator: "and", negate: false, children: [{ type: "field", field: "totalSpent", operator: "gte", value: 1000 }] } },
  },
  {
    name: "Lapsed buyers",
    description: "Bought before, but not in the last 6 months.",
    definition: {
      version: 1,
      root: {
        type: "group", combinator: "and", negate: false,
        children: [
          { type: "field", field: "ordersCount", operator: "gte", value: 1 },
          { type: "field", field: "lastOrderAt", operator: "more_than_ago", value: { amount: 6, unit: "month" } },
        ],
      },
    },
  },
  {
    name: "Newsletter subscribers in PL",
    description: "Subscribed to the newsletter and living in Poland.",
    definition: {
      version: 1,
      root: {
        type: "group", combinator: "and", negate: false,
        children: [
          { type: "field", field: "custom.newsletter", operator: "is_true" },
          { type: "field", field: "country", operator: "eq", value: "PL" },
        ],
      },
    },
  },
] as const;

export type EnsureDemoOptions = {
  log?: (line: string) => void;
  /** Fewer customers for tests; default 5,000. */
  customers?: number;
};

export type EnsureDemoResult = {
  workspaceId: string;
  workspaceCreated: boolean;
  usersCreated: number;
  membershipsCreated: number;
  customersLoaded: number;
  segmentsCreated: number;
};

async function findOrCreateWorkspace(db: Db): Promise<{ id: string; created: boolean }> {
  const select = { id: true } as const;
  const existing = await db.prisma.workspace.findUnique({ where: { slug: DEMO_WORKSPACE.slug }, select });
  if (existing) return { id: existing.id, created: false };
  try {
    const { id } = await createWorkspace(db, { slug: DEMO_WORKSPACE.slug, name: DEMO_WORKSPACE.name, timeZone: DEMO_WORKSPACE.timeZone });
    return { id, created: true };
  } catch (error) {
    // Another process created it between our read and our insert.
    if (!(error instanceof AppError && error.code === "conflict")) throw error;
    const raced = await db.prisma.workspace.findUniqueOrThrow({ where: { slug: DEMO_WORKSPACE.slug }, select });
    return { id: raced.id, created: false };
  }
}

async function ensureDemoUsers(db: Db, workspaceId: string): Promise<{ usersCreated: number; membershipsCreated: number }> {
  let usersCreated = 0;
  const userIds: { userId: string; role: (typeof DEMO_USERS)[number]["role"] }[] = [];
  for (const demoUser of DEMO_USERS) {
    let user = await db.prisma.user.findUnique({ where: { email: demoUser.email }, select: { id: true } });
    if (!user) {
      const passwordHash = await hashPassword(demoUser.password);
      const created = await db.prisma.user.createMany({
        data: [{ email: demoUser.email, name: demoUser.name, passwordHash }],
        skipDuplicates: true,
      });
      usersCreated += created.count;
      user = await db.prisma.user.findUniqueOrThrow({ where: { email: demoUser.email }, select: { id: true } });
    }
    userIds.push({ userId: user.id, role: demoUser.role });
  }
  // An existing membership keeps its role: an admin may have changed it on purpose.
  const memberships = await db.prisma.membership.createMany({
    data: userIds.map(({ userId, role }) => ({ workspaceId, userId, role })),
    skipDuplicates: true,
  });
  return { usersCreated, membershipsCreated: memberships.count };
}

/** Adds DEMO_SEGMENTS to a workspace that has no segment yet (a workspace whose segments were edited is left alone). */
async function ensureDemoSegments(db: Db, workspaceId: string): Promise<number> {
  if ((await db.prisma.segment.count({ where: { workspaceId } })) > 0) return 0;
  const admin = await db.prisma.user.findUnique({ where: { email: DEMO_USERS[0].email }, select: { id: true } });
  const created = await db.prisma.segment.createMany({
    data: DEMO_SEGMENTS.map((s) => ({ workspaceId, name: s.name, description: s.description, definition: s.definition, createdById: admin?.id, updatedById: admin?.id })),
  });
  return created.count;
}

/** Creates the demo workspace, its users, its customers and its segments where missing; a second call changes nothing. */
/** Creates the README's demo API key unless it exists (a revoked one stays revoked). True when created. */
async function ensureDemoApiKey(db: Db, workspaceId: string): Promise<boolean> {
  const hash = hashApiKey(DEMO_API_KEY.secret);
  if (await db.prisma.apiKey.findUnique({ where: { hashedKey: hash }, select: { id: true } })) return false;
  const admin = await db.prisma.user.findUnique({ where: { email: DEMO_USERS[0].email }, select: { id: true } });
  const prefix = DEMO_API_KEY.secret.slice(0, VISIBLE_PREFIX_LENGTH);
  await db.prisma.apiKey.create({ data: { workspaceId, name: DEMO_API_KEY.name, prefix, hashedKey: hash, access: "read_write", createdById: admin?.id } });
  return true;
}

export async function ensureDemoWorkspace(db: Db, options: EnsureDemoOptions = {}): Promise<EnsureDemoResult> {
  const log = options.log ?? (() => undefined);
  const workspace = await findOrCreateWorkspace(db);
  if (workspace.created) log(`Created the demo workspace "${DEMO_WORKSPACE.slug}" (${DEMO_WORKSPACE.name}).`);
  const users = await ensureDemoUsers(db, workspace.id);
  if (users.usersCreated + users.membershipsCreated > 0) {
    log(`Demo sign-ins ready (${users.usersCreated} users created, ${users.membershipsCreated} memberships added).`);
  }
  // Customers are loaded only into an empty workspace: the load is one transaction, so empty means never loaded.
  const hasCustomers = (await db.prisma.customer.findFirst({ where: { workspaceId: workspace.id }, select: { id: true } })) !== null;
  let customersLoaded = 0;
  if (!hasCustomers) {
    const customers = options.customers ?? DEMO_WORKSPACE.customers;
    log(`Loading ${customers.toLocaleString("en-US")} demo customers…`);
    const result = await seedWorkspace(db, { workspaceSlug: DEMO_WORKSPACE.slug, customers, seed: DEMO_WORKSPACE.seed, worker: false });
    customersLoaded = result.rows.Customer;
    log(`Demo data loaded: ${result.rows.Customer.toLocaleString("en-US")} customers, ${result.rows.Order.toLocaleString("en-US")} orders, ${result.rows.Event.toLocaleString("en-US")} events in ${(result.elapsedMs / 1000).toFixed(1)} s.`);
  }
  if (customersLoaded > 0) {
    // The RFM page and the dashboards' RFM breakdown show stored scores: compute them once, as a user would.
    await storeRfmScores(db.sql, { workspaceId: workspace.id, timeZone: DEMO_WORKSPACE.timeZone });
    log("RFM scores computed.");
  }
  // The Predictions page, the prediction columns and segments read stored predictions: compute them
  // once for new demo data, and for a demo workspace made before predictions existed.
  const predicted = (await db.prisma.predictionRun.findUnique({ where: { workspaceId: workspace.id }, select: { workspaceId: true } })) !== null;
  if (customersLoaded > 0 || !predicted) {
    const outcome = await storePredictions(db.sql, { workspaceId: workspace.id, timeZone: DEMO_WORKSPACE.timeZone });
    log(outcome.status === "ok" ? `Predictions computed for ${outcome.customers.toLocaleString("en-US")} customers.` : `No predictions: ${outcome.message}`);
  }
  const segmentsCreated = await ensureDemoSegments(db, workspace.id);
  if (segmentsCreated > 0) log(`Saved ${segmentsCreated} demo segments (${DEMO_SEGMENTS.map((s) => s.name).join(", ")}).`);
  if (await ensureDemoApiKey(db, workspace.id)) log("Demo API key ready (read-write).");
  return { workspaceId: workspace.id, workspaceCreated: workspace.created, ...users, customersLoaded, segmentsCreated };
}
