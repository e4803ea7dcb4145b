import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CHAIN_START, canonicalJson, diffFields, docHash, ENTRY_SCHEMA, GENESIS_HASH, sealEntry, verifyChain, verifyHead, verifyLinks, type AuditEntry } from '../../../src/domain/audit-trail';

const entry = (n: number) => ({ at: `2026-11-22T00:00:0${n}.000Z`, actor: 'acc', action: 'save', changes: [{ path: 'a', before: n - 1, after: n }] });

function chain(n: number): AuditEntry[] {
  const out: AuditEntry[] = [];
  let head = { seq: 0, hash: GENESIS_HASH };
  for (let i = 1; i <= n; i++) {
    const e = sealEntry(head, entry(i));
    out.push(e);
    head = e;
  }
  return out;
}

describe('audit trail', () => {
  it('chains entries: each carries the hash of the one before', () => {
    const c = chain(3);
    expect(c.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(c[0]!.prevHash).toBe(GENESIS_HASH);
    expect(c[1]!.prevHash).toBe(c[0]!.hash);
    expect(c[2]!.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(verifyChain(c, { seq: 3, hash: c[2]!.hash })).toEqual({ ok: true, count: 3 });
  });

  it('reports the first broken link when an entry is edited, removed or reordered', () => {
    const c = chain(5);
    const edited = c.map((e) => (e.seq === 3 ? { ...e, actor: 'someone-else' } : e));
    expect(verifyChain(edited)).toMatchObject({ ok: false, seq: 3 });
    const removed = c.filter((e) => e.seq !== 2);
    expect(verifyChain(removed)).toMatchObject({ ok: false, seq: 2 });
    const rehashed = c.map((e) => (e.seq === 4 ? sealEntry({ seq: 3, hash: 'f'.repeat(64) }, entry(4)) : e));
    expect(verifyChain(rehashed)).toMatchObject({ ok: false, seq: 4 });
    // Dropping the newest entry is caught against the record's head.
    expect(verifyChain(c.slice(0, 4), { seq: 5, hash: c[4]!.hash })).toMatchObject({ ok: false, seq: 5 });
  });

  it('hashes canonical JSON: key order does not matter, content does', () => {
    expect(canonicalJson({ b: 1, a: [1, { d: 2, c: 3 }] })).toBe('{"a":[1,{"c":3,"d":2}],"b":1}');
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (o) => {
        const reversed = Object.fromEntries(Object.entries(o).reverse());
        expect(canonicalJson(reversed)).toBe(canonicalJson(o));
      }),
    );
  });

  it('diffs documents field by field', () => {
    expect(diffFields({ a: 1, b: { c: 'x', d: [1] } }, { a: 1, b: { c: 'y', d: [1, 2] }, e: true })).toEqual([
      { path: 'b.c', before: 'x', after: 'y' },
      { path: 'b.d', before: [1], after: [1, 2] },
      { path: 'e', after: true },
    ]);
    expect(diffFields({ a: 1 }, { a: 1 })).toEqual([]);
    // A sub-document that appears or disappears is one change, not one per leaf.
    expect(diffFields({ a: { b: 1 } }, {})).toEqual([{ path: 'a', before: { b: 1 } }]);
  });

  it('verifies a trail in parts, each from where the last stopped', () => {
    const c = chain(6);
    const first = verifyLinks(CHAIN_START, c.slice(0, 4));
    expect(first).toMatchObject({ ok: true, at: { seq: 4, hash: c[3]!.hash } });
    const rest = verifyLinks(first.ok ? first.at : CHAIN_START, c.slice(4));
    expect(rest).toMatchObject({ ok: true, at: { seq: 6 } });
    // A part that does not start where the last ended is a missing entry.
    expect(verifyLinks(first.ok ? first.at : CHAIN_START, c.slice(5))).toMatchObject({ ok: false, seq: 5 });
  });

  it('checks the record against the last entry: its head, its version and its document', () => {
    const doc = { report: { summary: 'Contained' } };
    let head = { seq: 0, hash: GENESIS_HASH };
    const entries: AuditEntry[] = [];
    for (let version = 1; version <= 3; version++) {
      const e = sealEntry(head, { ...entry(version), v: ENTRY_SCHEMA, version, docHash: docHash({ ...doc, version }) });
      entries.push(e);
      head = e;
    }
    const last = entries[2]!;
    const at = { seq: 3, hash: last.hash, version: 3 };
    expect(verifyHead(at, last, { head: { seq: 3, hash: last.hash }, version: 3, doc: { ...doc, version: 3 } })).toEqual({ ok: true });
    // Key order of the stored document does not matter.
    expect(verifyHead(at, last, { head: { seq: 3, hash: last.hash }, version: 3, doc: { version: 3, ...doc } })).toEqual({ ok: true });
    expect(verifyHead(at, last, { head: { seq: 3, hash: last.hash }, version: 3, doc: { ...doc, version: 3, extra: 1 } })).toMatchObject({ ok: false, reason: expect.stringMatching(/document was changed/) });
    // Truncated to entry 2 with the head rewritten to match: the version gives it away.
    const second = entries[1]!;
    expect(verifyHead({ seq: 2, hash: second.hash, version: 2 }, second, { head: { seq: 2, hash: second.hash }, version: 3, doc: { ...doc, version: 3 } })).toMatchObject({ ok: false, seq: 2 });
    // Entries written before the schema carry neither: only the head is checked, as before.
    const old = chain(2);
    expect(verifyHead({ seq: 2, hash: old[1]!.hash }, old[1], { head: { seq: 2, hash: old[1]!.hash }, version: 7, doc: { anything: true } })).toEqual({ ok: true });
  });

  it('refuses record versions that go backwards along the trail', () => {
    const a = sealEntry({ seq: 0, hash: GENESIS_HASH }, { ...entry(1), v: ENTRY_SCHEMA, version: 2, docHash: 'x' });
    const b = sealEntry(a, { ...entry(2), v: ENTRY_SCHEMA, version: 1, docHash: 'y' });
    expect(verifyLinks(CHAIN_START, [a, b])).toMatchObject({ ok: false, seq: 2 });
  });
});
