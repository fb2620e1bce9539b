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

export const createApiKeySchema = z.object({ name: apiKeyNameSchema, access: apiKeyAccessSchema });
export type CreateApiKeyInput = z.input<typeof createApiKeySchema>;

export const apiKeyIdSchema = z.uuid("Unknown API key.");

export const revokeApiKeySchema = z.object({ id: apiKeyIdSchema });
export type RevokeApiKeyInput = z.input<typeof revokeApiKeySchema>;
