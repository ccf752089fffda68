import { expect } from "chai";

import { CREDIT_COUNTERS, emptyCredit, TradeEscrow__factory } from "@tradechain/sdk";

describe("types.CREDIT_COUNTERS", function () {
  it("are the escrow's Credit struct fields in the struct's order, the two volumes apart", function () {
    const creditOf = TradeEscrow__factory.createInterface().getFunction("creditOf");
    const fields = (creditOf.outputs[0].components ?? []).map((c) => c.name);
    expect(fields.filter((f) => f !== "volume" && f !== "refundedVolume")).to.deep.equal([
      ...CREDIT_COUNTERS,
    ]);
    expect(fields.filter((f) => !(CREDIT_COUNTERS as readonly string[]).includes(f))).to.deep.equal(
      ["volume", "refundedVolume"],
    );
  });

  it("make an empty record of zero counts and no volume", function () {
    expect(emptyCredit()).to.deep.equal({
      ...Object.fromEntries(CREDIT_COUNTERS.map((counter) => [counter, 0])),
      volume: 0n,
      refundedVolume: 0n,
    });
  });
});
