/** A settlement token: supply, minting, holders, fees. */
import { api } from "../api";
import { facts, h, type Json, section, table } from "../dom";
import { account, type Currency, money } from "../format";

export async function tokenView(key: string): Promise<HTMLElement> {
  const t = await api(`/api/tokens/${key}`);
  const cur: Currency = {
    currency: String(t.currency),
    decimals: Number(t.decimals),
    address: String(t.id),
  };
  const holders = t.topHolders as Json[];
  return h(
    "article",
    { class: "token" },
    h("h1", {}, `${String(t.name)} (${cur.currency})`),
    facts([
      ["Address", h("code", { class: "hash" }, cur.address)],
      ["Total supply", money(t.totalSupply, cur)],
      ["Minted / burned", `${money(t.minted, cur)} / ${money(t.burned, cur)}`],
      ["Holders", String(t.holders)],
      ["Transfers", String(t.transfers)],
      [
        "Escrow fees accrued / collected",
        `${money(t.feesAccrued, cur)} / ${money(t.feesCollected, cur)}`,
      ],
      ["Accepted by the escrow", t.allowed ? "yes" : "no"],
    ]),
    section(
      "Largest holders",
      table(
        ["Holder", "Balance"],
        holders.map((b) => [account(b.holder), money(b.amount, cur)]),
      ),
    ),
  );
}
