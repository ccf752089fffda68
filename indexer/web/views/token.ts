/** A settlement token: supply, minting, holders, fees. */
import { api } from "../api";
import { facts, h, type Json, section, table } from "../dom";
import { account, type Currency, data, money, yesNo } from "../format";
import { number, t } from "../i18n";

export async function tokenView(key: string): Promise<HTMLElement> {
  const tk = await api(`/api/tokens/${key}`);
  const cur: Currency = {
    currency: String(tk.currency),
    decimals: Number(tk.decimals),
    address: String(tk.id),
  };
  const holders = tk.topHolders as Json[];
  const pair = (first: unknown, second: unknown) =>
    t("token.pair", { first: money(first, cur), second: money(second, cur) });
  return h(
    "article",
    { class: "token" },
    h(
      "h1",
      { translate: "no" },
      t("token.title", { name: String(tk.name), currency: cur.currency }),
    ),
    facts([
      [t("token.address"), data(cur.address, { class: "hash" })],
      [t("token.supply"), money(tk.totalSupply, cur)],
      [t("token.mintedBurned"), pair(tk.minted, tk.burned)],
      [t("token.holders"), number(Number(tk.holders))],
      [t("token.transfers"), number(Number(tk.transfers))],
      [t("token.fees"), pair(tk.feesAccrued, tk.feesCollected)],
      [t("token.allowed"), yesNo(tk.allowed)],
    ]),
    section(
      t("token.largest"),
      table(
        [t("col.holder"), t("col.balance")],
        holders.map((b) => [account(b.holder), money(b.amount, cur)]),
      ),
    ),
  );
}
