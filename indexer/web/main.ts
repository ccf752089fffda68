/**
 * The explorer's page: one search box and one view per thing (order, product, participant,
 * country, token), drawn from the JSON API of the same server (`views/`). Plain DOM, no
 * framework, nothing loaded from elsewhere; only hashes and codes are ever shown, because only
 * hashes are on chain.
 */
import { api, ApiError } from "./api";
import { h, leaveView, setNavigator } from "./dom";
import { setTxUrl } from "./format";
import { countryView } from "./views/country";
import { homeView } from "./views/home";
import { hsView } from "./views/hs";
import { orderView } from "./views/order";
import { participantView } from "./views/participant";
import { productView } from "./views/product";
import { tokenView } from "./views/token";

const main = document.getElementById("main") as HTMLElement;
const banner = document.getElementById("banner") as HTMLElement;
const footer = document.getElementById("footer") as HTMLElement;
const input = document.getElementById("q") as HTMLInputElement;

// ------------------------------------------------------------------------------ routing

async function render(): Promise<void> {
  leaveView();
  const { pathname, search } = window.location;
  const [, kind, key] = pathname.split("/");
  const params = new URLSearchParams(search);
  main.replaceChildren(h("p", { class: "loading" }, "Loading…"));
  try {
    let view: HTMLElement;
    if (kind === "order" && key) view = await orderView(key);
    else if (kind === "product" && key) view = await productView(key);
    else if (kind === "participant" && key) view = await participantView(key);
    else if (kind === "country" && key) view = await countryView(key, params);
    else if (kind === "token" && key) view = await tokenView(key);
    else if (kind === "hs" && key) view = await hsView(decodeURIComponent(key), params);
    else if (kind === "search") {
      await runSearch(params.get("q") ?? "");
      return;
    } else view = await homeView();
    main.replaceChildren(view);
    document.title = `${(view.querySelector("h1")?.textContent ?? "").slice(0, 60)} · TradeChain Explorer`;
  } catch (err) {
    showError(err);
  }
}

function showError(err: unknown): void {
  const notFound = err instanceof ApiError && err.status === 404;
  main.replaceChildren(
    h(
      "div",
      { class: "error", role: "alert" },
      h("h1", {}, notFound ? "Not found" : "Cannot show this"),
      h("p", { id: "error-message" }, err instanceof Error ? err.message : String(err)),
    ),
  );
}

function navigate(path: string): void {
  window.history.pushState({}, "", path);
  window.scrollTo(0, 0);
  void render();
}

async function runSearch(q: string): Promise<void> {
  try {
    const found = await api(`/api/search?q=${encodeURIComponent(q)}`);
    window.history.replaceState({}, "", String(found.path));
    await render();
  } catch (err) {
    showError(err);
  }
}

document.getElementById("search")?.addEventListener("submit", (e) => {
  e.preventDefault();
  const q = input.value.trim();
  window.history.pushState({}, "", `/search?q=${encodeURIComponent(q)}`);
  void runSearch(q);
});
window.addEventListener("popstate", () => void render());
setNavigator(navigate);
document.querySelector<HTMLAnchorElement>("a.brand")?.addEventListener("click", (e) => {
  e.preventDefault();
  navigate("/");
});

// ------------------------------------------------------------------------------ status banner

const STATUS_POLL_MS = 2000;

async function pollStatus(): Promise<void> {
  try {
    const s = await api("/api/status");
    setTxUrl(typeof s.txUrl === "string" ? s.txUrl : null);
    const indexed = String(s.indexedBlock ?? "—");
    const head = String(s.headBlock ?? "—");
    footer.textContent = `Chain ${String(s.chainId ?? "—")} · indexed block ${indexed} of ${head} · ${String(s.eventsIndexed)} events · times in UTC`;
    if (s.stale === true) {
      banner.className = "banner stale";
      banner.replaceChildren(
        h("strong", {}, "This data may be stale: "),
        (s.problems as string[]).join("; "),
        `. To rebuild: ${String(s.rebuild)}.`,
      );
      banner.hidden = false;
    } else if (Number(s.blocksBehind) > 0) {
      banner.className = "banner behind";
      banner.replaceChildren(
        `The indexer is ${String(s.blocksBehind)} blocks behind the chain (indexed ${indexed} of ${head}); recent events may be missing.`,
      );
      banner.hidden = false;
    } else banner.hidden = true;
  } catch (err) {
    banner.className = "banner stale";
    banner.textContent = `The explorer's server does not answer: ${err instanceof Error ? err.message : String(err)}`;
    banner.hidden = false;
  }
}

void pollStatus();
window.setInterval(() => void pollStatus(), STATUS_POLL_MS);
void render();
