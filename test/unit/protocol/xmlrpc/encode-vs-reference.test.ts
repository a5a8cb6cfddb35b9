// The one-pass encoder (encodeMethodResponseBytes, which the daemon sends, and the string
// functions built on the same writer) against the encoder it replaced (reference-encoder.ts),
// byte for byte, and refusal for refusal.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { encodeFault, encodeMethodCall, encodeMethodResponse, encodeMethodResponseBytes, toXmlRpcValue, type XmlRpcValue } from '../../../../packages/protocol/src/index.js';
import { createRng as makeRng } from '../../../helpers/ini-grammar.js';
import { referenceCall, referenceCheck, referenceFault, referenceResponse } from './reference-encoder.js';

const PIECES = ['a', 'web', ' ', '', '&', '<', '>', '&amp;', ']]>', '\r', '\n', '\t', '\x00', '\x1b[31m', '\x7f', '\u0085', '\u00e9', '\u4e2d',
  '\u{1f600}', '\ud800', '\udc00', '\ufffe', '\uffff', '\ufffd', '"', "'", '%(x)s'];
const INTS = [0, -0, 1, -1, 42, 2147483647, -2147483648, 1_700_000_000];
const DOUBLES = [0.5, -2.5, 2 ** 40 + 0.5, 1.5e-5, 1e-7, 123.456, NaN, Infinity, -Infinity, 5e-324, 1.7976931348623157e308];

function genValue(r: () => number, depth = 0): unknown {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(r() * items.length)]!;
  switch (Math.floor(r() * (depth > 3 ? 6 : 9))) {
    case 0:
    case 1: {
      let s = '';
      for (let n = Math.floor(r() * 6); n > 0; n--) s += pick(PIECES);
      return s;
    }
    case 2:
      return pick(INTS);
    case 3:
      return pick(DOUBLES);
    case 4:
      return r() < 0.5;
    case 5:
      return Buffer.from(pick([[0x61, 0xff, 0x62], [0xe2, 0x82], [0xef, 0xbb, 0xbf, 0x41], [0xc3, 0xa9, 0x3c], []]));
    case 6:
      return Array.from({ length: Math.floor(r() * 4) }, () => genValue(r, depth + 1));
    default: {
      const out: Record<string, unknown> = r() < 0.2 ? (Object.create(null) as Record<string, unknown>) : {};
      for (let n = Math.floor(r() * 5); n > 0; n--) out[pick(['name', 'k<&>', '\u00e9t\u00e9', '', 'x\x01', 'pid', String(n)])] = genValue(r, depth + 1);
      return out;
    }
  }
}

type Encoded = { ok: true; bytes: Buffer } | { ok: false; error: string };

// The daemon's path: the chunks, joined, and checked against the byte count they claim.
function ours(value: unknown): Encoded {
  const r = encodeMethodResponseBytes(value);
  if (!r.ok) return r;
  const bytes = Buffer.concat(r.chunks);
  assert.equal(bytes.length, r.byteLength);
  assert.ok(r.chunks.every((c) => c.byteLength > 0), 'no empty chunks');
  return { ok: true, bytes };
}

function reference(value: unknown): Encoded {
  const r = referenceResponse(value);
  return r.ok ? { ok: true, bytes: Buffer.from(r.xml, 'utf8') } : r;
}

function processInfos(n: number): unknown[] {
  return Array.from({ length: n }, (_, i) => {
    const name = `prog_${String(i).padStart(3, '0')}`;
    return {
      name, group: 'prog', start: 1_700_000_000, stop: i % 2 ? 0 : 1_700_000_100, now: 1_700_000_200, state: 20, statename: 'RUNNING',
      spawnerr: i % 7 ? '' : 'can\'t find command "/nope" <&>', exitstatus: i % 3, logfile: `/var/log/t\u00e9nd/${name}-stdout.log`,
      stdout_logfile: `/var/log/t\u00e9nd/${name}-stdout.log`, stderr_logfile: '', pid: 10_000 + i, description: `pid ${10_000 + i}, uptime 0:03:20`,
    };
  });
}

test('responses are byte-identical to the old encoder on a getAllProcessInfo-like result', () => {
  for (const n of [0, 1, 300, 1000]) {
    const value = processInfos(n);
    assert.deepEqual(ours(value), reference(value), `${n} processes`);
  }
  // 1000 of them are ~1.3 MiB: several chunks, so the chunk boundaries are covered.
  const r = encodeMethodResponseBytes(processInfos(1000));
  assert.ok(r.ok && r.chunks.length > 2, `${r.ok ? r.chunks.length : r.error} chunks`);
});

test('one string larger than a chunk, and multi-byte text across flushes', () => {
  const big = 'x\u00e9<\u4e2d\u{1f600}&'.repeat(200_000);
  const cases: unknown[] = [big, [big, 'tail'], Array.from({ length: 5000 }, (_, i) => `\u00e9${i}\u4e2d`)];
  for (const v of cases) assert.deepEqual(ours(v), reference(v));
});

test('the string form is the same text', () => {
  const value = processInfos(50);
  const r = referenceResponse(value);
  assert.ok(r.ok);
  assert.equal(encodeMethodResponse(value as XmlRpcValue), r.xml);
  assert.throws(() => encodeMethodResponse([1, null] as never), { name: 'TypeError', message: /\[1\]: cannot encode a value of type null/ });
});

test('responses are byte-identical to the old encoder on hand-picked values', () => {
  const cases: unknown[] = [
    '', 'a<b>&c', '\x1b[31mred\x1b[0m\r\n', '\ud800x\udc00 \ud83d\ude00 \ufffe\uffff', 'h\u00e9llo \u4e2d', 0, -0, 2147483647, -2147483648,
    0.1, NaN, -Infinity, true, false, [], {}, [[], [[]], {}], { a: { b: { c: ['d'] } } }, Buffer.from([0x61, 0xff, 0xfe, 0x62]),
    new Uint8Array([0xe2, 0x82, 0xac, 0x0d]), JSON.parse('{"__proto__": {"x": 1}, "y": [1, "2"]}'), Object.assign(Object.create(null) as object, { k: 'v' }),
    { 'k<\x01': 1, '': '' },
  ];
  for (const v of cases) assert.deepEqual(ours(v), reference(v), JSON.stringify(v));
});

test('responses are byte-identical to the old encoder on 3000 generated values', () => {
  const r = makeRng(6);
  let encodable = 0;
  for (let i = 0; i < 3000; i++) {
    const v = genValue(r);
    const encoded = ours(v);
    assert.deepEqual(encoded, reference(v), `value ${i}`);
    if (encoded.ok) encodable++;
  }
  assert.ok(encodable > 2900, `only ${encodable} values were encodable`);
});

test('refusals name the same place and reason as before', () => {
  const cyclic: unknown[] = [1];
  cyclic.push({ back: cyclic });
  let deep: unknown = 'x';
  for (let i = 0; i < 100; i++) deep = [deep];
  const cases: unknown[] = [
    undefined, null, () => 1, 10n, Symbol('s'), new Map(), new Date(0), new (class Custom {})(), [1, { start: 2 ** 31 }], { a: [0, -(2 ** 31) - 1] },
    { f: () => 1 }, { x: [1, 2, null] }, cyclic, deep, [{ ok: 1 }, { nested: { deeper: undefined } }],
  ];
  for (const v of cases) {
    const expected = reference(v);
    assert.ok(!expected.ok);
    assert.deepEqual(ours(v), expected, String(v));
    assert.deepEqual(toXmlRpcValue(v), referenceCheck(v));
  }
});

test('toXmlRpcValue gives the same checked copy as before', () => {
  const r = makeRng(7);
  for (let i = 0; i < 500; i++) {
    const v = genValue(r);
    assert.deepEqual(toXmlRpcValue(v), referenceCheck(v), `value ${i}`);
  }
});

test('method calls and faults are byte-identical to the old encoder', () => {
  const r = makeRng(8);
  for (let i = 0; i < 300; i++) {
    const params = Array.from({ length: Math.floor(r() * 4) }, () => genValue(r)).filter((p) => referenceCheck(p).ok);
    const checked = params.map((p) => (referenceCheck(p) as { value: XmlRpcValue }).value);
    assert.equal(encodeMethodCall('supervisor.x<&>', checked), referenceCall('supervisor.x<&>', checked));
    const text = PIECES.slice(i % PIECES.length).join('');
    assert.equal(encodeFault(i, text), referenceFault(i, text));
  }
});
