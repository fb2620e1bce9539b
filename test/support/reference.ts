/**
 * Where the shared reference data lives (JsonLogic's tests, the R rfm package's data, the
 * marketing dataset): SEGMENTA_REFERENCE_DIR, else ../shared/reference beside the checkout, else
 * the workplace's /work/shared/reference (a clone made elsewhere, as CI's may be). Never skipped:
 * without the data the reference tests fail with this message.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

export function referenceDir(): string {
  const candidates = process.env.SEGMENTA_REFERENCE_DIR
    ? [path.resolve(process.env.SEGMENTA_REFERENCE_DIR)]
    : [path.resolve(ROOT, "../shared/reference"), "/work/shared/reference"];
  const found = candidates.find((dir) => fs.existsSync(path.join(dir, "rfm", "REFERENCE.md")));
  if (!found) throw new Error(`The reference data was not found in ${candidates.join(" or ")}: set SEGMENTA_REFERENCE_DIR to the shared/reference folder.`);
  return found;
}
