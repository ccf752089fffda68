/**
 * A JSON-RPC server on a loopback port in front of an in-process Hardhat network, so a test can
 * reach that network the way a real node is reached (`type: "http"`, any chain id) and swap the
 * network behind the URL to play a restarted node.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

import type { EIP1193Provider } from "hardhat/types/providers";

/** A running proxy. */
export interface RpcProxy {
  readonly url: string;
  /** Points the URL at another network (a "restarted node"). */
  setBackend(provider: EIP1193Provider): void;
  close(): Promise<void>;
}

interface JsonRpcRequest {
  readonly id: number | string | null;
  readonly method: string;
  readonly params?: unknown[];
}

/** Starts a proxy serving `backend` on 127.0.0.1 at a free port. */
export async function startRpcProxy(backend: EIP1193Provider): Promise<RpcProxy> {
  let target = backend;
  const answer = async (request: JsonRpcRequest) => {
    try {
      const result = await target.request({ method: request.method, params: request.params });
      return { jsonrpc: "2.0", id: request.id, result };
    } catch (err) {
      const e = err as { code?: number; message?: string; data?: unknown };
      return {
        jsonrpc: "2.0",
        id: request.id,
        error: { code: e.code ?? -32603, message: e.message ?? String(err), data: e.data },
      };
    }
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as
        JsonRpcRequest | JsonRpcRequest[];
      const reply = Array.isArray(body) ? Promise.all(body.map(answer)) : answer(body);
      void reply.then((payload) => {
        res.setHeader("content-type", "application/json");
        res.end(
          JSON.stringify(payload, (_k, v: unknown) =>
            typeof v === "bigint" ? `0x${v.toString(16)}` : v,
          ),
        );
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    setBackend: (provider) => {
      target = provider;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err === undefined ? resolve() : reject(err)));
      }),
  };
}
