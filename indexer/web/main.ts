/**
 * The explorer's page: one search box and one view per thing (order, product, participant,
 * country, token), drawn from the JSON API of the same server (`views/`). Plain DOM, no
 * framework, nothing loaded from elsewhere; only hashes and codes are ever shown, because only
 * hashes are on chain.
 */
import { api, ApiError } from "./api";
import { observeChainTime } from "./chain-clock";
import { abandonView, commitView, h, setNavigator, startView } from "./dom";
import { data, setTxUrl } from "./format";
import { chooseLanguage, has, language, languageSwitch, number, t } from "./i18n";
import { countryView } from "./views/country";
import { homeView } from "./views/home";
import { hsView } from "./views/hs";
import { orderView } from "./views/order";
import { providerView } from "./views/fx";
import { participantView } from "./views/participant";
import { productView } from "./views/product";
import { tokenView } from "./views/token";

const main = document.getElementById("main") as HTMLElement;
const banner = document.getElementById("banner") as HTMLElement;
const footer = document.getElementById("footer") as HTMLElement;
const input = document.getElementById("q") as HTMLInputElement;
const brand = document.querySelector<HTMLAnchorElement>("a.brand");
const searchButton = document.querySelector<HTMLButtonElement>("#search button");
const header = document.querySelector("header") as HTMLElement;

// ------------------------------------------------------------------------------ language

chooseLanguage();

/** The header's words and the language switch, in the page's language. */
function drawHeader(): void {
  if (brand !== null) brand.textContent = t("app.name");
  input.placeholder = t("search.placeholder");
  input.setAttribute("aria-label", t("search.label"));
  if (searchButton !== null) searchButton.textContent = t("search.button");
  const old = document.getElementById("lang");
  const select = languageSwitch(() => {
    drawHeader();
    drawStatus();
    void render();
  });
  if (old === null) header.append(select);
  else old.replaceWith(select);
}

// ------------------------------------------------------------------------------ routing

/**
 * Draws the view of the current address. A live refresh (`quiet`) keeps the old view until the
 * new one is ready, and keeps the reader's scroll position.
 */
async function render(quiet = false): Promise<void> {
  const { pathname, search } = window.location;
  const [, kind, key] = pathname.split("/");
  const params = new URLSearchParams(search);
  const scroll = window.scrollY;
  startView();
  if (!quiet) main.replaceChildren(h("p", { class: "loading" }, t("loading")));
  try {
    let view: HTMLElement;
    if (kind === "order" && key) view = await orderView(key);
    else if (kind === "product" && key) view = await productView(key);
    else if (kind === "participant" && key) view = await participantView(key);
    else if (kind === "provider" && key) view = await providerView(key);
    else if (kind === "country" && key) view = await countryView(key, params);
    else if (kind === "token" && key) view = await tokenView(key);
    else if (kind === "hs" && key) view = await hsView(decodeURIComponent(key), params);
    else if (kind === "search") {
      await runSearch(params.get("q") ?? "");
      return;
    } else view = await homeView();
    // A view that finishes after the reader went elsewhere draws nothing.
    if (window.location.pathname + window.location.search !== pathname + search) {
      abandonView();
      return;
    }
    main.replaceChildren(view);
    commitView();
    if (quiet) window.scrollTo(0, scroll);
    const title = (view.querySelector("h1")?.textContent ?? "").slice(0, 60);
    document.title = `${title} · ${t("app.name")}`;
  } catch (err) {
    abandonView();
    if (quiet) return; // the view on screen stays; the next refresh tries again
    commitView(); // the error replaces the view: its timers stop
    showError(err);
  }
}

/**
 * An error in the reader's language, by the API's stable code; the API's own (English) message
 * beside it when the page is in another language.
 */
function showError(err: unknown): void {
  const notFound = err instanceof ApiError && err.status === 404;
  const serverText = err instanceof Error ? err.message : String(err);
  const codeKey = err instanceof ApiError ? `error.${err.code ?? ""}` : "";
  const english = language() === "en";
  const message =
    english || !has(codeKey) ? (english ? serverText : t("error.unknown")) : t(codeKey);
  main.replaceChildren(
    h(
      "div",
      { class: "error", role: "alert" },
      h("h1", {}, notFound ? t("error.title.notFound") : t("error.title.other")),
      h("p", { id: "error-message" }, message),
      english
        ? null
        : h(
            "p",
            { class: "note" },
            t("error.details"),
            " ",
            h("span", { id: "error-detail", lang: "en", translate: "no" }, serverText),
          ),
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
brand?.addEventListener("click", (e) => {
  e.preventDefault();
  navigate("/");
});

// ------------------------------------------------------------------------------ status banner

const STATUS_POLL_MS = 2000;

/** The last status read (redrawn in another language without asking again). */
let lastStatus: Record<string, unknown> | undefined;
let statusError = false;

/**
 * Redraws the view when the index has new events: the page follows the chain without a reload,
 * within a poll of the indexer (2 s). Not while the reader types in one of the view's fields.
 */
function followIndex(previous: Record<string, unknown> | undefined): void {
  if (previous === undefined || lastStatus === undefined) return;
  if (previous.eventsIndexed === lastStatus.eventsIndexed) return;
  const focused = document.activeElement;
  const typing = focused !== null && focused.closest("main input, main select") !== null;
  if (typing || window.location.pathname.startsWith("/search")) {
    lastStatus = { ...lastStatus, eventsIndexed: previous.eventsIndexed }; // retry next poll
    return;
  }
  void render(true);
}

/** The footer and the banner from the last status read. */
function drawStatus(): void {
  if (statusError) {
    banner.className = "banner stale";
    banner.replaceChildren(t("banner.down"));
    banner.hidden = false;
    return;
  }
  const s = lastStatus;
  if (s === undefined) return;
  const block = (value: unknown) => (value === null || value === undefined ? "—" : String(value));
  const indexed = block(s.indexedBlock);
  const head = block(s.headBlock);
  footer.textContent = t("footer.status", {
    chain: block(s.chainId),
    indexed,
    head,
    events: number(Number(s.eventsIndexed)),
  });
  if (s.stale === true) {
    banner.className = "banner stale";
    banner.replaceChildren(
      h("strong", {}, t("banner.stale")),
      " ",
      data((s.problems as string[]).join("; "), { lang: "en" }),
      " ",
      t("banner.rebuild"),
    );
    banner.hidden = false;
  } else if (Number(s.blocksBehind) > 0) {
    banner.className = "banner behind";
    banner.replaceChildren(
      t("banner.behind", { blocks: number(Number(s.blocksBehind)), indexed, head }),
    );
    banner.hidden = false;
  } else banner.hidden = true;
}

async function pollStatus(): Promise<void> {
  const previous = lastStatus;
  try {
    lastStatus = await api("/api/status");
    statusError = false;
    setTxUrl(typeof lastStatus.txUrl === "string" ? lastStatus.txUrl : null);
    observeChainTime(lastStatus.chainTime);
  } catch {
    statusError = true;
  }
  drawStatus();
  followIndex(previous);
}

drawHeader();
void pollStatus();
window.setInterval(() => void pollStatus(), STATUS_POLL_MS);
void render();
