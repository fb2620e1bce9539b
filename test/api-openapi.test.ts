import fs from "node:fs";
import path from "node:path";
import { Validator } from "@seriousme/openapi-schema-validator";
import { Ajv2020 } from "ajv/dist/2020";
import addFormats from "ajv-formats";
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
      const apiPath = `/${rel.map((part) => part.replace(/^\[\[?\.\.\.(\w+)\]\]?$/, "{$1}").replace(/^\[(\w+)\]$/, "{$1}")).join("/")}`;
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

  it("has every route of app/api/v1, and nothing that no route serves", async () => {
    // The operations the route files can import, by exported name.
    const exportedOperations = new Map<string, { operationId?: unknown }>();
    const dir = path.join(process.cwd(), "lib/api/v1");
    for (const file of fs.readdirSync(dir).filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"))) {
      const exports = (await import(path.join(dir, file))) as Record<string, unknown>;
      for (const [name, value] of Object.entries(exports)) if (value && typeof value === "object" && "operationId" in value) exportedOperations.set(name, value);
    }
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
        expect(exportedOperations.get(operation)?.operationId, `${method} ${apiPath} serves ${operation}`).toBe(documented.operationId);
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

describe("the examples of the OpenAPI document", () => {
  it("are valid against the schemas they illustrate", () => {
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(ajv);
    const components = (document as { components?: unknown }).components;
    const checked: string[] = [];
    const walk = (node: unknown, where: string) => {
      if (Array.isArray(node)) return node.forEach((item, i) => walk(item, `${where}/${i}`));
      if (!node || typeof node !== "object") return;
      const record = node as Record<string, unknown>;
      const isSchema = "type" in record || "$ref" in record || "anyOf" in record || "enum" in record;
      if ("example" in record && isSchema) {
        const { example, ...schema } = record;
        const validate = ajv.compile({ ...schema, components });
        expect(validate(example), `${where}: ${JSON.stringify(validate.errors)}`).toBe(true);
        checked.push(where);
      }
      for (const [key, value] of Object.entries(record)) if (key !== "example") walk(value, `${where}/${key}`);
    };
    walk(document, "");
    expect(checked.length).toBeGreaterThan(0);
  });
});
