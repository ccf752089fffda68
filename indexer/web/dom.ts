/**
 * Building the page's DOM: elements from plain values (strings become text nodes, so nothing from
 * the API is ever parsed as HTML), tables, fact lists, sections and in-page links.
 */

export type Json = Record<string, unknown>;
export type Child = Node | string | null | undefined | false;

/** Builds an element; strings become text nodes, so nothing from the API is parsed as HTML. */
export function h(
  tag: string,
  attrs: Record<string, string> = {},
  ...children: Child[]
): HTMLElement {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  for (const c of children) if (c !== null && c !== undefined && c !== false) el.append(c);
  return el;
}

/** Where in-page links go: the router registers itself (`main.ts`); until then, a page load. */
let navigator: (path: string) => void = (path) => window.location.assign(path);

export function setNavigator(navigate: (path: string) => void): void {
  navigator = navigate;
}

/** Goes to a path of the page (a form's result, say) as a link would. */
export function navigateTo(path: string): void {
  navigator(path);
}

/** A link that the page follows itself (a modified click opens a new tab as usual). */
export function link(path: string, text: string, title?: string): HTMLElement {
  const a = h("a", { href: path, ...(title === undefined ? {} : { title }) }, text);
  a.addEventListener("click", (e) => {
    if (e.metaKey || e.ctrlKey) return;
    e.preventDefault();
    navigator(path);
  });
  return a;
}

/** What the view on screen left running (its timers), and what the view being built starts. */
let shown: (() => void)[] = [];
let building: (() => void)[] = [];

/** Registers something to stop when the view being built is replaced or abandoned. */
export function onLeave(stop: () => void): void {
  building.push(stop);
}

/** A new view is about to be built: what it starts is collected apart from the shown view's. */
export function startView(): void {
  for (const stop of building.splice(0)) stop();
}

/** The new view replaced the shown one: the old one's timers stop, the new one's run on. */
export function commitView(): void {
  for (const stop of shown) stop();
  shown = building;
  building = [];
}

/** The new view was not drawn (an error, or the reader went elsewhere): its timers stop. */
export function abandonView(): void {
  for (const stop of building.splice(0)) stop();
}

/**
 * A table in a wrapper that scrolls sideways when the table is wider than the page (a keyboard
 * can reach it: it takes focus and is named by its section). On a phone the rows stack as cards,
 * each cell labelled with its column (`data-label`, shown by the style sheet).
 */
export function table(headers: string[], rows: Child[][], cls = ""): HTMLElement {
  return h(
    "div",
    { class: "scroll", tabindex: "0", role: "region" },
    h(
      "table",
      { class: cls },
      h("thead", {}, h("tr", {}, ...headers.map((t) => h("th", { scope: "col" }, t)))),
      h(
        "tbody",
        {},
        ...rows.map((r) =>
          h("tr", {}, ...r.map((c, i) => h("td", { "data-label": headers[i] ?? "" }, c))),
        ),
      ),
    ),
  );
}

export function facts(pairs: [string, Child][]): HTMLElement {
  return h(
    "dl",
    { class: "facts" },
    ...pairs.flatMap(([k, v]) => [h("dt", {}, k), h("dd", {}, v)]),
  );
}

/** A titled section; the tables in it are named by its title (for their scrolling regions). */
export function section(title: Child, ...content: Child[]): HTMLElement {
  const heading = h("h2", {}, title);
  const el = h("section", {}, heading, ...content);
  for (const region of Array.from(el.querySelectorAll(".scroll:not([aria-label])"))) {
    region.setAttribute("aria-label", heading.textContent ?? "");
  }
  return el;
}
