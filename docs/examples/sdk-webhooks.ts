/**
 * Webhooks (docs/sdk.md): a platform's receiver checks each delivery of the explorer with
 * verifyWebhook on the raw body and answers 2xx only to a genuine one; the sender's side signs
 * with signWebhook, as the explorer's dispatcher does. CI runs this file; it needs no chain.
 *
 *   TRADECHAIN_WEBHOOK_SECRET=whsec_… node sdk-webhooks.js
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

import {
  signWebhook,
  TradeChainError,
  verifyWebhook,
  WEBHOOK_SIGNATURE_HEADER,
} from "@tradechain/sdk";

const secret = process.env.TRADECHAIN_WEBHOOK_SECRET ?? "whsec_example_only";
const seen = new Set<string>(); // event ids already handled: a retried delivery is acknowledged once

// The receiver: the raw bytes of the body are what was signed; parse the JSON only after.
const server = createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on("data", (chunk: Buffer) => chunks.push(chunk));
  request.on("end", () => {
    const header = request.headers[WEBHOOK_SIGNATURE_HEADER.toLowerCase()];
    verifyWebhook(
      Buffer.concat(chunks),
      typeof header === "string" ? header : undefined,
      secret,
      300,
    )
      .then(({ body }) => {
        const event = JSON.parse(body) as { id: string; kind: string; orderId: string };
        const fresh = !seen.has(event.id);
        seen.add(event.id);
        response
          .writeHead(200)
          .end(fresh ? `handled ${event.kind}` : `already handled ${event.id}`);
      })
      .catch((err: unknown) => {
        // TradeChainError codes: WEBHOOK_MALFORMED, WEBHOOK_STALE, WEBHOOK_SIGNATURE.
        const code = err instanceof TradeChainError ? err.code : "INTERNAL";
        response.writeHead(err instanceof TradeChainError ? 400 : 500).end(code);
      });
  });
});
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/tradechain`;

// The sender's side: sign the exact bytes that are sent.
async function deliver(what: string, body: string, header: string | undefined): Promise<void> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (header !== undefined) headers[WEBHOOK_SIGNATURE_HEADER] = header;
  const response = await fetch(url, { method: "POST", body, headers });
  console.log(`${what}: ${response.status} ${await response.text()}`);
}

const event = JSON.stringify({ id: "evt_0001", kind: "OrderShipped", orderId: "0x5f3c…" });
const now = Math.floor(Date.now() / 1000);
await deliver("genuine", event, await signWebhook(event, secret, now));
await deliver("retried", event, await signWebhook(event, secret, now + 30));
await deliver(
  "body changed",
  event.replace("Shipped", "Cleared"),
  await signWebhook(event, secret, now),
);
await deliver("replayed an hour later", event, await signWebhook(event, secret, now - 3600));
await deliver("another secret", event, await signWebhook(event, "whsec_not_ours", now));
await deliver("unsigned", event, undefined);
// A rotation: the sender signs with the old and the new secret; the receiver knows either.
await deliver("during a rotation", event, await signWebhook(event, ["whsec_new", secret], now));
server.close();
