import http from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";

/** A webhook receiver on loopback for the specs: records each message and whether standardwebhooks verifies it with `secret`. */
export async function startSpecReceiver(): Promise<{ url: string; secret: { value: string }; messages: { id: string; body: string; verified: boolean }[]; close(): Promise<void> }> {
  const secret = { value: "" };
  const messages: { id: string; body: string; verified: boolean }[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const headers = { "webhook-id": String(req.headers["webhook-id"]), "webhook-timestamp": String(req.headers["webhook-timestamp"]), "webhook-signature": String(req.headers["webhook-signature"]) };
      let verified = false;
      try {
        new Webhook(secret.value).verify(body, headers);
        verified = true;
      } catch {
        verified = false;
      }
      messages.push({ id: headers["webhook-id"], body, verified });
      res.writeHead(200, { "content-type": "text/plain" });
      res.end("received");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    secret,
    messages,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
