import http from "node:http";
import https from "node:https";
import type { IncomingMessage } from "node:http";
import { PEER_ADDRESS_HEADER } from "./client-address";

const marker = Symbol.for("segmenta.peerAddressHeader");

/**
 * Route handlers under `next start` get no socket, only headers, and Next fills X-Forwarded-For
 * from the socket only when the client sent none (so a client can write it). This stamps the TCP
 * peer's address on every incoming request under PEER_ADDRESS_HEADER, replacing any value a client
 * sent, before Next sees the request. Installed once per process from instrumentation.ts.
 */
export function installPeerAddressHeader(): void {
  for (const Server of [http.Server, https.Server]) {
    const proto = Server.prototype as unknown as Record<symbol, unknown> & { emit: (event: string | symbol, ...args: unknown[]) => boolean };
    if (proto[marker]) continue;
    const original = proto.emit;
    proto.emit = function emit(this: unknown, event: string | symbol, ...args: unknown[]) {
      if (event === "request") {
        const req = args[0] as IncomingMessage;
        req.headers[PEER_ADDRESS_HEADER] = req.socket?.remoteAddress ?? "";
      }
      return original.call(this, event, ...args);
    };
    proto[marker] = true;
  }
}
