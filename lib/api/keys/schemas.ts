import { z } from "zod";

/** What a key may do, as people and the command line say it. */
export const API_KEY_ACCESS_LABELS = { read: "Read", read_write: "Read and write" } as const;

/** Longest key name. */
export const API_KEY_NAME_MAX = 80;

export const apiKeyAccessSchema = z.enum(["read", "read_write"], { error: "Choose read, or read and write." });

export const apiKeyNameSchema = z
  .string({ error: "Give the key a name." })
  .trim()
  .min(1, "Give the key a name, e.g. the tool or script that will use it.")
  .max(API_KEY_NAME_MAX, `Keep the name to ${API_KEY_NAME_MAX} characters or fewer.`);

/** A key's own request limit per rate-limit window (README: SEGMENTA_API_RATE_LIMIT); none: the server's. */
export const apiKeyRateLimitSchema = z.coerce
  .number("must be a whole number of requests")
  .int("must be a whole number of requests")
  .min(1, "must be at least 1 request")
  .max(1_000_000, "must be at most 1,000,000 requests");

export const createApiKeySchema = z.object({ name: apiKeyNameSchema, access: apiKeyAccessSchema, rateLimit: apiKeyRateLimitSchema.optional() });
export type CreateApiKeyInput = z.input<typeof createApiKeySchema>;

export const apiKeyIdSchema = z.uuid("Unknown API key.");

export const revokeApiKeySchema = z.object({ id: apiKeyIdSchema });
export type RevokeApiKeyInput = z.input<typeof revokeApiKeySchema>;
