/**
 * Every error the SDK throws is a TradeChainError with a code: one or more cases per code of
 * ERROR_CODES (the table below has a key for each, so a new code cannot go untested), each
 * checking the code, the decoded name and the message a person reads.
 */
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

import { expect } from "chai";
import { JsonRpcProvider, Network, Wallet } from "ethers";

import {
  countryAlpha2,
  countryCode,
  ERROR_CODES,
  ExplorerClient,
  formatTimestamp,
  formatUnitsGrouped,
  hsCodeNumber,
  normalizeGtin,
  parseAddress,
  parseAmount,
  parseJurisdiction,
  parseTariffCode,
  productIdFromHsCode,
  signWebhook,
  TradeChainClient,
  TradeChainError,
  type TradeChainErrorCode,
  verifyWebhook,
} from "@tradechain/sdk";
import {
  ethers,
  LAPTOP,
  networkHelpers,
  onboardedSuiteFixture,
  PK,
  units,
} from "../helpers/sdk.js";

type Fixture = Awaited<ReturnType<typeof onboardedSuiteFixture>>;

/** One way to get an error of a code: what is done, the decoded name, and the message. */
interface Case {
  readonly what: string;
  readonly name: string;
  readonly message: string | RegExp;
  readonly run: (fx: Fixture) => unknown;
}

/** A checksummed address with the case of its first letter flipped (a mistyped copy). */
function badChecksum(address: string): string {
  const at = [...address].findIndex((c, i) => i > 1 && /[a-fA-F]/.test(c));
  const c = address[at];
  return (
    address.slice(0, at) +
    (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase()) +
    address.slice(at + 1)
  );
}

/**
 * Runs `work` against an HTTP server on the loopback that answers every request with `status` and
 * `body`, as an explorer (or something that is not one) would; the server is always closed.
 */
async function answering<T>(
  status: number,
  body: string,
  work: (explorer: ExplorerClient) => Promise<T>,
): Promise<T> {
  const server = createServer((_req, res) => {
    res.writeHead(status, { "content-type": "application/json" }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  try {
    return await work(new ExplorerClient(`http://127.0.0.1:${port}`));
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}

const SECRET = "whsec_test";
const BODY = '{"id":"evt_1","kind":"OrderShipped"}';
const T = 1_767_225_600;

const CASES: Record<TradeChainErrorCode, readonly Case[]> = {
  REVERT: [
    {
      what: "a contract reverts with an error of the suite",
      name: "NothingToWithdraw",
      message: /has nothing to withdraw in/,
      run: (fx) => fx.clients.buyer.withdraw("USD"),
    },
  ],
  UNKNOWN_ORDER: [
    {
      what: "an order id the escrow never saw",
      name: "UnknownOrder",
      message: /^No order 0x[0-9a-f]{64} on escrow/,
      run: (fx) => fx.clients.buyer.nextAction(ethers.id("nothing")),
    },
  ],
  NO_SIGNER: [
    {
      what: "a read-only client asked to send",
      name: "NoSigner",
      message: "This TradeChainClient is read-only: connect it to a Signer to send or sign",
      run: (fx) =>
        new TradeChainClient(ethers.provider, fx.addresses).mint("USD", fx.buyer.address, 1n),
    },
  ],
  INVALID_ARGUMENT: [
    {
      what: "a negative amount",
      name: "NegativeAmount",
      message: "amount must be zero or more (smallest units of the token), got -1",
      run: (fx) => fx.clients.operator.mint("USD", fx.buyer.address, -1n),
    },
    {
      what: "a role the registry does not have",
      name: "InvalidRole",
      message: 'Unknown role "Smuggler"; roles are Seller, Buyer, Logistics, Arbiter, FxProvider',
      run: (fx) =>
        fx.clients.operator.registerParticipant(
          fx.stranger.address,
          ["Smuggler" as "Seller"],
          PK,
          "kyc",
        ),
    },
    {
      what: "a listing status that does not exist",
      name: "InvalidListingStatus",
      message: 'Listing status must be Unlisted, Positive, Negative, got "Banned"',
      run: (fx) => fx.clients.customsPK.setListing(PK, LAPTOP, "Banned" as "Negative"),
    },
    {
      what: "a tariff level that is not 2, 4, 6 or 8 digits",
      name: "InvalidTariffLevel",
      message: "A tariff level is 2, 4, 6, 8 digits, not 3",
      run: (fx) => fx.clients.buyer.listedTariffCodes(PK, 3, "Negative"),
    },
    {
      what: "an empty batch",
      name: "EmptyBatch",
      message: "confirmReceipt needs at least one order",
      run: (fx) => fx.clients.buyer.confirmMany([]),
    },
    {
      what: "a batch of two currencies",
      name: "MixedTokens",
      message: /^createMany takes orders of one token: 0x[0-9a-fA-F]{40} differs from/,
      run: (fx) =>
        fx.clients.buyer.createMany(
          ["USD", "CNY"].map((token) => ({
            seller: fx.seller.address,
            token,
            amount: units(1),
            productId: LAPTOP,
            destination: PK,
          })),
        ),
    },
    {
      what: "a relayer creating an order for another buyer",
      name: "SignerNotBuyer",
      message: /^The signer 0x[0-9a-fA-F]{40} is not the buyer 0x[0-9a-fA-F]{40}: use signFunding/,
      run: (fx) =>
        fx.clients.relayer.createOrder({
          seller: fx.seller.address,
          buyer: fx.buyer.address,
          token: "USD",
          amount: units(1),
          productId: LAPTOP,
          destination: PK,
        }),
    },
    {
      what: "a malformed order id",
      name: "InvalidOrderId",
      message: '"0x12" is not an order id (0x and 64 hex digits)',
      run: (fx) => fx.clients.buyer.nextAction("0x12"),
    },
    {
      what: "a signer without a provider",
      name: "NoProvider",
      message: /has no provider: connect it first/,
      run: (fx) => new TradeChainClient(Wallet.createRandom(), fx.addresses).now(),
    },
    ...(
      [
        ["InvalidGtin", "GTIN check digit", () => normalizeGtin("4006381333932")],
        ["InvalidHsCode", "HS code must have 6-10 digits", () => productIdFromHsCode("84", "A")],
        ["EmptySku", "SKU must not be empty", () => productIdFromHsCode("8471.30", " ")],
        ["InvalidHsCode", "8-digit code of chapter 01-99", () => hsCodeNumber(12)],
        ["InvalidTariffCode", "HS chapter 00 does not exist", () => parseTariffCode("0012")],
        ["UnknownCountry", 'unknown country "XX"', () => parseJurisdiction("XX")],
        ["UnknownCountry", "alpha-2 country code", () => countryCode("XX")],
        ["UnknownCountry", "No country with ISO-3166-1 numeric code 999", () => countryAlpha2(999)],
        ["InvalidJurisdiction", "1000 is not an ISO-3166-1", () => parseJurisdiction("1000")],
        ["InvalidAmount", 'not an amount: "ten"', () => parseAmount("ten", 6)],
        ["InvalidDecimals", "bad decimals -1", () => formatUnitsGrouped(1n, -1)],
        ["InvalidTimestamp", "bad timestamp", () => formatTimestamp(Number.MAX_SAFE_INTEGER)],
        ["EmptySecret", "must not be empty", () => signWebhook(BODY, "")],
        ["InvalidTolerance", "got -1", () => verifyWebhook(BODY, "t=1,v1=00", SECRET, -1)],
      ] as const
    ).map(([name, text, run]) => ({
      what: `a helper refusing: ${text}`,
      name,
      message: new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")),
      run,
    })),
  ],
  INVALID_ADDRESS: [
    {
      what: "a recipient that is not an address",
      name: "InvalidAddress",
      message: 'to: "0x1234" is not an address (0x and 40 hex digits)',
      run: (fx) => fx.clients.operator.mint("USD", "0x1234", 1n),
    },
    {
      what: "a seller with a bad checksum",
      name: "BadChecksum",
      message: /^seller: 0x[0-9a-fA-F]{40} has a bad checksum \(EIP-55\)/,
      run: (fx) =>
        fx.clients.buyer.createOrder({
          seller: badChecksum(fx.seller.address),
          token: "USD",
          amount: units(1),
          productId: LAPTOP,
          destination: PK,
        }),
    },
    {
      what: "an account read with a bad checksum (an ethers TypeError before)",
      name: "BadChecksum",
      message: /^account: 0x[0-9a-fA-F]{40} has a bad checksum/,
      run: (fx) => fx.clients.buyer.participantOf(badChecksum(fx.seller.address)),
    },
    {
      what: "a deployment address that is not one",
      name: "InvalidAddress",
      message: 'addresses.escrow: "escrow.eth" is not an address (0x and 40 hex digits)',
      run: (fx) => new TradeChainClient(ethers.provider, { ...fx.addresses, escrow: "escrow.eth" }),
    },
  ],
  UNKNOWN_CURRENCY: [
    {
      what: "a currency the deployment has no token of (a plain Error before)",
      name: "UnknownCurrency",
      message: 'No "EUR" token in this deployment (have USD, CNY; or give a token address)',
      run: (fx) => fx.clients.buyer.balanceOf("EUR"),
    },
    {
      what: "an order in that currency",
      name: "UnknownCurrency",
      message: /^No "XYZ" token in this deployment/,
      run: (fx) =>
        fx.clients.buyer.createOrder({
          seller: fx.seller.address,
          token: "XYZ",
          amount: units(1),
          productId: LAPTOP,
          destination: PK,
        }),
    },
  ],
  DEPLOYMENT: [
    {
      what: "addresses of another chain (no contract there)",
      name: "NoContract",
      message: /^A call returned no data: the deployment's contracts are not on this chain/,
      run: (fx) =>
        new TradeChainClient(ethers.provider, {
          ...fx.addresses,
          escrow: fx.seller.address,
        }).orderState(ethers.id("x")),
    },
  ],
  NETWORK: [
    {
      what: "a node that is not running",
      name: "ECONNREFUSED",
      message: /ECONNREFUSED .*\(is the node running\?\)$/,
      run: async (fx) => {
        const dead = new JsonRpcProvider("http://127.0.0.1:9", Network.from(31337), {
          staticNetwork: true,
        });
        try {
          return await new TradeChainClient(dead, fx.addresses).orderState(ethers.id("x"));
        } finally {
          dead.destroy();
        }
      },
    },
    {
      what: "an explorer that is not running",
      name: "ExplorerUnreachable",
      message:
        /^The explorer at http:\/\/127\.0\.0\.1:9 did not answer \/api\/status: fetch failed$/,
      run: () => new ExplorerClient("http://127.0.0.1:9").status(),
    },
  ],
  REJECTED: [
    {
      what: "a wallet without gas money",
      name: "INSUFFICIENT_FUNDS",
      message: /enough funds/,
      run: (fx) =>
        fx.clients.admin
          .connect(Wallet.createRandom().connect(ethers.provider))
          .approveEscrow("USD", 1n),
    },
  ],
  SELLER_CONSENT_MISSING: [
    {
      what: "an order created by a client with no seller consent to give",
      name: "SellerConsentMissing",
      message:
        /^Order 0x[0-9a-f]{64} needs the seller 0x[0-9a-fA-F]{40}'s consent: pass sellerSignature/,
      run: (fx) =>
        new TradeChainClient(fx.buyer, fx.addresses).createOrder({
          seller: fx.seller.address,
          token: "USD",
          amount: units(10),
          productId: LAPTOP,
          destination: PK,
        }),
    },
  ],
  WEBHOOK_MALFORMED: [
    {
      what: "a header without a v1 signature",
      name: "MalformedSignatureHeader",
      message:
        "TradeChain-Signature has no v1 signature; expected t=<unix seconds>,v1=<hex HMAC-SHA256>",
      run: () => verifyWebhook(BODY, `t=${T}`, SECRET, 300, T),
    },
    {
      what: "no header at all",
      name: "MissingSignatureHeader",
      message: "No TradeChain-Signature header: the request was not signed by TradeChain",
      run: () => verifyWebhook(BODY, undefined, SECRET, 300, T),
    },
  ],
  WEBHOOK_STALE: [
    {
      what: "a delivery signed long ago (a replay)",
      name: "StaleSignature",
      message: `The webhook was signed at ${T - 301}, 301 s before now (${T}); the tolerance is 300 s`,
      run: async () =>
        verifyWebhook(BODY, await signWebhook(BODY, SECRET, T - 301), SECRET, 300, T),
    },
  ],
  EXPLORER_BAD_REQUEST: [
    {
      what: "the explorer refuses a filter value",
      name: "invalid_role",
      message:
        /^The explorer refused \/api\/participants\/0x[0-9a-f]{40}\/orders: role must be one of/,
      run: () =>
        answering(
          400,
          '{"error":"role must be one of buyer, seller, arbiter (several comma-separated), got \\"shipper\\"",' +
            '"code":"invalid_role","parameter":"role"}',
          (explorer) =>
            explorer.ordersOf(ethers.ZeroAddress, { role: "shipper" as unknown as "buyer" }),
        ),
    },
  ],
  EXPLORER_NOT_FOUND: [
    {
      what: "an order the explorer has not indexed",
      name: "order_not_found",
      message:
        /^The explorer refused \/api\/orders\/0x[0-9a-f]{64}: no order 0x[0-9a-f]{64} is indexed$/,
      run: () =>
        answering(
          404,
          `{"error":"no order ${ethers.id("x")} is indexed","code":"order_not_found"}`,
          (explorer) => explorer.order(ethers.id("x")),
        ),
    },
  ],
  EXPLORER_HTTP: [
    {
      what: "the explorer is rate limiting",
      name: "rate_limited",
      message: "The explorer refused /api/status: too many requests: slow down",
      run: () =>
        answering(429, '{"error":"too many requests: slow down","code":"rate_limited"}', (e) =>
          e.status(),
        ),
    },
    {
      what: "something that is not an explorer answers",
      name: "NotJson",
      message: /^The explorer answered \/api\/status with HTTP 200 and a body that is not JSON/,
      run: () => answering(200, "<html>hello</html>", (e) => e.status()),
    },
  ],
  WEBHOOK_SIGNATURE: [
    {
      what: "a body changed after signing",
      name: "SignatureMismatch",
      message: /^No v1 signature of the TradeChain-Signature header matches the body/,
      run: async () =>
        verifyWebhook(`${BODY} `, await signWebhook(BODY, SECRET, T), SECRET, 300, T),
    },
  ],
};

describe("TradeChainError codes: every error the SDK throws has one", function () {
  it("has a case for every code, and docs/sdk.md lists every code", function () {
    expect(Object.keys(CASES).sort()).to.deep.equal(Object.keys(ERROR_CODES).sort());
    const doc = readFileSync("docs/sdk.md", "utf8");
    for (const code of Object.keys(ERROR_CODES)) expect(doc, code).to.contain(`\`${code}\``);
  });

  for (const [code, cases] of Object.entries(CASES)) {
    for (const c of cases) {
      it(`${code}: ${c.what} (${c.name})`, async function () {
        const fx = await networkHelpers.loadFixture(onboardedSuiteFixture);
        let thrown: unknown;
        try {
          await c.run(fx);
        } catch (err) {
          thrown = err;
        }
        expect(thrown, "expected a TradeChainError").to.be.instanceOf(TradeChainError);
        const err = thrown as TradeChainError;
        expect(err.code, err.message).to.equal(code);
        expect(err.decoded.name).to.equal(c.name);
        if (typeof c.message === "string") expect(err.message).to.equal(c.message);
        else expect(err.message).to.match(c.message);
      });
    }
  }

  it("parseAddress checksums lower and upper case, and refuses a bad checksum", function () {
    const address = "0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65";
    expect(parseAddress(address.toLowerCase())).to.equal(address);
    expect(parseAddress(`0x${address.slice(2).toUpperCase()}`)).to.equal(address);
    expect(parseAddress(` ${address} `)).to.equal(address);
    expect(() => parseAddress(badChecksum(address), "--to")).to.throw(
      TradeChainError,
      "--to: 0x15D34AAf54267DB7D7c367839AAf71A00a2C6A65 has a bad checksum",
    );
    expect(() => parseAddress(undefined)).to.throw(TradeChainError, 'address: "undefined" is not');
  });
});
