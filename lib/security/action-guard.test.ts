import { describe, expect, it } from "vitest";
import { ACTION_BODY_LIMIT, checkServerActionRequest, readBounded } from "./action-guard";

const URL_ = "http://localhost/w/demo/segments";

function action(body: BodyInit | null, headers: Record<string, string> = {}): Request {
  return new Request(URL_, {
    method: "POST",
    body,
    headers: { "next-action": "7f00aa", "content-type": "text/plain;charset=UTF-8", ...headers },
    // Node's fetch needs this for a stream body.
    ...(body instanceof ReadableStream ? { duplex: "half" } : {}),
  } as RequestInit);
}

function streamOf(size: number, chunk = 64 * 1024): ReadableStream<Uint8Array> {
  let sent = 0;
  return new ReadableStream({
    pull(controller) {
      if (sent >= size) return controller.close();
      const n = Math.min(chunk, size - sent);
      sent += n;
      controller.enqueue(new Uint8Array(n).fill(0x20));
    },
  });
}

describe("checkServerActionRequest", () => {
  it("lets through what React's client sends: a JSON array as text/plain", async () => {
    expect(await checkServerActionRequest(action('[{"workspace":"demo","name":"VIP"}]'))).toBeNull();
    expect(await checkServerActionRequest(action("[]"))).toBeNull();
  });

  it("lets through multipart bodies whose field 0 is the JSON array", async () => {
    const form = new FormData();
    form.set("0", '["$K1"]');
    form.set("1_file", new Blob(["a,b\n"]), "x.csv");
    const encoded = new Request(URL_, { method: "POST", body: form });
    const request = action(await encoded.arrayBuffer(), { "content-type": encoded.headers.get("content-type")! });
    expect(await checkServerActionRequest(request)).toBeNull();
  });

  it("ignores requests that are not actions", async () => {
    expect(await checkServerActionRequest(new Request(URL_, { method: "POST", body: "{not json" }))).toBeNull();
    expect(await checkServerActionRequest(new Request(URL_, { headers: { "next-action": "x" } }))).toBeNull();
  });

  it("answers 400 to empty, invalid JSON, non-array JSON, bad UTF-8 and other content types", async () => {
    expect(await checkServerActionRequest(action(null))).toMatchObject({ status: 400 });
    expect(await checkServerActionRequest(action(""))).toMatchObject({ status: 400 });
    expect(await checkServerActionRequest(action("{not json"))).toMatchObject({ status: 400, message: expect.stringMatching(/JSON/) });
    expect(await checkServerActionRequest(action('{"a":1}'))).toMatchObject({ status: 400 });
    expect(await checkServerActionRequest(action('"text"'))).toMatchObject({ status: 400 });
    expect(await checkServerActionRequest(action(new Uint8Array([0x5b, 0xff, 0x5d])))).toMatchObject({ status: 400 });
    expect(await checkServerActionRequest(action("[]", { "content-type": "application/json" }))).toMatchObject({ status: 400 });
    expect(await checkServerActionRequest(action("a=1", { "content-type": "application/x-www-form-urlencoded" }))).toMatchObject({ status: 400 });
    expect(await checkServerActionRequest(action("x", { "content-type": "multipart/form-data; boundary=zzz" }))).toMatchObject({ status: 400 });
    expect(await checkServerActionRequest(action("[]", { "content-length": "abc" }))).toMatchObject({ status: 400 });
  });

  it("answers 400 to references to parts a text body cannot have, and lets self-contained values through", async () => {
    for (const ref of ['["$Q1"]', '[{"a":["$@2"]}]', '["$K1"]', '["$B0"]', '["$F3"]', '["$nabc"]']) {
      expect(await checkServerActionRequest(action(ref)), ref).toMatchObject({ status: 400, message: expect.stringMatching(/part/) });
    }
    const fine = JSON.stringify([{ a: "$$escaped", b: "$undefined", c: "$D2026-01-01T00:00:00.000Z", d: "$n123", e: "$-0", f: "$T", g: "plain $Q1" }]);
    expect(await checkServerActionRequest(action(fine))).toBeNull();
  });

  it("survives deeply nested bodies", async () => {
    const deep = `${"[".repeat(200_000)}${"]".repeat(200_000)}`;
    expect(await checkServerActionRequest(action(deep))).toMatchObject({ status: 400, message: expect.stringMatching(/nested/) });
    const fine = JSON.stringify([{ a: { b: { c: [[[{ d: 1 }]]] } } }]);
    expect(await checkServerActionRequest(action(fine))).toBeNull();
  });

  it("answers 413 from Content-Length alone, before reading", async () => {
    const request = action("[]", { "content-length": String(ACTION_BODY_LIMIT + 1) });
    expect(await checkServerActionRequest(request)).toMatchObject({ status: 413 });
  });

  it("answers 413 to a streamed body over the limit without Content-Length", async () => {
    const refusal = await checkServerActionRequest(action(streamOf(2 * ACTION_BODY_LIMIT)));
    expect(refusal).toMatchObject({ status: 413 });
  });

  it("accepts a body of exactly the limit", async () => {
    const body = `[${'"'}${"x".repeat(ACTION_BODY_LIMIT - 4)}${'"'}]`;
    expect(new TextEncoder().encode(body).byteLength).toBe(ACTION_BODY_LIMIT);
    expect(await checkServerActionRequest(action(body))).toBeNull();
  });

  it("leaves the original body readable for the framework", async () => {
    const request = action('["kept"]');
    expect(await checkServerActionRequest(request)).toBeNull();
    expect(await request.text()).toBe('["kept"]');
  });
});

describe("readBounded", () => {
  it("stops reading past the limit", async () => {
    let pulled = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 1;
        controller.enqueue(new Uint8Array(1000));
      },
    });
    expect(await readBounded(stream, 5000)).toBeNull();
    expect(pulled).toBeLessThan(10);
  });
});
