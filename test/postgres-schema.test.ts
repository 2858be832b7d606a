import { join } from 'node:path';
import Database from 'better-sqlite3';
import { expect, it } from 'vitest';
import { openDatabase, SCHEMA_VERSION } from '../src/store/database.js';
import { describeWithPostgres, freshPostgresDatabase, psql, tempDir } from './helpers.js';

interface Shape {
  /** Each table's and view's columns in order, a table's key columns after a '|'. */
  relations: Record<string, string>;
  version: string;
}

function sqliteShape(path: string): Shape {
  const db = new Database(path, { readonly: true });
  const names = db.prepare("SELECT name FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite!_%' ESCAPE '!' ORDER BY name").pluck().all() as string[];
  const relations: Record<string, string> = {};
  for (const name of names) {
    const columns = db.prepare('SELECT name, pk FROM pragma_table_info(?) ORDER BY cid').all(name) as { name: string; pk: number }[];
    const key = columns.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk);
    relations[name] = `${columns.map((c) => c.name).join(',')}|${key.map((c) => c.name).join(',')}`;
  }
  const version = db.prepare("SELECT value FROM meta WHERE key = 'schema_version'").pluck().get() as string;
  db.close();
  return { relations, version };
}

function postgresShape(url: string): Shape {
  const rows = psql(
    url,
    `SELECT c.table_name, string_agg(c.column_name, ',' ORDER BY c.ordinal_position),
       coalesce((SELECT string_agg(a.attname, ',' ORDER BY array_position(i.indkey, a.attnum)) FROM pg_index i
         JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)
         WHERE i.indrelid = to_regclass(c.table_name) AND i.indisprimary), '')
     FROM information_schema.columns c WHERE c.table_schema = 'public' GROUP BY c.table_name ORDER BY c.table_name`,
  );
  const relations = Object.fromEntries(rows.split('\n').map((row) => row.split('|')).map(([name, columns, key]) => [name!, `${columns}|${key}`]));
  return { relations, version: psql(url, "SELECT value FROM meta WHERE key = 'schema_version'") };
}

describeWithPostgres('schema.sql and schema.postgres.sql', () => {
  it('describe the same tables and views, with the same columns and keys, at the same version', async () => {
    const path = join(tempDir(true), 'shape.db');
    openDatabase(path).close();
    const url = await freshPostgresDatabase();
    openDatabase(url).close();
    const sqlite = sqliteShape(path);
    const postgres = postgresShape(url);
    expect(postgres.relations).toEqual(sqlite.relations);
    expect(Object.keys(sqlite.relations)).toContain('failed_messages');
    expect(sqlite.relations.party_rows).toBe('day,host,mta,role,party,count,bytes,source_id|day,host,mta,role,party,source_id');
    expect([sqlite.version, postgres.version]).toEqual([String(SCHEMA_VERSION), String(SCHEMA_VERSION)]);
  });
});
