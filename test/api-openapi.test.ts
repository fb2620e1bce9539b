import fs from "node:fs";
import path from "node:path";
import { Validator } from "@seriousme/openapi-schema-validator";
import { describe, expect, it } from "vitest";
import { buildOpenApiDocument } from "@/lib/api/openapi";
import { OPERATIONS } from "@/lib/api/v1/operations";

const ROOT = path.join(process.cwd(), "app/api/v1");
// Routes that are not operations: the document itself, and the problem answer for unknown paths.
const NOT_OPERATIONS = new Set(["/openapi.json", "/{path}"]);

/** Every route file under app/api/v1 as [OpenAPI path, file text]. */
function routeFiles(dir = ROOT): [string, string][] {
  const out: [string, string][] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...routeFiles(full));
    else if (entry.name === "route.ts") {
      const rel = path.relative(ROOT, dir).split(path.sep).filter(Boolean);
      const apiPath = `/${rel.map((part) => part.replace(/^\[\.\.\.(\w+)\]$/, "{$1}").replace(/^\[(\w+)\]$/, "{$1}")).join("/")}`;
      out.push([apiPath, fs.readFileSync(full, "utf8")]);
    }
  }
  return out;
}

const document = buildOpenApiDocument(OPERATIONS) as { paths: Record<string, Record<string, { operationId: string }>> };

describe("the OpenAPI document of /api/v1", () => {
  it("is valid OpenAPI 3.1", async () => {
    const validator = new Validator();
    const result = await validator.validate(structuredClone(document));
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe("3.1");
  });

  it("has every route of app/api/v1, and nothing that no route serves", () => {
    const served: string[] = [];
    for (const [apiPath, text] of routeFiles()) {
      if (NOT_OPERATIONS.has(apiPath)) continue;
      const exported = [...text.matchAll(/export const (GET|POST|PUT|PATCH|DELETE)\b/g)].map((m) => m[1]);
      const wired = [...text.matchAll(/export const (GET|POST|PUT|PATCH|DELETE) = routeHandler\((\w+)\)/g)];
      // A method served any other way than routeHandler(operation) would be outside the document.
      expect(wired.map((m) => m[1]), `${apiPath}: every method must be routeHandler(operation)`).toEqual(exported);
      for (const [, method, operation] of wired) {
        const documented = document.paths[apiPath]?.[method.toLowerCase()];
        expect(documented, `${method} ${apiPath} is missing from the document`).toBeTruthy();
        expect(documented.operationId, `${method} ${apiPath} serves ${operation}`).toBe(operation);
        served.push(`${method} ${apiPath}`);
      }
    }
    const documented = Object.entries(document.paths).flatMap(([p, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${p}`));
    expect(documented.sort()).toEqual(served.sort());
  });

  it("names each operation once", () => {
    const ids = OPERATIONS.map((o) => o.operationId);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
