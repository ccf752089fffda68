import { expect } from "chai";

import { productIdFromGtin, productIdFromHsCode } from "@tradechain/sdk";
import {
  CliError,
  parseAddress,
  parseOrderId,
  parseCountry,
  parseExpiry,
  parseListingStatus,
  parseProduct,
  parseRoles,
  parseTokenAmount,
} from "../../tasks/context.js";

const ADDRESS = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";

describe("CLI argument parsing", () => {
  describe("parseCountry", () => {
    it("accepts alpha-2 codes in any case and ISO-3166-1 numeric codes", () => {
      expect(parseCountry("PK")).to.equal(586);
      expect(parseCountry("kz")).to.equal(398);
      expect(parseCountry("156")).to.equal(156);
    });
    it("refuses unknown, out-of-range and missing codes with a one-line CliError", () => {
      expect(() => parseCountry("XX")).to.throw(CliError, 'unknown country "XX"');
      expect(() => parseCountry("1000")).to.throw(CliError, "not an ISO-3166-1 numeric code");
      expect(() => parseCountry("0")).to.throw(CliError, "1-999");
      expect(() => parseCountry(undefined)).to.throw(CliError, "--country is required");
    });
  });

  describe("parseAddress", () => {
    it("checksums a valid address", () => {
      expect(parseAddress(ADDRESS.toLowerCase(), "--to")).to.equal(ADDRESS);
    });
    it("names the argument when the address is malformed or missing", () => {
      expect(() => parseAddress("0x1234", "--to")).to.throw(
        CliError,
        '--to: "0x1234" is not an address',
      );
      expect(() => parseAddress(undefined, "--account")).to.throw(
        CliError,
        "--account is required",
      );
    });
    it('says "bad checksum" for a mistyped mixed-case address, and takes any single case', () => {
      const mistyped = ADDRESS.replace("C51812dc3A", "c51812dc3A");
      expect(mistyped).to.not.equal(ADDRESS);
      expect(() => parseAddress(mistyped, "--to")).to.throw(
        CliError,
        `--to: ${mistyped} has a bad checksum (EIP-55)`,
      );
      expect(parseAddress(`0x${ADDRESS.slice(2).toUpperCase()}`, "--to")).to.equal(ADDRESS);
    });
  });

  describe("parseOrderId", () => {
    it("names the option when the order id is missing or malformed", () => {
      const id = `0x${"Ab".repeat(32)}`;
      expect(parseOrderId(` ${id} `)).to.equal(id.toLowerCase());
      expect(() => parseOrderId(undefined)).to.throw(
        CliError,
        "--order is required: an order id (0x and 64 hex digits)",
      );
      expect(() => parseOrderId("0x12", "<orderId>")).to.throw(
        CliError,
        '<orderId>: "0x12" is not an order id (0x and 64 hex digits)',
      );
    });
  });

  describe("parseTokenAmount", () => {
    it("reads whole units with separators and decimals", () => {
      expect(parseTokenAmount("1,250.50", 6)).to.equal(1_250_500_000n);
      expect(parseTokenAmount("0.000001", 6)).to.equal(1n);
    });
    it("refuses zero, negative, over-precise, non-numeric and missing amounts", () => {
      expect(() => parseTokenAmount("0", 6)).to.throw(CliError, "more than zero");
      expect(() => parseTokenAmount("-5", 6)).to.throw(CliError, "more than zero");
      expect(() => parseTokenAmount("1.0000001", 6)).to.throw(CliError, "more than 6 decimal");
      expect(() => parseTokenAmount("ten", 6)).to.throw(CliError, "not an amount");
      expect(() => parseTokenAmount(undefined, 6)).to.throw(CliError, "--amount is required");
    });
  });

  describe("parseProduct", () => {
    it("computes ids from gtin: and hs: forms with the SDK helpers, and keeps 32-byte ids", () => {
      expect(parseProduct("gtin:4006381333931")).to.equal(productIdFromGtin("4006381333931"));
      expect(parseProduct("hs:8471.30:LAPTOP-15")).to.equal(
        productIdFromHsCode("8471.30", "LAPTOP-15"),
      );
      const id = productIdFromGtin("4006381333931");
      expect(parseProduct(id.toUpperCase().replace("0X", "0x"))).to.equal(id);
    });
    it("explains bad GTINs, bad HS codes and unknown forms", () => {
      expect(() => parseProduct("gtin:4006381333932")).to.throw(CliError, "check digit");
      expect(() => parseProduct("hs:84:SKU")).to.throw(CliError, "HS code must have");
      expect(() => parseProduct("laptop")).to.throw(CliError, "is not a product");
      expect(() => parseProduct(undefined)).to.throw(CliError, "--product is required");
    });
  });

  describe("parseRoles, parseListingStatus, parseExpiry", () => {
    it("reads role lists case-insensitively and refuses unknown roles", () => {
      expect(parseRoles("seller, BUYER")).to.deep.equal(["Seller", "Buyer"]);
      expect(() => parseRoles("Seller,Smuggler")).to.throw(CliError, 'unknown role "Smuggler"');
      expect(() => parseRoles("")).to.throw(CliError, "at least one");
    });
    it("reads listing statuses and refuses others", () => {
      expect(parseListingStatus("negative")).to.equal("Negative");
      expect(() => parseListingStatus("Banned")).to.throw(CliError, "Unlisted, Positive, Negative");
    });
    it("reads dates as UTC midnight, unix seconds, and nothing as never", () => {
      expect(parseExpiry("2027-01-01")).to.equal(1_798_761_600n);
      expect(parseExpiry("1798761600")).to.equal(1_798_761_600n);
      expect(parseExpiry(undefined)).to.equal(0n);
      expect(() => parseExpiry("next year")).to.throw(CliError, "not a date");
    });
  });
});
