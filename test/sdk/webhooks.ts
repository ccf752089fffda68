import { createHmac } from "node:crypto";

import { expect } from "chai";

import {
  DEFAULT_WEBHOOK_TOLERANCE,
  signWebhook,
  TradeChainError,
  verifyWebhook,
  WEBHOOK_SIGNATURE_HEADER,
} from "@tradechain/sdk";

const SECRET = "whsec_2f9d1c";
const NEXT_SECRET = "whsec_7a11e0";
const BODY = '{"id":"evt_01","kind":"OrderShipped","orderId":"0x12"}';
const T = 1_767_225_600;

/** The HMAC an independent implementation (Node's `createHmac`) computes for the header. */
function expectedSignature(body: string, secret: string, timestamp: number): string {
  return createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex");
}

/** The TradeChainError `work` rejects with. */
async function refusal(work: () => Promise<unknown>): Promise<TradeChainError> {
  const err = await work().then(
    () => expect.fail("expected a refusal"),
    (e: unknown) => e,
  );
  expect(err).to.be.instanceOf(TradeChainError);
  return err as TradeChainError;
}

describe("webhooks: signWebhook and verifyWebhook", function () {
  it("signs t=<unix>,v1=<HMAC-SHA256 of `t.body`> as Node's createHmac computes it", async function () {
    const header = await signWebhook(BODY, SECRET, T);
    expect(header).to.equal(`t=${T},v1=${expectedSignature(BODY, SECRET, T)}`);
    expect(WEBHOOK_SIGNATURE_HEADER).to.equal("TradeChain-Signature");
    const now = Math.floor(Date.now() / 1000);
    expect(await signWebhook(BODY, SECRET)).to.match(new RegExp(`^t=(${now}|${now + 1}),v1=`));
  });

  it("verifies a delivery and returns its timestamp and body", async function () {
    const header = await signWebhook(BODY, SECRET, T);
    expect(await verifyWebhook(BODY, header, SECRET, 300, T + 10)).to.deep.equal({
      timestamp: T,
      body: BODY,
    });
    const bytes = new TextEncoder().encode(BODY);
    const fromBytes = await verifyWebhook(bytes, header, new TextEncoder().encode(SECRET), 300, T);
    expect(fromBytes.body).to.equal(BODY);
    expect(DEFAULT_WEBHOOK_TOLERANCE).to.equal(300);
  });

  it("accepts a signature up to the tolerance either side of now, and not one second more", async function () {
    const header = await signWebhook(BODY, SECRET, T);
    for (const now of [T - 300, T + 300]) {
      expect((await verifyWebhook(BODY, header, SECRET, 300, now)).timestamp).to.equal(T);
    }
    for (const [now, when] of [
      [T + 301, "before"],
      [T - 301, "after"],
    ] as const) {
      const err = await refusal(() => verifyWebhook(BODY, header, SECRET, 300, now));
      expect(err.code).to.equal("WEBHOOK_STALE");
      expect(err.message).to.equal(
        `The webhook was signed at ${T}, 301 s ${when} now (${now}); the tolerance is 300 s`,
      );
    }
    expect((await verifyWebhook(BODY, header, SECRET, 0, T)).timestamp).to.equal(T);
    expect((await refusal(() => verifyWebhook(BODY, header, SECRET, 0, T + 1))).code).to.equal(
      "WEBHOOK_STALE",
    );
  });

  it("refuses a changed body, another secret, or another timestamp (WEBHOOK_SIGNATURE)", async function () {
    const header = await signWebhook(BODY, SECRET, T);
    const replayed = header.replace(`t=${T}`, `t=${T + 5}`);
    for (const [body, head, secret] of [
      [BODY.replace("Shipped", "Cleared"), header, SECRET],
      [`${BODY}\n`, header, SECRET],
      [BODY, header, NEXT_SECRET],
      [BODY, replayed, SECRET],
    ]) {
      const err = await refusal(() => verifyWebhook(body, head, secret, 300, T));
      expect(err.code).to.equal("WEBHOOK_SIGNATURE");
      expect(err.decoded.name).to.equal("SignatureMismatch");
    }
  });

  it("rotates secrets: the sender signs with both, the receiver accepts either, or holds both", async function () {
    const both = await signWebhook(BODY, [SECRET, NEXT_SECRET], T);
    expect(both).to.equal(
      `t=${T},v1=${expectedSignature(BODY, SECRET, T)},v1=${expectedSignature(BODY, NEXT_SECRET, T)}`,
    );
    expect((await verifyWebhook(BODY, both, SECRET, 300, T)).timestamp).to.equal(T);
    expect((await verifyWebhook(BODY, both, NEXT_SECRET, 300, T)).timestamp).to.equal(T);
    const onlyNew = await signWebhook(BODY, NEXT_SECRET, T);
    expect((await verifyWebhook(BODY, onlyNew, [SECRET, NEXT_SECRET], 300, T)).timestamp).to.equal(
      T,
    );
    // A v1 that matches nothing beside one that matches, and schemes it does not know.
    const mixed = `t=${T}, v0=abc, v1=${"0".repeat(64)}, v1=${expectedSignature(BODY, SECRET, T)}`;
    expect((await verifyWebhook(BODY, mixed, SECRET, 300, T)).timestamp).to.equal(T);
  });

  it("refuses a malformed header with WEBHOOK_MALFORMED, saying what is wrong", async function () {
    const v1 = expectedSignature(BODY, SECRET, T);
    for (const [header, why] of [
      ["", "No TradeChain-Signature header"],
      [`v1=${v1}`, "has no timestamp (t=)"],
      [`t=${T}`, "has no v1 signature"],
      [`t=soon,v1=${v1}`, 'has the timestamp "soon"'],
      [`t=${T},t=${T},v1=${v1}`, "has two timestamps"],
      [`t=${T},v1=${v1.slice(2)}`, "has the v1 signature"],
      [`t=${T},v1=${v1.toUpperCase()}`, "has the v1 signature"],
      [`t=${T};v1=${v1}`, 'has the timestamp "'],
      [`t=${T},garbage`, 'has "garbage", which is not key=value'],
    ]) {
      const err = await refusal(() => verifyWebhook(BODY, header, SECRET, 300, T));
      expect(err.code, header).to.equal("WEBHOOK_MALFORMED");
      expect(err.message, header).to.contain(why);
    }
    expect((await refusal(() => verifyWebhook(BODY, null, SECRET, 300, T))).code).to.equal(
      "WEBHOOK_MALFORMED",
    );
  });

  it("refuses an empty secret, a negative tolerance and a timestamp that is not whole seconds", async function () {
    for (const work of [
      () => signWebhook(BODY, "", T),
      () => signWebhook(BODY, [], T),
      () => verifyWebhook(BODY, `t=${T},v1=${"0".repeat(64)}`, SECRET, -1, T),
      () => signWebhook(BODY, SECRET, 1.5),
      () => signWebhook(BODY, SECRET, -1),
    ]) {
      expect((await refusal(work)).code).to.equal("INVALID_ARGUMENT");
    }
  });
});
