/**
 * Deterministic UUIDs for generated rows. They are version-8 ("custom") UUIDs whose
 * leading bits are a per-seed salt and the customer index, so rows generated in order
 * are appended to the end of each (workspaceId, id) B-tree instead of scattered over
 * it — that is what keeps a 10-million-row COPY fast.
 */
import { mix32 } from "./prng";

export const ID_KIND = { customer: 1, order: 2, orderItem: 3, event: 4 } as const;

const SUB_CACHE_SIZE = 1 << 16;
const subHex: string[] = [];

function hex9(value: number): string {
  return value.toString(16).padStart(9, "0");
}

/** The 8-hex-digit salt of a seed: different seeds give different ids. */
export function seedSalt(seed: number): string {
  return mix32(seed ^ 0x51ed270b).toString(16).padStart(8, "0");
}

/** The first 30 hex digits (with dashes) shared by every id of one customer; append kind + sub-index with `rowId`. */
export function customerIdPrefix(salt: string, customerIndex: number): string {
  const c = customerIndex.toString(16).padStart(12, "0");
  return `${salt}-${c.slice(0, 4)}-8${c.slice(4, 7)}-8${c.slice(7, 10)}-${c.slice(10, 12)}`;
}

/** The id of one row: kind (see ID_KIND) and a sub-index below 2^36 within the customer. */
export function rowId(prefix: string, kind: number, subIndex: number): string {
  if (subIndex >= SUB_CACHE_SIZE) return prefix + kind.toString(16) + hex9(subIndex);
  let hex = subHex[subIndex];
  if (hex === undefined) {
    hex = hex9(subIndex);
    subHex[subIndex] = hex;
  }
  return prefix + String.fromCharCode(48 + kind) + hex;
}
