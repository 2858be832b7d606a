// Each rule of the translation from SQLite's SQL to PostgreSQL's, alone
// (src/store/postgres/dialect.ts lists them), and what it must leave alone.

import { describe, expect, it } from 'vitest';
import { toPostgres } from '../src/store/postgres/dialect.js';

const text = (sql: string) => toPostgres(sql).text;

describe('toPostgres', () => {
  it('numbers `?` parameters in order and says they are positional', () => {
    expect(toPostgres('SELECT * FROM t WHERE a = ? AND b = ?')).toEqual({ text: 'SELECT * FROM t WHERE a = $1 AND b = $2', names: null });
  });

  it('numbers `@name` parameters, one number for a name used twice, and lists the names', () => {
    expect(toPostgres('SELECT * FROM t WHERE a = @x AND b = @y OR c = @x')).toEqual({ text: 'SELECT * FROM t WHERE a = $1 AND b = $2 OR c = $1', names: ['x', 'y'] });
  });

  it('turns INSERT OR IGNORE into ON CONFLICT DO NOTHING at the end of its statement', () => {
    expect(text('INSERT OR IGNORE INTO strings (value) VALUES (?); SELECT 1')).toBe('INSERT  INTO strings (value) VALUES ($1) ON CONFLICT DO NOTHING; SELECT 1');
  });

  it('turns INSERT OR REPLACE into an update of every inserted column on a conflict of the primary key', () => {
    expect(text('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)')).toBe(
      'INSERT  INTO meta (key, value) VALUES ($1, $2) ON CONFLICT ON CONSTRAINT meta_pkey DO UPDATE SET key = excluded.key, value = excluded.value',
    );
  });

  it("names the primary key of ON CONFLICT DO UPDATE and the table's own column in its SET", () => {
    expect(text('INSERT INTO causes_daily (day, cause, count) VALUES (?, ?, ?) ON CONFLICT DO UPDATE SET count = count + excluded.count')).toBe(
      'INSERT INTO causes_daily (day, cause, count) VALUES ($1, $2, $3) ON CONFLICT ON CONSTRAINT causes_daily_pkey DO UPDATE SET count = causes_daily.count + excluded.count',
    );
  });

  it('turns max and min of two or more values into GREATEST and LEAST, and leaves the aggregates', () => {
    expect(text('SELECT max(a, b), min(a, b, c), max(a), min(a) FROM t')).toBe('SELECT GREATEST(a, b), LEAST(a, b, c), max(a), min(a) FROM t');
  });

  it('turns max of two values with a call inside into GREATEST, the inner commas not counted', () => {
    expect(text('SELECT max(coalesce(a, 0), b) FROM t')).toBe('SELECT GREATEST(coalesce(a, 0), b) FROM t');
  });

  it('turns instr into strpos', () => {
    expect(text("SELECT instr(s, '@') FROM t")).toBe("SELECT strpos(s, '@') FROM t");
  });

  it('casts to BIGINT what SQLite casts to INTEGER, and makes its columns BIGINT', () => {
    expect(text('SELECT CAST(x / 1000 AS INTEGER) FROM t')).toBe('SELECT CAST(x / 1000 AS BIGINT) FROM t');
    expect(text('CREATE TEMP TABLE t (at INTEGER)')).toBe('CREATE TEMP TABLE t (at BIGINT)');
  });

  it('quotes an alias with capitals, and leaves one in lower case', () => {
    expect(text('SELECT count(*) AS nFailed, x AS lower FROM t')).toBe('SELECT count(*) AS "nFailed", x AS lower FROM t');
  });

  it('gives a subquery in FROM an alias', () => {
    expect(text('SELECT n FROM (SELECT 1 AS n) WHERE n > 0')).toBe('SELECT n FROM (SELECT 1 AS n) AS subquery_1 WHERE n > 0');
  });

  it('gives each subquery without one an alias of its own, in JOIN too', () => {
    expect(text('SELECT * FROM (SELECT 1 AS n) JOIN (SELECT 1 AS n) USING (n)')).toBe('SELECT * FROM (SELECT 1 AS n) AS subquery_1 JOIN (SELECT 1 AS n) AS subquery_2 USING (n)');
  });

  it('leaves a subquery that has an alias alone', () => {
    expect(text('SELECT n FROM (SELECT 1 AS n) AS one')).toBe('SELECT n FROM (SELECT 1 AS n) AS one');
    expect(text('SELECT n FROM (SELECT 1 AS n) one WHERE n > 0')).toBe('SELECT n FROM (SELECT 1 AS n) one WHERE n > 0');
  });

  it('sorts NULL first ascending and last descending, as SQLite does', () => {
    expect(text('SELECT a FROM t ORDER BY a, b DESC LIMIT 3')).toBe('SELECT a FROM t ORDER BY a NULLS FIRST, b DESC NULLS LAST LIMIT 3');
  });

  it('sorts NULL as SQLite does in an ORDER BY inside parentheses, up to their end', () => {
    expect(text('SELECT row_number() OVER (ORDER BY a DESC) FROM t')).toBe('SELECT row_number() OVER (ORDER BY a DESC NULLS LAST) FROM t');
  });

  it('turns BEGIN IMMEDIATE into BEGIN', () => {
    expect(text('BEGIN IMMEDIATE')).toBe('BEGIN');
  });

  it('drops WITHOUT ROWID and names the temporary schema pg_temp', () => {
    expect(text('CREATE TEMP TABLE IF NOT EXISTS t (a TEXT, PRIMARY KEY (a)) WITHOUT ROWID; DELETE FROM temp.t')).toBe(
      'CREATE TEMP TABLE IF NOT EXISTS t (a TEXT, PRIMARY KEY (a)) ; DELETE FROM pg_temp.t',
    );
  });

  it('leaves string literals and -- comments alone', () => {
    const sql = "SELECT 'max(a, b) ? @x INSERT OR IGNORE instr(', a FROM t -- max(a, b) ? @y instr(s)\nWHERE a = ?";
    expect(toPostgres(sql)).toEqual({ text: "SELECT 'max(a, b) ? @x INSERT OR IGNORE instr(', a FROM t -- max(a, b) ? @y instr(s)\nWHERE a = $1", names: null });
  });

  it("leaves a quoted identifier and a literal's doubled quote alone", () => {
    expect(text(`SELECT "max" AS "Odd", 'it''s ?' FROM t WHERE a = ?`)).toBe(`SELECT "max" AS "Odd", 'it''s ?' FROM t WHERE a = $1`);
  });
});
