import { expect } from "chai";

import {
  formatAmount,
  formatBps,
  formatDuration,
  formatGas,
  formatTimestamp,
  formatUnitsGrouped,
  parseAmount,
  shortHex,
  TradeChainError,
} from "@tradechain/sdk";

describe("format.formatAmount", function () {
  it("writes amounts with the currency symbol, thousands separators and the currency's cents", function () {
    expect(formatAmount(1_234_500_000n, 6, "USD")).to.equal("US$ 1,234.50");
    expect(formatAmount(88_000_000n, 6, "CNY")).to.equal("CN¥ 88.00");
    expect(formatAmount(0n, 6, "USD")).to.equal("US$ 0.00");
    expect(formatAmount(1_000_000_000_000_000n, 6, "USD")).to.equal("US$ 1,000,000,000.00");
  });

  it("never hides value: more significant decimals than cents are shown", function () {
    expect(formatAmount(1n, 6, "USD")).to.equal("US$ 0.000001");
    expect(formatAmount(12_345_000n, 6, "USD")).to.equal("US$ 12.345");
  });

  it("shows the digits asked for, negative amounts and unknown currencies after the number", function () {
    expect(formatAmount(12_345_678n, 6, "USD", { fractionDigits: 0 })).to.equal("US$ 12");
    expect(formatAmount(-5_000_000n, 6, "CNY")).to.equal("-CN¥ 5.00");
    expect(formatAmount(5_000_000n, 6, "XYZ")).to.equal("5.00 XYZ");
    expect(formatAmount(1234n, 0, "JPY")).to.equal("JP¥ 1,234");
  });

  it("formats numbers without currency and rejects bad decimals", function () {
    expect(formatUnitsGrouped(1_234_567n, 0, 0)).to.equal("1,234,567");
    expect(() => formatUnitsGrouped(1n, -1)).to.throw(TradeChainError);
  });
});

describe("format.formatGas", function () {
  it("groups thousands of bigint and number gas figures", function () {
    expect(formatGas(0n)).to.equal("0");
    expect(formatGas(999)).to.equal("999");
    expect(formatGas(45_023n)).to.equal("45,023");
    expect(formatGas(152_145n)).to.equal("152,145");
    expect(formatGas(30_000_000n)).to.equal("30,000,000");
  });
});

describe("format.formatBps", function () {
  it("writes basis points as a percentage with two decimals", function () {
    expect(formatBps(100)).to.equal("1.00%");
    expect(formatBps(50n)).to.equal("0.50%");
    expect(formatBps(125)).to.equal("1.25%");
    expect(formatBps(0)).to.equal("0.00%");
    expect(formatBps(1n)).to.equal("0.01%");
    expect(formatBps(10_000)).to.equal("100.00%");
  });
});

describe("format.parseAmount", function () {
  it("parses decimal text into smallest units", function () {
    expect(parseAmount("1,234.5", 6)).to.equal(1_234_500_000n);
    expect(parseAmount("0.000001", 6)).to.equal(1n);
    expect(parseAmount("-2", 6)).to.equal(-2_000_000n);
    expect(parseAmount(".5", 6)).to.equal(500_000n);
  });

  it("rejects text that is not an amount or has too many decimals", function () {
    expect(() => parseAmount("abc", 6)).to.throw(TradeChainError, "not an amount");
    expect(() => parseAmount("", 6)).to.throw(TradeChainError, "not an amount");
    expect(() => parseAmount("0.0000001", 6)).to.throw(
      TradeChainError,
      "more than 6 decimal places",
    );
  });
});

describe("format times and hex", function () {
  it("writes timestamps in UTC and durations in the two largest units", function () {
    expect(formatTimestamp(0n)).to.equal("1970-01-01 00:00:00 UTC");
    expect(formatTimestamp(1_795_813_320)).to.equal("2026-11-27 21:02:00 UTC");
    expect(formatDuration(3 * 86_400 + 4 * 3600 + 5)).to.equal("3d 4h");
    expect(formatDuration(45 * 60)).to.equal("45m");
    expect(formatDuration(0)).to.equal("0s");
    expect(formatDuration(-90)).to.equal("-1m 30s");
    expect(() => formatTimestamp(Number.MAX_SAFE_INTEGER)).to.throw(TradeChainError);
  });

  it("shortens long hex strings only", function () {
    expect(shortHex("0x1234567890abcdef1234")).to.equal("0x1234…1234");
    expect(shortHex("0x1234")).to.equal("0x1234");
  });
});
