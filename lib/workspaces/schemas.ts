import { z } from "zod";

/** True when the runtime knows this IANA time zone. */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export const slugSchema = z
  .string()
  .trim()
  .min(2, "Use at least 2 characters.")
  .max(40, "Use at most 40 characters.")
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "Use lower-case letters, digits and single dashes, e.g. acme-eu.");

export const timeZoneSchema = z.string().trim().refine(isTimeZone, "Not a known IANA time zone (for example Europe/Warsaw or UTC).");

export const emailSchema = z.string().trim().toLowerCase().pipe(z.email("Enter a valid email address.")).pipe(z.string().max(254));

export const passwordSchema = z.string().min(8, "Use at least 8 characters.").max(200, "Use at most 200 characters.");

export const roleSchema = z.enum(["admin", "editor", "viewer"]);

export const createWorkspaceSchema = z.object({
  slug: slugSchema,
  name: z.string().trim().min(1, "Enter a name.").max(100, "Use at most 100 characters."),
  timeZone: timeZoneSchema.default("UTC"),
  admin: z
    .object({
      email: emailSchema,
      password: passwordSchema,
      name: z.string().trim().max(100).optional(),
    })
    .optional(),
});
export type CreateWorkspaceInput = z.input<typeof createWorkspaceSchema>;
