// The store and the reports are written once, in SQLite's SQL. PostgreSQL
// runs the same statements after this translation, which is pure (a text in,
// a text out), so each rule is tested alone (test/postgres-dialect.test.ts):
//
// - `?` and `@name` parameters become `$1`, `$2`, ... (a name used twice is one);
// - `INSERT OR IGNORE` becomes `ON CONFLICT DO NOTHING`, and `INSERT OR
//   REPLACE` an update of every column inserted on a conflict of the key;
// - `ON CONFLICT DO UPDATE` names the table's primary key, which PostgreSQL
//   requires, and the target's columns in its SET are named by the table, as
//   `count` alone would be ambiguous there;
// - `max(a, b)` and `min(a, b)` of two or more values become GREATEST and LEAST;
// - `instr` becomes `strpos`; INTEGER is BIGINT, in a cast and a temporary
//   table alike (times in milliseconds need 64 bits, as SQLite's have);
// - an alias with capitals is quoted: PostgreSQL folds it to lower case;
// - a subquery in FROM gets an alias, which PostgreSQL 15 requires;
// - ORDER BY sorts NULL first ascending and last descending, as SQLite does;
// - `BEGIN IMMEDIATE` is `BEGIN`: PostgreSQL locks rows, not the database;
// - `WITHOUT ROWID` goes, and the schema of temporary tables, `temp.`, is
//   `pg_temp.`.

export interface Translated {
  text: string;
  /** For `@name` parameters: the name of each `$n`, in order; null when they are positional. */
  names: string[] | null;
}

type Kind = 'word' | 'string' | 'ident' | 'space' | 'param' | 'punct';
interface Token {
  kind: Kind;
  text: string;
}

const TOKEN = /\s+|--[^\n]*|'(?:[^']|'')*'|"(?:[^"]|"")*"|[A-Za-z_][A-Za-z0-9_]*|\?|@[A-Za-z_][A-Za-z0-9_]*|[0-9]+(?:\.[0-9]+)?|<>|<=|>=|!=|\|\||./gs;

function tokenize(sql: string): Token[] {
  const tokens: Token[] = [];
  for (const [text] of sql.matchAll(TOKEN)) {
    const first = text[0]!;
    let kind: Kind;
    if (/\s/.test(first) || text.startsWith('--')) kind = 'space';
    else if (first === "'") kind = 'string';
    else if (first === '"') kind = 'ident';
    else if (first === '?' || first === '@') kind = 'param';
    else if (/[A-Za-z_]/.test(first)) kind = 'word';
    else kind = 'punct';
    tokens.push({ kind, text });
  }
  return tokens;
}

const is = (t: Token | undefined, word: string) => t !== undefined && t.kind === 'word' && t.text.toUpperCase() === word;
const punct = (t: Token | undefined, p: string) => t !== undefined && t.kind === 'punct' && t.text === p;

/** The index of the next token that is not space, from i on; tokens.length if none. */
function next(tokens: Token[], i: number): number {
  while (i < tokens.length && tokens[i]!.kind === 'space') i++;
  return i;
}

function previous(tokens: Token[], i: number): number {
  while (i >= 0 && tokens[i]!.kind === 'space') i--;
  return i;
}

/** The index of the `)` closing the `(` at `open`. */
function closing(tokens: Token[], open: number): number {
  let depth = 0;
  for (let i = open; i < tokens.length; i++) {
    if (punct(tokens[i], '(')) depth++;
    else if (punct(tokens[i], ')') && --depth === 0) return i;
  }
  return tokens.length - 1;
}

/** Whether a comma stands between the `(` at `open` and its `)` outside any inner parentheses: more than one argument. */
function hasTopComma(tokens: Token[], open: number, close: number): boolean {
  let depth = 0;
  for (let i = open + 1; i < close; i++) {
    if (punct(tokens[i], '(')) depth++;
    else if (punct(tokens[i], ')')) depth--;
    else if (depth === 0 && punct(tokens[i], ',')) return true;
  }
  return false;
}

const CLAUSE_ENDS = new Set(['LIMIT', 'OFFSET', 'UNION', 'EXCEPT', 'INTERSECT']);
// Words after a subquery's `)` that mean it has no alias.
const NOT_AN_ALIAS = new Set(['WHERE', 'GROUP', 'ORDER', 'LIMIT', 'OFFSET', 'UNION', 'EXCEPT', 'INTERSECT', 'JOIN', 'LEFT', 'INNER', 'CROSS', 'ON', 'USING', 'HAVING', 'WINDOW']);

/** Translates one SQLite statement, or several separated by `;`, into PostgreSQL's SQL. */
export function toPostgres(sql: string): Translated {
  const tokens = tokenize(sql);
  const names: string[] = [];
  let positional = 0;
  let subqueries = 0;
  let table: string | null = null;
  const appendAtEnd = new Map<number, string>();

  const endOfStatement = (from: number) => {
    let depth = 0;
    for (let i = from; i < tokens.length; i++) {
      if (punct(tokens[i], '(')) depth++;
      else if (punct(tokens[i], ')')) depth--;
      else if (depth === 0 && punct(tokens[i], ';')) return i;
    }
    return tokens.length;
  };

  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind === 'param') {
      if (t.text === '?') t.text = `$${++positional}`;
      else {
        const name = t.text.slice(1);
        let index = names.indexOf(name);
        if (index === -1) index = names.push(name) - 1;
        t.text = `$${index + 1}`;
      }
      continue;
    }
    if (t.kind !== 'word') continue;
    const upper = t.text.toUpperCase();
    if (upper === 'WITHOUT' && is(tokens[next(tokens, i + 1)], 'ROWID')) {
      for (let j = i; j <= next(tokens, i + 1); j++) tokens[j]!.text = '';
    } else if (upper === 'INTEGER') {
      t.text = 'BIGINT';
    } else if (upper === 'TEMP' && punct(tokens[i + 1], '.')) {
      t.text = 'pg_temp';
    } else if (upper === 'BEGIN' && is(tokens[next(tokens, i + 1)], 'IMMEDIATE')) {
      const j = next(tokens, i + 1);
      tokens[j]!.text = '';
      tokens[i + 1]!.text = tokens[i + 1]!.kind === 'space' ? '' : tokens[i + 1]!.text;
    } else if (upper === 'INSERT') {
      let j = next(tokens, i + 1);
      let conflict: 'ignore' | 'replace' | null = null;
      if (is(tokens[j], 'OR')) {
        const k = next(tokens, j + 1);
        conflict = is(tokens[k], 'IGNORE') ? 'ignore' : 'replace';
        for (let m = i + 1; m <= k; m++) tokens[m]!.text = '';
        tokens[i]!.text = 'INSERT ';
        j = next(tokens, k + 1);
      }
      // j is INTO
      const nameAt = next(tokens, j + 1);
      table = tokens[nameAt]!.text;
      if (conflict !== null) {
        const end = endOfStatement(nameAt);
        let clause = ' ON CONFLICT DO NOTHING';
        if (conflict === 'replace') {
          const open = next(tokens, nameAt + 1);
          const close = closing(tokens, open);
          const columns = tokens.slice(open + 1, close).filter((c) => c.kind === 'word' || c.kind === 'ident').map((c) => c.text);
          clause = ` ON CONFLICT ON CONSTRAINT ${table}_pkey DO UPDATE SET ${columns.map((c) => `${c} = excluded.${c}`).join(', ')}`;
        }
        appendAtEnd.set(end, (appendAtEnd.get(end) ?? '') + clause);
      }
    } else if (upper === 'CONFLICT' && table !== null) {
      const j = next(tokens, i + 1);
      if (is(tokens[j], 'DO') && is(tokens[next(tokens, j + 1)], 'UPDATE')) {
        t.text = `CONFLICT ON CONSTRAINT ${table}_pkey`;
        qualifySet(tokens, next(tokens, next(tokens, j + 1) + 1), table, endOfStatement(j));
      }
    } else if ((upper === 'MAX' || upper === 'MIN') && punct(tokens[i + 1], '(')) {
      const close = closing(tokens, i + 1);
      if (hasTopComma(tokens, i + 1, close)) t.text = upper === 'MAX' ? 'GREATEST' : 'LEAST';
    } else if (upper === 'INSTR' && punct(tokens[i + 1], '(')) {
      t.text = 'strpos';
    } else if (upper === 'AS') {
      const j = next(tokens, i + 1);
      const alias = tokens[j];
      if (alias?.kind === 'word') {
        if (/[A-Z]/.test(alias.text) && alias.text !== alias.text.toUpperCase()) alias.text = `"${alias.text}"`;
      }
    } else if (upper === 'FROM' || upper === 'JOIN') {
      const open = next(tokens, i + 1);
      if (!punct(tokens[open], '(')) continue;
      const close = closing(tokens, open);
      const after = tokens[next(tokens, close + 1)];
      const aliased = after !== undefined && ((after.kind === 'word' && !NOT_AN_ALIAS.has(after.text.toUpperCase())) || after.kind === 'ident');
      if (!aliased) tokens[close]!.text = `) AS subquery_${++subqueries}`;
    } else if (upper === 'ORDER' && is(tokens[next(tokens, i + 1)], 'BY')) {
      orderNulls(tokens, next(tokens, i + 1) + 1);
    }
  }
  const text = tokens.map((t, i) => (appendAtEnd.has(i) ? appendAtEnd.get(i)! + t.text : t.text)).join('') + (appendAtEnd.get(tokens.length) ?? '');
  return { text, names: names.length > 0 ? names : null };
}

/** In `SET a = expr, b = expr` up to `end`: a bare name of a column being set, in an expr, is the table's (not `excluded.`'s). */
function qualifySet(tokens: Token[], setAt: number, table: string, end: number): void {
  const targets = new Set<string>();
  let depth = 0;
  for (let i = setAt + 1; i < end; i++) {
    const t = tokens[i]!;
    if (punct(t, '(')) depth++;
    else if (punct(t, ')')) depth--;
    else if (depth === 0 && t.kind === 'word' && punct(tokens[next(tokens, i + 1)], '=') && (i === setAt + 1 || punct(tokens[previous(tokens, i - 1)], ',') || is(tokens[previous(tokens, i - 1)], 'SET'))) {
      targets.add(t.text);
      i = next(tokens, i + 1);
    } else if (t.kind === 'word' && targets.has(t.text) && !punct(tokens[i - 1], '.') && !punct(tokens[i + 1], '(')) {
      t.text = `${table}.${t.text}`;
    }
  }
}

/** The items of the ORDER BY whose first token is at `from`: NULL sorts as in SQLite. */
function orderNulls(tokens: Token[], from: number): void {
  let depth = 0;
  let last = -1;
  let descending = false;
  const finish = () => {
    if (last === -1) return;
    tokens[last]!.text += descending ? ' NULLS LAST' : ' NULLS FIRST';
    last = -1;
    descending = false;
  };
  for (let i = from; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (punct(t, '(')) depth++;
    else if (punct(t, ')')) {
      if (depth === 0) return finish();
      depth--;
    } else if (depth === 0 && (punct(t, ';') || (t.kind === 'word' && CLAUSE_ENDS.has(t.text.toUpperCase())))) return finish();
    else if (depth === 0 && punct(t, ',')) {
      finish();
      continue;
    }
    if (t.kind === 'space') continue;
    if (depth === 0 && is(t, 'DESC')) descending = true;
    last = i;
  }
  finish();
}
