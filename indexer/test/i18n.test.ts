/**
 * The page's catalogues: every language has every key of the English one and no other, the same
 * placeholders in each message, nothing left in English; every value the page translates from data
 * (statuses, roles, the API's error codes, who acts next, outcomes) has a key; the order steps' own
 * catalogue (the SDK's) covers the same languages. No explorer is started: catalogues are data.
 */
import assert from "node:assert/strict";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, it } from "node:test";

import {
  ENUM_NAMES,
  LISTING_STATUSES,
  nextActionOf,
  ORDER_STATUSES,
  ParticipantRole,
  STEP_LANGUAGES,
  STEP_TEXT,
} from "@tradechain/sdk";
import { CATALOGUES } from "../web/catalogues";
import { en } from "../web/catalogues/en";
import { LANGUAGES } from "../web/catalogues/languages";
import { INDEXER } from "../harness.js";

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

/** Messages that read the same in every language (only placeholders and punctuation). */
const SAME_EVERYWHERE = new Set([
  "token.pair",
  "token.title",
  "country.answer",
  "dispute.stepSeparator",
  // A formula of codes and a number: "1 USD = 7.1000 CNY".
  "fx.rate",
]);

describe("the page's catalogues", () => {
  it("have every key of the English catalogue in every language, and no other", () => {
    const keys = Object.keys(en).sort();
    for (const language of LANGUAGES) {
      const catalogue = CATALOGUES[language];
      assert.deepEqual(Object.keys(catalogue).sort(), keys, language);
      for (const key of keys) {
        const text = catalogue[key as keyof typeof en];
        assert.ok(typeof text === "string" && text.trim() !== "", `${language} ${key} is empty`);
        assert.deepEqual(placeholders(text), placeholders(en[key as keyof typeof en]), key);
      }
    }
  });

  it("leave nothing in English in another language", () => {
    for (const language of LANGUAGES.filter((l) => l !== "en")) {
      const same = Object.entries(en)
        .filter(([key]) => !SAME_EVERYWHERE.has(key))
        .filter(([key, text]) => CATALOGUES[language][key as keyof typeof en] === text)
        .map(([key]) => key);
      assert.deepEqual(same, [], `${language}: messages still in English`);
    }
  });

  it("name every status, role and party the API returns", () => {
    const needed = [
      ...ORDER_STATUSES.map((s) => `status.${s}`),
      ...LISTING_STATUSES.map((s) => `status.${s}`),
      "status.Suspended",
      ...Object.keys(ParticipantRole).map((r) => `role.${r}`),
      ...["buyer", "seller", "arbiter"].map((p) => `party.${p}`),
      // Who acts next, for every open status, with an arbiter who may rule and one who may not
      // (the SDK's `nextActionOf` decides; the page words its first phase and what follows).
      ...ORDER_STATUSES.filter((s) => s !== "None").flatMap((status) =>
        [true, false].flatMap((arbiterCanRule) => {
          const next = nextActionOf(
            {
              buyer: "0xb",
              seller: "0xs",
              arbiter: "0xa",
              destination: 586,
              shipBy: 10n,
              confirmWindow: 10,
            },
            { status, since: 1n },
            { arbitrationPeriod: 10n, customsPeriod: 10n },
            0n,
            { arbiterCanRule },
          );
          return next.then === undefined
            ? []
            : [
                `deadline.${status}`,
                `next.${next.waitingFor}.${next.calls[0]}`,
                `next.after.${next.then.by}.${next.then.calls[0]}`,
              ];
        }),
      ),
      ...["refused", "cleared-on-shipment", "customs-clearance"].map((o) => `outcome.${o}`),
      ...[2, 4, 6, 8].map((d) => `hs.level.${d}`),
    ];
    assert.deepEqual(
      needed.filter((key) => !Object.hasOwn(en, key)),
      [],
    );
  });

  it("translate every error code the API can answer with", async () => {
    const dir = join(INDEXER, "src", "api");
    const codes = new Set<string>();
    // Files only: `webhooks/` is the operator's admin API, which the page never calls.
    const files = (await readdir(dir, { withFileTypes: true })).filter((f) => f.isFile());
    for (const file of files.map((f) => f.name)) {
      const text = await readFile(join(dir, file), "utf8");
      for (const m of text.matchAll(/(?:badRequest|notFound)\(\s*"(\w+)"/g)) codes.add(m[1]);
      // A list filter's refusal: `oneOrMore(c, name, allowed, code)`.
      for (const m of text.matchAll(/oneOrMore\([^;]*?"(\w+)",?\s*\)/g)) codes.add(m[1]);
      for (const m of text.matchAll(/new HttpError\(\s*\d{3},[\s\S]*?,\s*"([a-z_]+)",?\s*\)/g))
        codes.add(m[1]);
      // `bytes32(value, what)` makes its code from what it parses.
      if (text.includes('`invalid_${what.replace(" ", "_")}`')) {
        codes.add("invalid_order_id");
        codes.add("invalid_product_id");
      }
    }
    for (const code of [
      "rate_limited",
      "admin_only",
      "needs_postgres",
      "busy",
      "invalid_order_id",
      "invalid_order_status",
      "invalid_role",
      "unknown_parameter",
      "invalid_cursor",
    ]) {
      assert.ok(codes.has(code), `the scan found ${code}`);
    }
    assert.ok(codes.size >= 20, `found ${codes.size} codes`);
    assert.deepEqual([...codes].filter((code) => !Object.hasOwn(en, `error.${code}`)).sort(), []);
  });
});

describe("the order steps' catalogue (the SDK's, one source for the SDK and the page)", () => {
  it("speaks the page's languages with the same messages and placeholders", () => {
    assert.deepEqual([...STEP_LANGUAGES], [...LANGUAGES]);
    const keys = Object.keys(STEP_TEXT.en).sort();
    for (const language of STEP_LANGUAGES) {
      assert.deepEqual(Object.keys(STEP_TEXT[language]).sort(), keys, language);
      for (const key of keys) {
        const text = STEP_TEXT[language][key as keyof typeof STEP_TEXT.en];
        assert.deepEqual(
          placeholders(text),
          placeholders(STEP_TEXT.en[key as keyof typeof STEP_TEXT.en]),
        );
        if (language !== "en")
          assert.notEqual(text, STEP_TEXT.en[key as keyof typeof STEP_TEXT.en]);
      }
    }
  });

  it("has a step for every refund reason and resolution", () => {
    for (const reason of ENUM_NAMES.RefundReason) {
      assert.ok(Object.hasOwn(STEP_TEXT.en, `OrderRefunded.${reason}`), reason);
    }
    for (const resolution of ENUM_NAMES.Resolution) {
      assert.ok(Object.hasOwn(STEP_TEXT.en, `DisputeResolved.${resolution}`), resolution);
    }
  });
});
