import { expect } from "chai";

import {
  COUNTRY_CODES,
  countryAlpha2,
  countryCode,
  gtinCheckDigit,
  isJurisdiction,
  normalizeGtin,
  normalizeHsCode,
  parseJurisdiction,
  productIdFromGtin,
  productIdFromHsCode,
} from "@tradechain/sdk";
import {
  PK,
  docHash,
  ethers,
  networkHelpers,
  onboardedRegistryFixture,
} from "../helpers/registry.js";

describe("ids.gtinCheckDigit", function () {
  it("computes the GS1 check digit of known GTINs", function () {
    expect(gtinCheckDigit("400638133393")).to.equal(1); // EAN-13 4006381333931
    expect(gtinCheckDigit("03600029145")).to.equal(2); // UPC-A 036000291452
    expect(gtinCheckDigit("9638507")).to.equal(4); // EAN-8 96385074
    expect(gtinCheckDigit("0001234560001")).to.equal(2); // GTIN-14 00012345600012
  });

  it("throws for a body with non-digits", function () {
    expect(() => gtinCheckDigit("12a4")).to.throw('GTIN body must be digits only, got "12a4"');
  });
});

describe("ids.normalizeGtin", function () {
  it("left-pads GTIN-8, -12, -13 and -14 to 14 digits", function () {
    expect(normalizeGtin("96385074")).to.equal("00000096385074");
    expect(normalizeGtin("036000291452")).to.equal("00036000291452");
    expect(normalizeGtin("4006381333931")).to.equal("04006381333931");
    expect(normalizeGtin("00012345600012")).to.equal("00012345600012");
  });

  it("ignores surrounding whitespace", function () {
    expect(normalizeGtin("  4006381333931\n")).to.equal("04006381333931");
  });

  it("throws for a wrong check digit, naming the expected one", function () {
    expect(() => normalizeGtin("4006381333932")).to.throw(
      'GTIN check digit of "4006381333932" is 2, expected 1',
    );
  });

  it("throws for lengths outside 8, 12, 13, 14", function () {
    for (const bad of ["1234567", "123456789", "12345678901", "123456789012345"]) {
      expect(() => normalizeGtin(bad)).to.throw(`got ${bad.length} ("${bad}")`);
    }
  });

  it("throws for non-digits, separators and the empty string", function () {
    for (const bad of ["", "4006-381333931", "40063813339a1", "4006381333931.0", "-96385074"]) {
      expect(() => normalizeGtin(bad)).to.throw("GTIN must contain digits only");
    }
  });
});

describe("ids.productIdFromGtin", function () {
  it('is keccak256 of "GTIN:" plus the 14-digit GTIN', function () {
    expect(productIdFromGtin("4006381333931")).to.equal(ethers.id("GTIN:04006381333931"));
    // Pinned: every platform must derive exactly this id for EAN 4006381333931.
    expect(productIdFromGtin("4006381333931")).to.equal(
      "0x51f50c3df8fd90a1bc36e8acbb14e7113b07105cdd7d1e648da7bba5fe552f85",
    );
  });

  it("gives one id for the same item written as UPC-A, EAN-13 or GTIN-14", function () {
    const id = productIdFromGtin("036000291452");
    expect(productIdFromGtin("0036000291452")).to.equal(id);
    expect(productIdFromGtin("00036000291452")).to.equal(id);
    expect(productIdFromGtin("96385074")).to.not.equal(id);
  });

  it("throws for an invalid GTIN", function () {
    expect(() => productIdFromGtin("4006381333930")).to.throw("check digit");
  });
});

describe("ids.normalizeHsCode", function () {
  it("strips dots and accepts 6 to 10 digits", function () {
    expect(normalizeHsCode("8471.30")).to.equal("847130");
    expect(normalizeHsCode("847130")).to.equal("847130");
    expect(normalizeHsCode("8471.30.01")).to.equal("84713001");
    expect(normalizeHsCode("0901.21.00.10")).to.equal("0901210010");
  });

  it("throws for fewer than 6 or more than 10 digits", function () {
    expect(() => normalizeHsCode("8471.3")).to.throw(
      'HS code must have 6-10 digits, got 5 ("8471.3")',
    );
    expect(() => normalizeHsCode("12345678901")).to.throw("got 11");
  });

  it("throws for letters, empty groups or stray separators", function () {
    for (const bad of ["", "8471.30a", "8471..30", ".847130", "847130.", "8471 30", "8471-30"]) {
      expect(() => normalizeHsCode(bad)).to.throw(
        "HS code must be digits optionally grouped by dots",
      );
    }
  });
});

describe("ids.productIdFromHsCode", function () {
  it('is keccak256 of "HS:" + digits + "|SKU:" + SKU', function () {
    expect(productIdFromHsCode("8471.30", "LAPTOP-15-SILVER")).to.equal(
      ethers.id("HS:847130|SKU:LAPTOP-15-SILVER"),
    );
    expect(productIdFromHsCode("847130", "LAPTOP-15-SILVER")).to.equal(
      "0xffbe0ab6bcb1ecc1ab2b70d8846027b207583aa9fe2ae237781174ddc054c198",
    );
  });

  it("trims the SKU and NFC-normalises it, but keeps its case", function () {
    const id = productIdFromHsCode("0902.30", "Thé-Noir");
    expect(productIdFromHsCode("090230", "  Thé-Noir ")).to.equal(id);
    // "e" followed by a combining acute accent is the same text as "é" after NFC.
    expect(productIdFromHsCode("090230", "The\u0301-Noir")).to.equal(id);
    expect(productIdFromHsCode("090230", "thé-noir")).to.not.equal(id);
  });

  it("distinguishes HS codes and SKUs", function () {
    const id = productIdFromHsCode("8471.30", "A1");
    expect(productIdFromHsCode("8471.41", "A1")).to.not.equal(id);
    expect(productIdFromHsCode("8471.30", "A2")).to.not.equal(id);
  });

  it("throws for an empty or blank SKU", function () {
    for (const sku of ["", "   "]) {
      expect(() => productIdFromHsCode("8471.30", sku)).to.throw("SKU must not be empty");
    }
  });

  it("throws for an invalid HS code", function () {
    expect(() => productIdFromHsCode("84", "A1")).to.throw("HS code must have 6-10 digits");
  });
});

describe("ids.countryCode / countryAlpha2", function () {
  it("maps the demo countries to their ISO-3166-1 numeric codes", function () {
    const expected: Record<string, number> = {
      CN: 156,
      PK: 586,
      KZ: 398,
      US: 840,
      DE: 276,
      GB: 826,
      AE: 784,
      SG: 702,
    };
    for (const [alpha2, code] of Object.entries(expected)) {
      expect(countryCode(alpha2)).to.equal(code);
      expect(countryAlpha2(code)).to.equal(alpha2);
    }
  });

  it("accepts lower case and surrounding whitespace", function () {
    expect(countryCode(" cn ")).to.equal(156);
  });

  it("round-trips every country in the table and has no duplicate codes", function () {
    const codes = Object.values(COUNTRY_CODES);
    expect(new Set(codes).size).to.equal(codes.length);
    for (const [alpha2, code] of Object.entries(COUNTRY_CODES)) {
      expect(isJurisdiction(code)).to.equal(true);
      expect(countryAlpha2(countryCode(alpha2))).to.equal(alpha2);
    }
  });

  it("throws for unknown alpha-2 codes, inherited property names included", function () {
    for (const bad of ["XX", "", "toString", "CHN"]) {
      expect(() => countryCode(bad)).to.throw(`Unknown ISO-3166-1 alpha-2 country code "${bad}"`);
    }
  });

  it("throws for numbers that are not jurisdictions or not in the table", function () {
    for (const bad of [0, 1000, -156, 156.5]) {
      expect(() => countryAlpha2(bad)).to.throw(`${bad} is not an ISO-3166-1 numeric code (1-999)`);
    }
    expect(() => countryAlpha2(999)).to.throw("No country with ISO-3166-1 numeric code 999");
  });
});

describe("ids.parseJurisdiction", function () {
  it("takes an alpha-2 code in any case or an ISO-3166-1 numeric code", function () {
    expect(parseJurisdiction("PK")).to.equal(586);
    expect(parseJurisdiction(" kz ")).to.equal(398);
    expect(parseJurisdiction("156")).to.equal(156);
    expect(parseJurisdiction("999")).to.equal(999); // a jurisdiction, though no country's code
  });

  it("says what is wrong with anything else", function () {
    const unknown = "; use an alpha-2 code (PK) or an ISO-3166-1 numeric code (586)";
    for (const bad of ["XX", "toString", "CHN", "", " "]) {
      expect(() => parseJurisdiction(bad), bad).to.throw(`unknown country "${bad}"${unknown}`);
    }
    for (const bad of ["0", "1000", "0586000"]) {
      expect(() => parseJurisdiction(bad), bad).to.throw(
        `${bad} is not an ISO-3166-1 numeric code (1-999)`,
      );
    }
  });
});

describe("ids on chain", function () {
  it("derives ids the registry accepts, lists and reports back", async function () {
    const { registry, seller, customsPK } =
      await networkHelpers.loadFixture(onboardedRegistryFixture);
    const tea = productIdFromGtin("4006381333931");
    await registry.connect(seller).registerProduct(tea, 9023000, docHash("tea-certificate"));
    await registry.connect(customsPK).setListing(PK, tea, 1, 0, docHash("approved"));
    expect((await registry.productOf(tea)).owner).to.equal(seller.address);
    expect(await registry.listedProducts(PK, 1, 0, 10)).to.deep.equal([tea]);
  });
});
