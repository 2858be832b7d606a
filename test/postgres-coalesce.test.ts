import { describe, expect, it } from 'vitest';
import { coalesceUpserts } from '../src/store/postgres/coalesce.js';
import type { StatementCall } from '../src/store/postgres/protocol.js';

const UPSERT = 'INSERT INTO party_rows (day, host, mta, role, party, source_id, count, bytes) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT ON CONSTRAINT party_rows_pkey DO UPDATE SET count = party_rows.count + excluded.count';
const KEY = ['day', 'host', 'mta', 'role', 'party', 'source_id'];
const keys = () => KEY;
const row = (party: number, count = 1): StatementCall => ({ text: UPSERT, params: [20000, 1, 1, 3, party, 7, count, 100], raw: false });

describe('coalescing upserts', () => {
  it('merges consecutive upserts of distinct keys into one statement of many rows, parameters renumbered', () => {
    const { calls, members } = coalesceUpserts([row(1), row(2), row(3)], keys);
    expect(members).toEqual([3]);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.text).toContain('VALUES ($1, $2, $3, $4, $5, $6, $7, $8), ($9, $10, $11, $12, $13, $14, $15, $16), ($17, $18, $19, $20, $21, $22, $23, $24) ON CONFLICT');
    expect(calls[0]!.params).toEqual([...row(1).params, ...row(2).params, ...row(3).params]);
  });

  it('starts a new statement where a key repeats: PostgreSQL updates a row once per statement', () => {
    const { calls, members } = coalesceUpserts([row(1, 1), row(2), row(1, 5)], keys);
    expect(members).toEqual([2, 1]);
    expect(calls[1]!.params).toEqual(row(1, 5).params);
  });

  it('keeps other statements, and their order, between the runs it merges', () => {
    const other: StatementCall = { text: 'UPDATE message_rows SET fate = $1 WHERE queue_id = $2', params: [5, 'A1'], raw: false };
    const { calls, members } = coalesceUpserts([row(1), row(2), other, row(3)], keys);
    expect(members).toEqual([2, 1, 1]);
    expect(calls[1]).toBe(other);
    expect(calls[2]!.params).toEqual(row(3).params);
  });

  it('renumbers around a literal in the row and reads the key from it', () => {
    const text = 'INSERT INTO message_rows (mta, host, queue_id, attempts, fate) VALUES ($1, $2, $3, 1, $4) ON CONFLICT ON CONSTRAINT message_rows_pkey DO UPDATE SET attempts = message_rows.attempts + 1';
    const call = (queueId: string): StatementCall => ({ text, params: [1, 2, queueId, 6], raw: false });
    const { calls } = coalesceUpserts([call('A'), call('B')], () => ['mta', 'host', 'queue_id']);
    expect(calls[0]!.text).toContain('VALUES ($1, $2, $3, 1, $4), ($5, $6, $7, 1, $8) ON CONFLICT');
  });

  it('leaves alone an insert that is no upsert, and an upsert whose update has parameters of its own', () => {
    const plain: StatementCall = { text: 'INSERT INTO runs (started) VALUES ($1)', params: ['x'], raw: false };
    const own: StatementCall = { text: 'INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT ON CONSTRAINT meta_pkey DO UPDATE SET value = $3', params: ['a', 'b', 'c'], raw: false };
    expect(coalesceUpserts([plain, plain, own, own], () => ['key']).members).toEqual([1, 1, 1, 1]);
  });
});
