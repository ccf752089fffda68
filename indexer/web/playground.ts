/**
 * The GraphQL playground served at `GET /graphql`: a query, its variables, the result, and the
 * fields the schema offers (read by introspection). Everything is served by the explorer itself:
 * it works offline, unlike a playground loaded from a CDN.
 */
const EXAMPLES: Readonly<Record<string, string>> = {
  "Recent orders": `{
  tradeOrders(limit: 10, orderBy: "createdBlock", orderDirection: "desc") {
    items { id status amount destination createdAt }
    totalCount
  }
}`,
  "Pakistan's negative list": `{
  tariffListings(where: { jurisdiction: 586, status: "Negative" }) {
    items { digits code expiresAt reasonHash }
  }
}`,
  "A seller's credit": `query ($account: String!) {
  credits(where: { account: $account }) {
    items { token salesCompleted refundedAsSeller disputesLost volume }
  }
}`,
};

const query = document.getElementById("query") as HTMLTextAreaElement;
const variables = document.getElementById("variables") as HTMLTextAreaElement;
const result = document.getElementById("result") as HTMLElement;
const example = document.getElementById("example") as HTMLSelectElement;
const fields = document.getElementById("fields") as HTMLElement;

async function post(body: unknown): Promise<{ status: number; json: unknown }> {
  const response = await fetch("/graphql", {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json" },
    body: JSON.stringify(body),
  });
  return { status: response.status, json: await response.json() };
}

async function run(): Promise<void> {
  let vars: unknown;
  try {
    vars = JSON.parse(variables.value.trim() === "" ? "{}" : variables.value);
  } catch (err) {
    result.textContent = `Variables are not JSON: ${err instanceof Error ? err.message : String(err)}`;
    return;
  }
  result.textContent = "…";
  try {
    const { status, json } = await post({ query: query.value, variables: vars });
    result.textContent = `${status === 200 ? "" : `HTTP ${status}\n`}${JSON.stringify(json, null, 2)}`;
  } catch (err) {
    result.textContent = `The explorer does not answer: ${err instanceof Error ? err.message : String(err)}`;
  }
}

for (const name of Object.keys(EXAMPLES)) {
  const option = document.createElement("option");
  option.value = name;
  option.textContent = name;
  example.append(option);
}
example.addEventListener("change", () => {
  query.value = EXAMPLES[example.value] ?? "";
});
query.value = EXAMPLES[Object.keys(EXAMPLES)[0]];
document.getElementById("run-form")?.addEventListener("submit", (e) => {
  e.preventDefault();
  void run();
});

/** The query type's fields, by introspection (a query within the explorer's limits). */
async function listFields(): Promise<void> {
  const { json } = await post({ query: "{ __schema { queryType { fields { name } } } }" });
  const names = (
    json as { data?: { __schema?: { queryType?: { fields?: { name: string }[] } } } }
  ).data?.__schema?.queryType?.fields?.map((f) => f.name);
  for (const name of names ?? []) {
    const item = document.createElement("li");
    const code = document.createElement("code");
    code.textContent = name;
    item.append(code);
    fields.append(item);
  }
}

void listFields();
