/**
 * Limits on a GraphQL query, checked before Ponder's GraphQL runs it, so that one query cannot
 * hold the database (on PGlite nothing can cut a statement off once it runs). A query over a limit
 * is refused with 400 and a GraphQL error naming the limit (Ponder's own limits answer 200).
 *
 * - depth: fields nested in fields, at most {@link MAX_DEPTH} (the explorer's tables have no
 *   relations: `{ tradeOrders { items { id } } }` is 3);
 * - aliases: at most {@link MAX_ALIASES} (each alias is another read);
 * - cost: the rows a query may read, at most {@link MAX_COST}: a list costs its `limit` (Ponder's
 *   default 50) times the rows of what it is nested in, `totalCount` {@link COUNT_COST} (a count
 *   reads every matching row), any other object field one row;
 * - size: at most {@link MAX_BODY_BYTES} of request body.
 */
import {
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  Kind,
  parse,
  type SelectionSetNode,
  type ValueNode,
} from "graphql";
import type { MiddlewareHandler } from "hono";

export const MAX_DEPTH = 5;
export const MAX_ALIASES = 10;
export const MAX_COST = 2_000;
export const COUNT_COST = 500;
export const MAX_BODY_BYTES = 32 * 1024;
/** Ponder's page size when a list gives no `limit`. */
const DEFAULT_LIMIT = 50;

/** What a query asks of the database. */
export interface QueryMeasure {
  readonly depth: number;
  readonly aliases: number;
  readonly cost: number;
}

type Variables = Readonly<Record<string, unknown>>;

function limitOf(field: FieldNode, variables: Variables): number {
  const arg = field.arguments?.find((a) => a.name.value === "limit");
  if (arg === undefined) return DEFAULT_LIMIT;
  const value: ValueNode = arg.value;
  if (value.kind === Kind.INT) return Number(value.value);
  if (value.kind === Kind.VARIABLE) {
    const v = variables[value.name.value];
    return typeof v === "number" && Number.isFinite(v) ? v : DEFAULT_LIMIT;
  }
  return DEFAULT_LIMIT;
}

const isPage = (field: FieldNode) =>
  field.arguments?.some((a) => a.name.value === "limit") === true ||
  field.selectionSet?.selections.some(
    (s) => s.kind === Kind.FIELD && ["items", "totalCount", "pageInfo"].includes(s.name.value),
  ) === true;

/** Measures every operation of a document (the largest of each measure counts). */
export function measureQuery(document: DocumentNode, variables: Variables = {}): QueryMeasure {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) {
    if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  }
  let aliases = 0;
  /** The fields of a selection set, through inline fragments and fragment spreads. */
  const fieldsOf = (set: SelectionSetNode, seen: ReadonlySet<string>): FieldNode[] =>
    set.selections.flatMap((s) => {
      if (s.kind === Kind.FIELD) return [s];
      if (s.kind === Kind.INLINE_FRAGMENT) return fieldsOf(s.selectionSet, seen);
      const fragment = fragments.get(s.name.value);
      if (fragment === undefined || seen.has(s.name.value)) return [];
      return fieldsOf(fragment.selectionSet, new Set([...seen, s.name.value]));
    });
  /** Depth and cost of a selection set read once for each of `rows` rows. */
  const walk = (set: SelectionSetNode, rows: number): { depth: number; cost: number } => {
    let depth = 0;
    let cost = 0;
    for (const field of fieldsOf(set, new Set())) {
      if (field.alias !== undefined) aliases += 1;
      if (field.selectionSet === undefined) {
        depth = Math.max(depth, 1);
      } else if (isPage(field)) {
        // A page reads `limit` rows (its items) for each row it is read for, plus its count.
        const read = rows * limitOf(field, variables);
        let inner = 0;
        for (const part of fieldsOf(field.selectionSet, new Set())) {
          if (part.alias !== undefined) aliases += 1;
          let partDepth = 1;
          if (part.name.value === "totalCount") cost += rows * COUNT_COST;
          else if (part.selectionSet !== undefined) {
            const items = walk(part.selectionSet, part.name.value === "items" ? read : rows);
            if (part.name.value === "items") cost += read + items.cost;
            partDepth = 1 + items.depth;
          }
          inner = Math.max(inner, partDepth);
        }
        depth = Math.max(depth, 1 + inner);
      } else {
        const inner = walk(field.selectionSet, rows);
        cost += rows + inner.cost;
        depth = Math.max(depth, 1 + inner.depth);
      }
    }
    return { depth, cost };
  };
  let depth = 0;
  let cost = 0;
  for (const d of document.definitions) {
    if (d.kind !== Kind.OPERATION_DEFINITION) continue;
    const m = walk(d.selectionSet, 1);
    depth = Math.max(depth, m.depth);
    cost = Math.max(cost, m.cost);
  }
  return { depth, aliases, cost };
}

/** Why a query is refused, or undefined when it is within every limit. */
export function overLimit(m: QueryMeasure): { code: string; message: string } | undefined {
  if (m.depth > MAX_DEPTH)
    return { code: "QUERY_TOO_DEEP", message: `query depth ${m.depth} is over ${MAX_DEPTH}` };
  if (m.aliases > MAX_ALIASES)
    return { code: "TOO_MANY_ALIASES", message: `${m.aliases} aliases, at most ${MAX_ALIASES}` };
  if (m.cost > MAX_COST) {
    return {
      code: "QUERY_TOO_COSTLY",
      message:
        `query may read ${m.cost} rows, at most ${MAX_COST}: ask for smaller pages ` +
        `(limit), fewer lists or no totalCount (${COUNT_COST} each)`,
    };
  }
  return undefined;
}

const refusal = (code: string, message: string) => ({
  errors: [{ message, extensions: { code } }],
});

/** Refuses a GraphQL request over a limit with 400 (413 for a body too large). */
export function graphqlLimits(): MiddlewareHandler {
  return async (c, next) => {
    if (c.req.method !== "POST") return next();
    const declared = Number(c.req.header("content-length") ?? "0");
    const text = declared > MAX_BODY_BYTES ? undefined : await c.req.raw.clone().text();
    if (text === undefined || Buffer.byteLength(text) > MAX_BODY_BYTES) {
      return c.json(refusal("BODY_TOO_LARGE", `request body over ${MAX_BODY_BYTES} bytes`), 413);
    }
    let document: DocumentNode;
    let variables: Variables = {};
    try {
      const body = JSON.parse(text) as { query?: unknown; variables?: unknown };
      if (typeof body.query !== "string") return next();
      if (typeof body.variables === "object" && body.variables !== null)
        variables = body.variables as Variables;
      document = parse(body.query, { maxTokens: 1000 });
    } catch {
      // Not JSON or not GraphQL: Ponder's GraphQL answers with the syntax error, running nothing.
      return next();
    }
    const over = overLimit(measureQuery(document, variables));
    if (over !== undefined) return c.json(refusal(over.code, over.message), 400);
    return next();
  };
}
