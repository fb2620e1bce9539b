/** The customer, order and event operations document themselves: every path, and examples that parse. */
import { describe, expect, it } from "vitest";
import { buildOpenApiDocument } from "@/lib/api/openapi";
import { batchResultSchema } from "@/lib/api/v1/batch";
import { customerInputSchema } from "@/lib/api/v1/customer-schemas";
import { DATA_OPERATIONS } from "@/lib/api/v1/data-operations";
import { eventInputSchema } from "@/lib/api/v1/events";
import { orderInputSchema } from "@/lib/api/v1/orders";

// The document is plain JSON: read field by field.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

describe("the data operations in the OpenAPI document", () => {
  it("lists every path and method once, with its request and answer schemas", () => {
    const doc: Json = buildOpenApiDocument(DATA_OPERATIONS);
    const routes = Object.entries(doc.paths as Record<string, Record<string, { operationId: string }>>).flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`));
    expect(routes.sort()).toEqual([
      "DELETE /customers/{id}", "GET /customers", "GET /customers/{id}", "GET /customers/{id}/orders", "POST /customers", "POST /customers/batch",
      "POST /events/batch", "POST /orders", "POST /orders/batch",
    ]);
    expect(Object.keys(doc.components.schemas)).toEqual(expect.arrayContaining(["Customer", "CustomerInput", "Order", "OrderInput", "EventInput", "BatchResult"]));
    const batch = doc.paths["/customers/batch"].post.requestBody.content["application/json"].schema;
    expect(batch.properties.data.items).toEqual({ $ref: "#/components/schemas/CustomerInput" });
    expect(batch.properties.data.maxItems).toBe(1000);
  });

  it("has examples that its own schemas accept", () => {
    for (const schema of [customerInputSchema, orderInputSchema, eventInputSchema, batchResultSchema]) {
      const example = (schema.meta() as { example?: unknown }).example;
      expect(example).toBeDefined();
      expect(schema.safeParse(example).success).toBe(true);
    }
  });
});
