/**
 * The readable steps of an order's timeline ("Ruled by arbiter: buyer US$ 600.00, seller
 * US$ 1,782.00, fee US$ 18.00"), in every language the explorer's page speaks. One source: the
 * SDK's `orderTimeline` describes events with it in English, the explorer's page in the reader's
 * language. Each caller formats values its own way (the SDK as its CLI prints them, the page with
 * `Intl` for the reader's locale).
 */
import { REFUND_REASONS, RESOLUTIONS } from "./types.js";

/** The languages steps are written in: English, Simplified Chinese, Russian. */
export const STEP_LANGUAGES = ["en", "zh-CN", "ru"] as const;
export type StepLanguage = (typeof STEP_LANGUAGES)[number];

/** How a caller shows the values in a step. */
export interface StepFormat {
  /** An amount in the order's currency (a cross-currency order's pay currency). */
  money(units: bigint): string;
  /**
   * An amount in a cross-currency order's payout currency (the seller's amounts and the fee of
   * its closes, its payout leg); without it they are written with `money`.
   */
  payout?(units: bigint): string;
  /** A unix time. */
  time(seconds: bigint): string;
  /** A fee rate in basis points. */
  bps(bps: number): string;
  /** A hash, shortened or whole. */
  hash(hex: string): string;
  /** An account. */
  account(address: string): string;
  /** A country by its ISO-3166 numeric code. */
  country(code: number): string;
}

/** What a step needs to know of the order: its terms. */
export interface StepTerms {
  readonly buyer: string;
  readonly seller: string;
  readonly amount: bigint | string;
  readonly productId: string;
  readonly destination: number | string;
  readonly feeBps: number | string;
  readonly shipBy: bigint | string;
}

/** An event's arguments: numbers as bigints (the SDK) or decimal strings (the explorer's JSON). */
export type StepArgs = Readonly<Record<string, bigint | string | boolean | number>>;

/** A step: what happened, its details, and who acted (an address, when the event says). */
export interface Step {
  readonly step: string;
  readonly detail: string;
  readonly actor: string | undefined;
}

const EN = {
  OrderCreated: "Order created",
  "OrderCreated.detail":
    "{amount} escrowed for product {product} to country {destination}, fee {fee}, ship by {shipBy}",
  OrderShipped: "Shipped",
  "OrderShipped.cleared": "cleared automatically (no customs hold)",
  "OrderShipped.held": "awaiting customs clearance",
  MilestoneRecorded: "Milestone recorded",
  "MilestoneRecorded.detail": "milestone {hash}",
  CustomsCleared: "Cleared by customs",
  "CustomsCleared.detail": "record {hash}",
  OrderRefunded: "Refunded",
  "OrderRefunded.Cancelled": "Cancelled by buyer",
  "OrderRefunded.RejectedBySeller": "Rejected by seller",
  "OrderRefunded.Unshipped": "Refunded: not shipped in time",
  "OrderRefunded.RejectedAtCustoms": "Rejected at customs",
  "OrderRefunded.SellerRefund": "Refunded by seller",
  "OrderRefunded.detail": "{amount} back to the buyer",
  ReceiptConfirmed: "Receipt confirmed",
  ReleasedAfterTimeout: "Released after the confirmation window",
  "paid.detail": "seller paid {seller}, fee {fee}",
  DisputeOpened: "Dispute opened",
  EvidenceSubmitted: "Evidence submitted",
  "evidence.detail": "evidence {hash}",
  SettlementProposed: "Settlement proposed",
  "SettlementProposed.detail": "buyer's total would be {amount}, refunds included",
  DisputeResolved: "Dispute resolved",
  "DisputeResolved.Ruling": "Ruled by arbiter",
  "DisputeResolved.Settlement": "Settled by agreement",
  "DisputeResolved.Stale": "Stale dispute split",
  "DisputeResolved.detail": "buyer {buyer}, seller {seller}, fee {fee}",
  ComplaintFiled: "Complaint filed",
  "ComplaintFiled.detail": "evidence {hash}; order of {amount}, fee paid {fee}",
  PayoutDeferred: "Payout deferred",
  "PayoutDeferred.detail": "{amount} to {account} refused by the token; claimable",
  FxOrderCreated: "Payout leg funded",
  "FxOrderCreated.detail":
    "{payout} for the seller from FX provider {provider}, against {amount} paid in",
  FxLegsSplit: "Both legs split",
  "FxLegsSplit.buyer": "buyer refunded {amount}",
  "FxLegsSplit.provider": "provider credited {amount}",
  "FxLegsSplit.providerBoth": "provider credited {pay} and {payout}",
  "FxLegsSplit.seller": "seller paid {seller}, fee {fee}",
} as const;

/** A message of the steps' catalogue. */
export type StepMessage = keyof typeof EN;

/** Every language's wording of every step. */
export const STEP_TEXT: Readonly<Record<StepLanguage, Readonly<Record<StepMessage, string>>>> = {
  en: EN,
  "zh-CN": {
    OrderCreated: "订单已创建",
    "OrderCreated.detail":
      "已为产品 {product} 托管 {amount}，目的地 {destination}，手续费 {fee}，须于 {shipBy} 前发货",
    OrderShipped: "已发货",
    "OrderShipped.cleared": "自动放行（无需海关查验）",
    "OrderShipped.held": "等待海关清关",
    MilestoneRecorded: "已记录物流节点",
    "MilestoneRecorded.detail": "节点 {hash}",
    CustomsCleared: "海关已放行",
    "CustomsCleared.detail": "记录 {hash}",
    OrderRefunded: "已退款",
    "OrderRefunded.Cancelled": "买家已取消",
    "OrderRefunded.RejectedBySeller": "卖家已拒绝",
    "OrderRefunded.Unshipped": "已退款：未按时发货",
    "OrderRefunded.RejectedAtCustoms": "海关拒绝入境",
    "OrderRefunded.SellerRefund": "卖家已退款",
    "OrderRefunded.detail": "{amount} 退还买家",
    ReceiptConfirmed: "买家已确认收货",
    ReleasedAfterTimeout: "确认期满，已放款",
    "paid.detail": "卖家收到 {seller}，手续费 {fee}",
    DisputeOpened: "已发起争议",
    EvidenceSubmitted: "已提交证据",
    "evidence.detail": "证据 {hash}",
    SettlementProposed: "已提出和解方案",
    "SettlementProposed.detail": "买家合计将获得 {amount}（含已退款）",
    DisputeResolved: "争议已解决",
    "DisputeResolved.Ruling": "仲裁员已裁决",
    "DisputeResolved.Settlement": "双方已和解",
    "DisputeResolved.Stale": "争议逾期，余款平分",
    "DisputeResolved.detail": "买家 {buyer}，卖家 {seller}，手续费 {fee}",
    ComplaintFiled: "已提交投诉",
    "ComplaintFiled.detail": "证据 {hash}；订单金额 {amount}，已付手续费 {fee}",
    PayoutDeferred: "付款暂缓",
    "PayoutDeferred.detail": "代币拒收付给 {account} 的 {amount}；可稍后领取",
    FxOrderCreated: "兑付资金已锁定",
    "FxOrderCreated.detail": "外汇服务商 {provider} 为卖家提供 {payout}，对应买家支付 {amount}",
    FxLegsSplit: "双币种分账",
    "FxLegsSplit.buyer": "退还买家 {amount}",
    "FxLegsSplit.provider": "服务商入账 {amount}",
    "FxLegsSplit.providerBoth": "服务商入账 {pay} 和 {payout}",
    "FxLegsSplit.seller": "卖家收到 {seller}，手续费 {fee}",
  },
  ru: {
    OrderCreated: "Заказ создан",
    "OrderCreated.detail":
      "{amount} на эскроу за товар {product}, страна назначения {destination}, комиссия {fee}, " +
      "отправить до {shipBy}",
    OrderShipped: "Отправлен",
    "OrderShipped.cleared": "выпущен сразу (без таможенного контроля)",
    "OrderShipped.held": "ждёт таможенного оформления",
    MilestoneRecorded: "Отмечен этап доставки",
    "MilestoneRecorded.detail": "этап {hash}",
    CustomsCleared: "Выпущен таможней",
    "CustomsCleared.detail": "запись {hash}",
    OrderRefunded: "Возврат",
    "OrderRefunded.Cancelled": "Отменён покупателем",
    "OrderRefunded.RejectedBySeller": "Отклонён продавцом",
    "OrderRefunded.Unshipped": "Возврат: не отправлен вовремя",
    "OrderRefunded.RejectedAtCustoms": "Не пропущен таможней",
    "OrderRefunded.SellerRefund": "Возврат от продавца",
    "OrderRefunded.detail": "{amount} возвращено покупателю",
    ReceiptConfirmed: "Получение подтверждено",
    ReleasedAfterTimeout: "Выплачено по истечении срока подтверждения",
    "paid.detail": "продавцу выплачено {seller}, комиссия {fee}",
    DisputeOpened: "Открыт спор",
    EvidenceSubmitted: "Представлено доказательство",
    "evidence.detail": "доказательство {hash}",
    SettlementProposed: "Предложено урегулирование",
    "SettlementProposed.detail": "покупатель получит всего {amount}, с учётом возвратов",
    DisputeResolved: "Спор разрешён",
    "DisputeResolved.Ruling": "Решение арбитра",
    "DisputeResolved.Settlement": "Урегулировано соглашением",
    "DisputeResolved.Stale": "Спор просрочен: остаток поделён",
    "DisputeResolved.detail": "покупателю {buyer}, продавцу {seller}, комиссия {fee}",
    ComplaintFiled: "Подана жалоба",
    "ComplaintFiled.detail": "доказательство {hash}; заказ на {amount}, уплачена комиссия {fee}",
    PayoutDeferred: "Выплата отложена",
    "PayoutDeferred.detail": "токен не принял {amount} для {account}; можно получить позже",
    FxOrderCreated: "Выплата продавцу обеспечена",
    "FxOrderCreated.detail":
      "{payout} для продавца от валютного провайдера {provider} против оплаты {amount}",
    FxLegsSplit: "Расчёт в обеих валютах",
    "FxLegsSplit.buyer": "покупателю возвращено {amount}",
    "FxLegsSplit.provider": "провайдеру зачислено {amount}",
    "FxLegsSplit.providerBoth": "провайдеру зачислено {pay} и {payout}",
    "FxLegsSplit.seller": "продавцу выплачено {seller}, комиссия {fee}",
  },
};

function fill(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}

/** The name of an enum argument's value (`RefundReason` 0 is "Cancelled"). */
function enumName(names: readonly string[], value: unknown): string | undefined {
  return names[Number(value)];
}

/**
 * Describes one escrow event of an order in `language`: the step ("Ruled by arbiter"), its details
 * with the values formatted by `format`, and the actor the event names (or the order's buyer or
 * seller when the event's caller is always that party). An event this module does not know is
 * described by its name.
 */
export function describeStep(
  event: string,
  args: StepArgs,
  terms: StepTerms,
  format: StepFormat,
  language: StepLanguage = "en",
): Step {
  const words = STEP_TEXT[language];
  const text = (key: StepMessage, values: Record<string, string> = {}) => fill(words[key], values);
  const str = (name: string) => String(args[name]);
  const big = (name: string) => BigInt(String(args[name]));
  const by = typeof args.by === "string" ? args.by : undefined;
  const payout = (units: bigint) => (format.payout ?? format.money)(units);
  const paid = () =>
    text("paid.detail", {
      seller: payout(big("sellerAmount")),
      fee: payout(big("fee")),
    });
  switch (event) {
    case "OrderCreated":
      return {
        step: text("OrderCreated"),
        detail: text("OrderCreated.detail", {
          amount: format.money(BigInt(terms.amount)),
          product: format.hash(terms.productId),
          destination: format.country(Number(terms.destination)),
          fee: format.bps(Number(terms.feeBps)),
          shipBy: format.time(BigInt(terms.shipBy)),
        }),
        actor: terms.buyer,
      };
    case "OrderShipped":
      return {
        step: text("OrderShipped"),
        detail: text(
          args.cleared === true || args.cleared === "true"
            ? "OrderShipped.cleared"
            : "OrderShipped.held",
        ),
        actor: terms.seller,
      };
    case "MilestoneRecorded":
      return {
        step: text("MilestoneRecorded"),
        detail: text("MilestoneRecorded.detail", { hash: format.hash(str("milestoneHash")) }),
        actor: str("logistics"),
      };
    case "CustomsCleared":
      return {
        step: text("CustomsCleared"),
        detail: text("CustomsCleared.detail", { hash: format.hash(str("recordHash")) }),
        actor: str("authority"),
      };
    case "OrderRefunded": {
      const reason = enumName(REFUND_REASONS, args.reason);
      const key = `OrderRefunded.${reason}`;
      return {
        step: text(Object.hasOwn(words, key) ? (key as StepMessage) : "OrderRefunded"),
        detail: text("OrderRefunded.detail", { amount: format.money(big("amount")) }),
        actor: by,
      };
    }
    case "ReceiptConfirmed":
      return { step: text("ReceiptConfirmed"), detail: paid(), actor: terms.buyer };
    case "ReleasedAfterTimeout":
      return { step: text("ReleasedAfterTimeout"), detail: paid(), actor: by };
    case "DisputeOpened":
    case "EvidenceSubmitted":
      return {
        step: text(event),
        detail: text("evidence.detail", { hash: format.hash(str("evidenceHash")) }),
        actor: by,
      };
    case "SettlementProposed":
      return {
        step: text("SettlementProposed"),
        detail: text("SettlementProposed.detail", { amount: format.money(big("buyerTotal")) }),
        actor: by,
      };
    case "DisputeResolved": {
      const resolution = enumName(RESOLUTIONS, args.resolution);
      const key = `DisputeResolved.${resolution}`;
      return {
        step: text(Object.hasOwn(words, key) ? (key as StepMessage) : "DisputeResolved"),
        detail: text("DisputeResolved.detail", {
          buyer: format.money(big("buyerAmount")),
          seller: payout(big("sellerAmount")),
          fee: payout(big("fee")),
        }),
        actor: by,
      };
    }
    case "ComplaintFiled":
      return {
        step: text("ComplaintFiled"),
        detail: text("ComplaintFiled.detail", {
          hash: format.hash(str("evidenceHash")),
          amount: format.money(big("amount")),
          fee: format.money(big("fee")),
        }),
        actor: str("buyer"),
      };
    case "PayoutDeferred":
      return {
        step: text("PayoutDeferred"),
        detail: text("PayoutDeferred.detail", {
          amount: format.money(big("amount")),
          account: format.account(str("account")),
        }),
        actor: undefined,
      };
    case "FxOrderCreated":
      return {
        step: text("FxOrderCreated"),
        detail: text("FxOrderCreated.detail", {
          payout: payout(big("payoutAmount")),
          provider: format.account(str("provider")),
          amount: format.money(BigInt(terms.amount)),
        }),
        actor: str("provider"),
      };
    case "FxLegsSplit":
      return { step: text("FxLegsSplit"), detail: legsSplit(big, format, text), actor: undefined };
    default:
      return { step: event, detail: "", actor: by };
  }
}

/** The parts of a cross-currency close that moved money, e.g. "provider credited US$ 1,000.00". */
function legsSplit(
  big: (name: string) => bigint,
  format: StepFormat,
  text: (key: StepMessage, values: Record<string, string>) => string,
): string {
  const payout = format.payout ?? format.money;
  const [toBuyer, inPay, toSeller, inPayout, fee] = [
    big("toBuyer"),
    big("toProviderInPay"),
    big("toSeller"),
    big("toProviderInPayout"),
    big("fee"),
  ];
  const parts: string[] = [];
  if (toBuyer !== 0n) parts.push(text("FxLegsSplit.buyer", { amount: format.money(toBuyer) }));
  if (inPay !== 0n && inPayout !== 0n) {
    parts.push(
      text("FxLegsSplit.providerBoth", { pay: format.money(inPay), payout: payout(inPayout) }),
    );
  } else if (inPay !== 0n || inPayout !== 0n) {
    const amount = inPay !== 0n ? format.money(inPay) : payout(inPayout);
    parts.push(text("FxLegsSplit.provider", { amount }));
  }
  if (toSeller !== 0n || fee !== 0n) {
    parts.push(text("FxLegsSplit.seller", { seller: payout(toSeller), fee: payout(fee) }));
  }
  return parts.join("; ");
}
