// Mutant generation for `npm run mutate`: a small Solidity lexer, the functions of a file and the
// mutants of their bodies. Pure (no file system, no processes), so tests can run it on a snippet.
// Every mutant is one edit of the source text: { start, end, replacement } on character offsets.

/** The mutation operators, in the order mutants are listed; `default` ones run without --operators. */
export const OPERATORS = {
  ror: { default: true, what: "comparison flipped: < <= > >= == !=" },
  lor: { default: true, what: "&& and || swapped" },
  neg: { default: true, what: "if/while/require condition negated: if (x) -> if (!(x))" },
  revert: { default: true, what: "revert statement deleted" },
  require: { default: true, what: "require/assert statement deleted" },
  aor: { default: true, what: "arithmetic replaced: + <-> -, * <-> /, += <-> -=, *= <-> /=" },
  lit: { default: true, what: "constant replaced: 0 <-> 1, true <-> false" },
  emit: { default: true, what: "emit statement deleted" },
  assign: { default: true, what: "assignment (storage write), delete, ++ or -- statement deleted" },
  call: { default: true, what: "call statement deleted (internal checks, transfers, hooks)" },
  return: { default: true, what: "return statement deleted" },
  bitwise: { default: false, what: "bitwise replaced: & <-> |, << <-> >>" },
  swap: { default: false, what: "two neighbouring call arguments swapped" },
};

const PUNCTUATORS = [
  ">>=",
  "<<=",
  "**",
  "=>",
  "->",
  ":=",
  "==",
  "!=",
  "<=",
  ">=",
  "&&",
  "||",
  "++",
  "--",
  "+=",
  "-=",
  "*=",
  "/=",
  "%=",
  "|=",
  "&=",
  "^=",
  "<<",
  ">>",
];

/**
 * Splits Solidity source into tokens { type, value, start, end, line } with types comment, string,
 * number, ident and punct. Comments are kept (annotations live in them); the rest skip them.
 */
export function tokenize(source) {
  const tokens = [];
  const lineStarts = [0];
  for (let i = 0; i < source.length; i++) if (source[i] === "\n") lineStarts.push(i + 1);
  const lineOf = (offset) => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
  let i = 0;
  const push = (type, start, end) =>
    tokens.push({ type, value: source.slice(start, end), start, end, line: lineOf(start) });
  while (i < source.length) {
    const c = source[i];
    if (/\s/.test(c)) {
      i++;
    } else if (source.startsWith("//", i)) {
      const end = source.indexOf("\n", i);
      push("comment", i, end === -1 ? source.length : end);
      i = end === -1 ? source.length : end;
    } else if (source.startsWith("/*", i)) {
      const end = source.indexOf("*/", i + 2);
      if (end === -1) throw new Error(`unterminated comment at line ${lineOf(i)}`);
      push("comment", i, end + 2);
      i = end + 2;
    } else if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < source.length && source[j] !== c) j += source[j] === "\\" ? 2 : 1;
      if (j >= source.length) throw new Error(`unterminated string at line ${lineOf(i)}`);
      push("string", i, j + 1);
      i = j + 1;
    } else if (/[0-9]/.test(c)) {
      const m = /^(0[xX][0-9a-fA-F_]+|[0-9][0-9_]*(\.[0-9_]+)?([eE]-?[0-9_]+)?)/.exec(
        source.slice(i),
      );
      push("number", i, i + m[0].length);
      i += m[0].length;
    } else if (/[A-Za-z_$]/.test(c)) {
      const m = /^[A-Za-z_$][A-Za-z0-9_$]*/.exec(source.slice(i));
      push("ident", i, i + m[0].length);
      i += m[0].length;
    } else {
      const p = PUNCTUATORS.find((q) => source.startsWith(q, i)) ?? c;
      push("punct", i, i + p.length);
      i += p.length;
    }
  }
  return tokens;
}

const OPEN = { "(": ")", "[": "]", "{": "}" };
const CLOSE = new Set([")", "]", "}"]);

/** Index of the token closing the bracket opened at `open` (code tokens only). */
function matching(code, open) {
  let depth = 0;
  for (let i = open; i < code.length; i++) {
    const t = code[i];
    if (t.type !== "punct") continue;
    if (OPEN[t.value]) depth++;
    else if (CLOSE.has(t.value) && --depth === 0) return i;
  }
  throw new Error(`unbalanced "${code[open].value}" at line ${code[open].line}`);
}

/**
 * The functions, modifiers and constructors with a body: { kind, name, line, endLine, open, close }
 * where open/close index the body's braces in `code` (the tokens without comments).
 */
export function findFunctions(code) {
  const found = [];
  for (let i = 0; i < code.length; i++) {
    const t = code[i];
    if (t.type !== "ident") continue;
    let name;
    if (t.value === "function" || t.value === "modifier") {
      if (code[i + 1]?.type !== "ident") continue;
      name = code[i + 1].value;
    } else if (["constructor", "fallback", "receive"].includes(t.value)) {
      if (code[i + 1]?.value !== "(") continue;
      name = t.value;
    } else continue;
    let j = i + 1;
    while (j < code.length && code[j].value !== "{" && code[j].value !== ";") {
      j = code[j].value === "(" ? matching(code, j) + 1 : j + 1;
    }
    if (code[j]?.value !== "{") continue; // declared without a body
    const close = matching(code, j);
    found.push({ kind: t.value, name, line: t.line, endLine: code[close].line, open: j, close });
    i = close;
  }
  return found;
}

// Keywords after which `(`...`)` or a statement follows rather than a value.
const VALUE_END = (t) =>
  t.type === "ident" || t.type === "number" || t.type === "string" || [")", "]"].includes(t.value);
const NOT_VALUES = new Set(["return", "emit", "revert", "if", "else", "while", "for", "delete"]);
// Calls whose arguments are not interchangeable (a condition and its message).
const NO_SWAP = new Set([...NOT_VALUES, "require", "assert"]);
const ASSIGN_OPS = new Set(["=", "+=", "-=", "*=", "/=", "%=", "|=", "&=", "^=", "<<=", ">>="]);

/**
 * The mutants of the code tokens between body braces `open` and `close` (exclusive).
 * Returns { operator, start, end, replacement, description } items; callers add lines and ids.
 */
function mutateBody(code, open, close, source, operators) {
  const out = [];
  const add = (operator, start, end, replacement, description) => {
    if (operators.has(operator)) out.push({ operator, start, end, replacement, description });
  };
  const text = (a, b) => source.slice(code[a].start, code[b].end);

  // Assembly blocks: only their literals are mutated (Yul has no operators or `;` statements).
  const inAssembly = new Set();
  for (let i = open + 1; i < close; i++) {
    if (code[i].value !== "assembly") continue;
    let j = i + 1;
    while (code[j].value !== "{") j = code[j].value === "(" ? matching(code, j) + 1 : j + 1;
    const end = matching(code, j);
    for (let k = i; k <= end; k++) inAssembly.add(k);
    i = end;
  }

  // Bracket depth of each token (( and [ only: braces inside them are literals), and the `)` closing control headers.
  const headerClose = new Set();
  for (let i = open + 1; i < close; i++) {
    if (["if", "while", "for"].includes(code[i].value) && code[i + 1]?.value === "(") {
      headerClose.add(matching(code, i + 1));
    }
  }
  const depth = [];
  let d = 0;
  for (let i = open + 1; i < close; i++) {
    const v = code[i].type === "punct" ? code[i].value : "";
    if (v === ")" || v === "]") d--;
    depth[i] = d;
    if (v === "(" || v === "[") d++;
  }
  const isStatementStart = (i) => {
    if (depth[i] !== 0 || inAssembly.has(i)) return false;
    const prev = code[i - 1];
    return (
      i === open + 1 ||
      ["{", "}", ";"].includes(prev.value) ||
      ["else", "do", "unchecked"].includes(prev.value) ||
      headerClose.has(i - 1)
    );
  };
  const statementEnd = (i) => {
    let level = 0;
    for (let j = i; j < close; j++) {
      const v = code[j].type === "punct" ? code[j].value : "";
      // A block at statement level (if, for, try/catch, unchecked): not a simple statement.
      if (v === "{" && level === 0) return -1;
      if (OPEN[v]) level++;
      else if (CLOSE.has(v) && --level < 0) return -1;
      else if (v === ";" && level === 0) return j;
    }
    return -1;
  };

  for (let i = open + 1; i < close; i++) {
    const t = code[i];
    const v = t.value;

    if (t.type === "number" && (v === "0" || v === "1")) {
      add("lit", t.start, t.end, v === "0" ? "1" : "0", `${v} -> ${v === "0" ? "1" : "0"}`);
    } else if (t.type === "ident" && (v === "true" || v === "false") && !inAssembly.has(i)) {
      const flipped = v === "true" ? "false" : "true";
      add("lit", t.start, t.end, flipped, `${v} -> ${flipped}`);
    }
    if (inAssembly.has(i)) continue;

    if (t.type === "punct") {
      const ror = { "<": ["<=", ">="], "<=": ["<", ">"], ">": [">=", "<="], ">=": [">", "<"] };
      for (const r of ror[v] ?? []) add("ror", t.start, t.end, r, `${v} -> ${r}`);
      if (v === "==" || v === "!=") {
        const r = v === "==" ? "!=" : "==";
        add("ror", t.start, t.end, r, `${v} -> ${r}`);
      }
      if (v === "&&" || v === "||") {
        const r = v === "&&" ? "||" : "&&";
        add("lor", t.start, t.end, r, `${v} -> ${r}`);
      }
      const binary = VALUE_END(code[i - 1]) && !NOT_VALUES.has(code[i - 1].value);
      const aor = { "+": "-", "-": "+", "*": "/", "/": "*" };
      if (aor[v] && binary) add("aor", t.start, t.end, aor[v], `${v} -> ${aor[v]}`);
      const aorAssign = { "+=": "-=", "-=": "+=", "*=": "/=", "/=": "*=" };
      if (aorAssign[v]) add("aor", t.start, t.end, aorAssign[v], `${v} -> ${aorAssign[v]}`);
      const bit = { "&": "|", "|": "&", "<<": ">>", ">>": "<<" };
      if (bit[v] && binary) add("bitwise", t.start, t.end, bit[v], `${v} -> ${bit[v]}`);
    }

    // Conditions: if (x), while (x), require(x, ...) and assert(x) negated.
    const condKeyword =
      ["if", "while"].includes(v) ||
      (["require", "assert"].includes(v) && code[i - 1]?.value !== ".");
    if (t.type === "ident" && condKeyword && code[i + 1]?.value === "(") {
      const paren = i + 1;
      const last = matching(code, paren);
      let end = last;
      for (let j = paren + 1, level = 0; j < last; j++) {
        if (OPEN[code[j].value]) level++;
        else if (CLOSE.has(code[j].value)) level--;
        else if (code[j].value === "," && level === 0) {
          end = j;
          break;
        }
      }
      if (end > paren + 1) {
        const cond = text(paren + 1, end - 1);
        add(
          "neg",
          code[paren + 1].start,
          code[end - 1].end,
          `!(${cond})`,
          `${v} condition negated`,
        );
      }
    }

    // Neighbouring call arguments swapped: f(a, b) -> f(b, a).
    if (v === "(" && code[i - 1]?.type === "ident" && !NO_SWAP.has(code[i - 1].value)) {
      const last = matching(code, i);
      const args = [];
      let from = i + 1;
      for (let j = i + 1, level = 0; j <= last; j++) {
        if (j === last || (code[j].value === "," && level === 0)) {
          if (j > from) args.push([from, j - 1]);
          from = j + 1;
        } else if (OPEN[code[j].value]) level++;
        else if (CLOSE.has(code[j].value)) level--;
      }
      for (let a = 0; a + 1 < args.length; a++) {
        const [x, y] = [text(...args[a]), text(...args[a + 1])];
        if (x === y || x.includes(":") || y.includes(":")) continue;
        const between = source.slice(code[args[a][1]].end, code[args[a + 1][0]].start);
        add(
          "swap",
          code[args[a][0]].start,
          code[args[a + 1][1]].end,
          `${y}${between}${x}`,
          `arguments ${a + 1} and ${a + 2} of ${code[i - 1].value}() swapped`,
        );
      }
    }

    // Whole statements deleted (replaced by an empty block, valid wherever a statement is).
    if (!isStatementStart(i)) continue;
    const end = statementEnd(i);
    if (end === -1) continue;
    const kind = classify(code, i, end);
    if (kind) {
      const first = text(i, i).trim();
      add(
        kind,
        t.start,
        code[end].end,
        "{}",
        `${kind === "call" ? "call" : first} statement deleted`,
      );
    }
  }
  return out;
}

/** What deleting the statement code[i..end] is: an operator id, or null when it is not deletable. */
function classify(code, i, end) {
  const first = code[i].value;
  if (first === "revert") return "revert";
  if ((first === "require" || first === "assert") && code[i + 1]?.value === "(") return "require";
  if (first === "emit") return "emit";
  if (first === "return") return "return";
  if (first === "delete" || first === "++" || first === "--") return "assign";
  if (["if", "for", "while", "do", "unchecked", "assembly", "try", "{"].includes(first))
    return null;
  let level = 0;
  let assignAt = -1;
  for (let j = i; j < end; j++) {
    const v = code[j].value;
    if (OPEN[v]) level++;
    else if (CLOSE.has(v)) level--;
    else if (level === 0 && code[j].type === "punct" && ASSIGN_OPS.has(v)) {
      assignAt = j;
      break;
    }
  }
  const head = assignAt === -1 ? end : assignAt;
  for (let j = i; j + 1 < head; j++) {
    // `Type name` or `Type[] memory name`: a declaration, whose deletion cannot compile.
    const a = code[j];
    const b = code[j + 1];
    if ((a.type === "ident" || a.value === "]") && b.type === "ident") return null;
  }
  if (assignAt !== -1) return "assign";
  if (["++", "--"].includes(code[end - 1].value)) return "assign";
  if (code[end - 1].value === ")") return "call";
  return null;
}

/**
 * Annotations `// mutate: equivalent — reason` or `// mutate: equivalent(ror, lit) — reason`,
 * at the end of a line or on comment lines right above it. Returns
 * { byLine: Map(line -> { operators: Set|null, reason }), invalid: [{ line, text }] }.
 */
export function findAnnotations(tokens, source) {
  const byLine = new Map();
  const invalid = [];
  const lines = source.split("\n");
  const codeLines = new Set(tokens.filter((t) => t.type !== "comment").map((t) => t.line));
  for (const t of tokens) {
    if (t.type !== "comment" || !/mutate:/.test(t.value)) continue;
    const m = /mutate:\s*equivalent\s*(?:\(([^)]*)\))?\s*(?:—|–|--|-|:)\s*(\S.*?)\s*(\*\/)?$/.exec(
      t.value,
    );
    if (!m) {
      invalid.push({ line: t.line, text: t.value.trim() });
      continue;
    }
    const operators = m[1]
      ? new Set(
          m[1]
            .split(",")
            .map((s) => s.trim())
            .filter(Boolean),
        )
      : null;
    const unknown = [...(operators ?? [])].filter((o) => !OPERATORS[o]);
    if (unknown.length) {
      invalid.push({
        line: t.line,
        text: `${t.value.trim()} (unknown operator ${unknown.join(", ")})`,
      });
      continue;
    }
    let line = t.line;
    if (!codeLines.has(line)) {
      while (line < lines.length && !codeLines.has(line)) line++;
    } else if (tokens.some((u) => u.type !== "comment" && u.line === line && u.start > t.start)) {
      invalid.push({ line: t.line, text: `${t.value.trim()} (code after the annotation)` });
      continue;
    }
    byLine.set(line, { operators, reason: m[2] });
  }
  return { byLine, invalid };
}

/** Parses "12-30,41" into [[12, 30], [41, 41]]. */
export function parseLineRanges(spec) {
  return spec.split(",").map((part) => {
    const m = /^\s*(\d+)\s*(?:-\s*(\d+))?\s*$/.exec(part);
    if (!m) throw new Error(`--lines: "${part}" is not a line or a range like 120-140`);
    const range = [Number(m[1]), Number(m[2] ?? m[1])];
    if (range[1] < range[0]) throw new Error(`--lines: ${part} runs backwards`);
    return range;
  });
}

/**
 * The mutants of `source` within the functions named in `functions` (all when empty) and/or the
 * line ranges `lines` (a mutant inside a range is kept even outside the named functions).
 * Returns { mutants, functions: the functions found, missing: names not found }.
 */
export function generateMutants(source, { functions = [], lines = [], operators } = {}) {
  const ops = new Set(operators ?? Object.keys(OPERATORS).filter((o) => OPERATORS[o].default));
  const tokens = tokenize(source);
  const code = tokens.filter((t) => t.type !== "comment");
  const all = findFunctions(code);
  const wanted = new Set(functions);
  const missing = [...wanted].filter((n) => !all.some((f) => f.name === n));
  const everything = functions.length === 0 && lines.length === 0;
  const chosen = all.filter(
    (f) =>
      everything || wanted.has(f.name) || lines.some(([a, b]) => f.line <= b && f.endLine >= a),
  );
  const sourceLines = source.split("\n");
  const lineOf = (offset) => source.slice(0, offset).split("\n").length;
  const mutants = [];
  const seen = new Set();
  for (const f of chosen) {
    for (const m of mutateBody(code, f.open, f.close, source, ops)) {
      const line = lineOf(m.start);
      const endLine = lineOf(m.end);
      const inRange = lines.some(([a, b]) => line >= a && line <= b);
      if (!everything && !wanted.has(f.name) && !inRange) continue;
      const key = `${m.start}:${m.end}:${m.replacement}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const spanStart = source.lastIndexOf("\n", m.start - 1) + 1;
      const nl = source.indexOf("\n", m.end);
      const spanEnd = nl === -1 ? source.length : nl;
      const squash = (s) => s.replace(/\s+/g, " ").trim();
      mutants.push({
        ...m,
        function: f.name,
        line,
        endLine,
        original: squash(sourceLines.slice(line - 1, endLine).join("\n")),
        mutated: squash(
          source.slice(spanStart, m.start) + m.replacement + source.slice(m.end, spanEnd),
        ),
      });
    }
  }
  mutants.sort((a, b) => a.start - b.start || a.end - b.end);
  mutants.forEach((m, i) => (m.id = i + 1));
  const available = all.map((f) => f.name);
  return {
    mutants,
    functions: chosen,
    available,
    missing,
    annotations: findAnnotations(tokens, source),
  };
}

/** Applies a mutant's edit to `source`. */
export function applyMutant(source, mutant) {
  return source.slice(0, mutant.start) + mutant.replacement + source.slice(mutant.end);
}
