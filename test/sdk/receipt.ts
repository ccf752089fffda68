import { expect } from "chai";
import {
  JsonRpcProvider,
  type Network,
  type TransactionReceipt,
  type TransactionReceiptParams,
} from "ethers";

import { receiptParams, wrapReceipt } from "../../sdk/src/receipt.js";
import { ethers, networkHelpers, onboardedSuiteFixture, PK, TEA, units } from "../helpers/sdk.js";

const { loadFixture } = networkHelpers;

/** A JSON-RPC provider whose only use here is formatting (it never connects). */
const formatter = new JsonRpcProvider("http://127.0.0.1:1", undefined, { staticNetwork: true });
after(() => formatter.destroy());

const FIELDS = [
  "to",
  "from",
  "contractAddress",
  "hash",
  "index",
  "blockHash",
  "blockNumber",
  "logsBloom",
  "gasUsed",
  "cumulativeGasUsed",
  "blobGasUsed",
  "gasPrice",
  "blobGasPrice",
  "type",
  "status",
  "root",
] as const;

/** ethers' own formatting of a node's receipt, as the client used it before. */
function ethersReceipt(json: unknown): TransactionReceipt {
  const wraps = formatter as unknown as {
    _wrapTransactionReceipt(value: unknown, network: unknown): TransactionReceipt;
  };
  return wraps._wrapTransactionReceipt(json, null);
}

/** Every field of a receipt and of its logs, for comparing two receipts exactly. */
function view(receipt: TransactionReceipt) {
  return {
    ...Object.fromEntries(FIELDS.map((key) => [key, receipt[key]])),
    logs: receipt.logs.map((log) => ({ ...log.toJSON(), removed: log.removed })),
  };
}

/** The node's own JSON of a few receipts: a deployment, an order with its events, a transfer. */
async function nodeReceipts(): Promise<Record<string, Record<string, unknown>>> {
  const fx = await loadFixture(onboardedSuiteFixture);
  const deployed = await ethers.deployContract("MockERC20", ["Mock", "M", 6]);
  const order = await fx.clients.buyer.createOrder(
    { seller: fx.seller.address, token: "USD", amount: units(25), productId: TEA, destination: PK },
    { method: "allowance" },
  );
  const transfer = await fx.buyer.sendTransaction({ to: fx.stranger.address, value: 1n });
  const json = async (hash: string) =>
    (await ethers.provider.send("eth_getTransactionReceipt", [hash])) as Record<string, unknown>;
  return {
    deployment: await json(deployed.deploymentTransaction()?.hash ?? ""),
    order: await json(order.receipt.hash),
    transfer: await json(transfer.hash),
  };
}

describe("receipt.wrapReceipt: ethers' receipts, made with less work", function () {
  it("makes exactly ethers' receipt from a node's receipts (deployment, order with events, transfer)", async function () {
    const receipts = await nodeReceipts();
    expect((receipts.order.logs as unknown[]).length).to.be.greaterThan(1);
    expect(receipts.deployment.contractAddress).to.be.a("string");
    for (const [what, json] of Object.entries(receipts)) {
      expect(receiptParams(json), what).to.not.equal(undefined);
      expect(view(wrapReceipt(formatter, json)), what).to.deep.equal(view(ethersReceipt(json)));
    }
  });

  it("follows ethers on the fields nodes spell differently or leave out", async function () {
    const { order } = await nodeReceipts();
    const logs = order.logs as Record<string, unknown>[];
    const variants: Record<string, Record<string, unknown>> = {
      "gasPrice instead of effectiveGasPrice": {
        ...order,
        effectiveGasPrice: undefined,
        gasPrice: "0x3b9aca00",
      },
      "no fee at all": { ...order, effectiveGasPrice: undefined },
      "a pre-Byzantium root and no status": { ...order, root: "0xABCDEF", status: null },
      "no type and no logsBloom": { ...order, type: undefined, logsBloom: undefined },
      "blob gas": { ...order, blobGasUsed: "0x20000", blobGasPrice: "0x1" },
      "index and hash instead of transactionIndex and transactionHash": {
        ...order,
        index: order.transactionIndex,
        hash: order.transactionHash,
      },
      "lower-case addresses and index in logs": {
        ...order,
        from: String(order.from).toLowerCase(),
        logs: logs.map((log) => ({
          ...log,
          index: log.logIndex,
          address: String(log.address).toLowerCase(),
        })),
      },
    };
    for (const [what, json] of Object.entries(variants)) {
      expect(receiptParams(json), what).to.not.equal(undefined);
      expect(view(wrapReceipt(formatter, json)), what).to.deep.equal(view(ethersReceipt(json)));
    }
  });

  it("leaves an unusual receipt to ethers, which formats it or refuses it in its own words", async function () {
    const { order } = await nodeReceipts();
    const logs = order.logs as Record<string, unknown>[];
    // EIP-55's own example with the case of its first letter flipped: a wrong checksum.
    const wrongChecksum = "0x5AAeb6053F3E94C9b9A09f33669435E7Ef1BeAed";
    const unusual: Record<string, Record<string, unknown>> = {
      "a decimal block number": { ...order, blockNumber: 12 },
      "a wrong mixed-case checksum": { ...order, from: wrongChecksum },
      "a short hash": { ...order, blockHash: "0x1234" },
      "a log without topics": { ...order, logs: [{ ...logs[0], topics: undefined }] },
      "no logs": { ...order, logs: undefined },
    };
    for (const [what, json] of Object.entries(unusual)) {
      expect(receiptParams(json), what).to.equal(undefined);
      let expected: unknown;
      let made: unknown;
      try {
        expected = view(ethersReceipt(json));
      } catch (err) {
        expected = (err as Error).message;
      }
      try {
        made = view(wrapReceipt(formatter, json));
      } catch (err) {
        made = (err as Error).message;
      }
      expect(made, what).to.deep.equal(expected);
    }
    expect(receiptParams(null)).to.equal(undefined);
    expect(receiptParams("0x")).to.equal(undefined);
  });

  it("keeps a provider's own receipt formatting (an L2's extra fields)", async function () {
    const { transfer } = await nodeReceipts();
    class L2Provider extends JsonRpcProvider {
      override _wrapTransactionReceipt(
        value: TransactionReceiptParams,
        network: Network,
      ): TransactionReceipt {
        const receipt = super._wrapTransactionReceipt(value, network);
        Object.defineProperty(receipt, "l1Fee", { value: 7n });
        return receipt;
      }
    }
    const l2 = new L2Provider("http://127.0.0.1:1", undefined, { staticNetwork: true });
    try {
      expect((wrapReceipt(l2, transfer) as TransactionReceipt & { l1Fee?: bigint }).l1Fee).to.equal(
        7n,
      );
    } finally {
      l2.destroy();
    }
  });
});
