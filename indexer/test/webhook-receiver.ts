/**
 * An HTTP receiver of the explorer's webhooks on 127.0.0.1 for the tests: it answers per path and
 * checks every delivery's signature with the SDK's `verifyWebhook`.
 */
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";

import { verifyWebhook, WEBHOOK_SIGNATURE_HEADER } from "@tradechain/sdk";

/** One request a receiver got: what it answered and whether the signature verified. */
export interface Received {
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  readonly answered: number;
  readonly verified: boolean;
}

/** An HTTP receiver on 127.0.0.1: answers per path, checks every signature with the SDK. */
export class Receiver {
  readonly received: Received[] = [];
  /** What each path answers (200 when not set). */
  readonly answers = new Map<string, number>();
  /** The secret of each path's endpoint. */
  readonly secrets = new Map<string, string>();
  private server: Server | undefined;

  constructor(readonly port: number) {}

  url(path: string): string {
    return `http://127.0.0.1:${this.port}${path}`;
  }

  async start(): Promise<void> {
    const server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on("data", (chunk: Buffer) => chunks.push(chunk));
      request.on("end", () => {
        const path = request.url ?? "";
        const body = Buffer.concat(chunks).toString("utf8");
        const header = request.headers[WEBHOOK_SIGNATURE_HEADER.toLowerCase()];
        const answered = this.answers.get(path) ?? 200;
        verifyWebhook(body, typeof header === "string" ? header : undefined, this.secret(path))
          .then(
            () => true,
            () => false,
          )
          .then((verified) => {
            this.received.push({ path, headers: request.headers, body, answered, verified });
            response.writeHead(answered).end(answered === 200 ? "ok" : "not now");
          });
      });
    });
    await new Promise<void>((resolve) => server.listen(this.port, "127.0.0.1", resolve));
    this.server = server;
  }

  private secret(path: string): string {
    return this.secrets.get(path) ?? "whsec_unknown";
  }

  async close(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server === undefined) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  on(path: string): Received[] {
    return this.received.filter((r) => r.path === path);
  }

  /** Event ids a path answered 2xx, each as often as it did. */
  delivered(path: string): string[] {
    return this.on(path)
      .filter((r) => r.answered === 200)
      .map((r) => String(r.headers["tradechain-event-id"]));
  }
}
