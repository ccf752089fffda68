import { expect } from "chai";

import { MAX_LINE_WIDTH, renderTable, wrapText } from "@tradechain/devkit/table";

const width = (line: string) => [...line].length;

describe("@tradechain/devkit/table", () => {
  describe("wrapText", () => {
    it("breaks at spaces within the width and keeps every word", () => {
      expect(wrapText("seller paid CN¥ 851.40, fee CN¥ 8.60", 16)).to.deep.equal([
        "seller paid CN¥",
        "851.40, fee CN¥",
        "8.60",
      ]);
      expect(wrapText("short", 16)).to.deep.equal(["short"]);
    });

    it("cuts a word longer than the width where the line ends", () => {
      expect(wrapText(`id 0x${"ab".repeat(10)} end`, 10)).to.deep.equal([
        "id",
        "0xabababab",
        "ababababab",
        "ab end",
      ]);
    });
  });

  describe("renderTable", () => {
    it("aligns columns, right-aligns numbers and rules the header", () => {
      expect(
        renderTable(
          ["Party", { title: "Gas", align: "right" }],
          [
            ["Alice", "72,810"],
            ["Bo", "5"],
          ],
        ),
      ).to.equal(
        ["  Party     Gas", "  ─────  ──────", "  Alice  72,810", "  Bo          5"].join("\n"),
      );
    });

    it("leaves a table that fits as it is, wrap columns included", () => {
      const rows = [["a", "short detail"]];
      expect(renderTable(["K", { title: "Detail", wrap: true }], rows)).to.equal(
        renderTable(["K", "Detail"], rows),
      );
    });

    it("narrows wrap columns to a common width so every line fits in 120 columns", () => {
      const detail = "CN¥ 1,000.00 escrowed for product 0x1f90…ef4b to country 398, ".repeat(3);
      const actor = "Aigerim, Almaty (KZ) via Platform relayer";
      const table = renderTable(
        [
          "Time (chain, UTC)",
          { title: "Actor", wrap: true },
          "Step",
          { title: "Detail", wrap: true },
          { title: "Gas", align: "right" },
        ],
        [["2026-11-21 21:19:37", actor, "Order created", detail.trim(), "134,730"]],
      );
      const lines = table.split("\n");
      for (const line of lines) expect(width(line)).to.be.at.most(MAX_LINE_WIDTH);
      expect(width(lines[0])).to.be.at.least(MAX_LINE_WIDTH - 2);
      // the text of the wrapped cells is all there, in order
      const actorColumn = lines[0].indexOf("Actor");
      const stepColumn = lines[0].indexOf("Step");
      const actorText = lines
        .slice(2)
        .map((l) => l.slice(actorColumn, stepColumn).trim())
        .filter((t) => t !== "")
        .join(" ");
      expect(actorText).to.equal(actor);
      expect(lines[2]).to.contain("134,730").and.contain("Order created");
      expect(lines.length).to.be.greaterThan(3);
    });

    it("never narrows a wrap column below 16 characters, even if the line stays too wide", () => {
      const table = renderTable(
        ["x".repeat(110), { title: "Detail", wrap: true }],
        [["a", "word ".repeat(20).trim()]],
      );
      const detailWidth = table.split("\n")[1].split("  ").at(-1)?.length;
      expect(detailWidth).to.equal(16);
    });
  });
});
