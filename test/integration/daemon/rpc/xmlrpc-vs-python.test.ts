// Differential tests of the XML-RPC codec against Python itself, in one /usr/bin/python3 run:
//   - encoding: encodeMethodResponse / encodeMethodCall / encodeFault byte for byte against
//     xmlrpc.client.dumps, for thousands of generated values;
//   - decoding: decodeMethodCall against supervisor 4.2.5's supervisor_xmlrpc_handler.loads
//     for generated requests full of its quirks, and for mutations of them.
// The seed is random unless TEND_FUZZ_SEED is set; it is printed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeMethodCall, encodeFault, encodeMethodCall, encodeMethodResponse, type XmlRpcDecoded, type XmlRpcValue } from '@tend/protocol';
import { runPythonJson } from '../../../helpers/python-json.js';
import { requireSupervisorPython } from '../../../helpers/reference.js';
import { genCall, makeRng, mutate, pick, type Rng } from './xmlrpc-corpus.js';

const SCRIPT = '../integration/daemon/rpc/xmlrpc-reference.py';

type PyAnswer =
  | { readonly xml: string }
  | { readonly method: string; readonly params: unknown[] }
  | { readonly refused: 'unmarshallable' | 'no method name'; readonly why?: string }
  | { readonly incomparable: string }
  | { readonly crash: string };

function seed(): number {
  const text = process.env['TEND_FUZZ_SEED'];
  return text !== undefined && text !== '' ? Number(text) >>> 0 : (Date.now() ^ (process.pid << 16)) >>> 0;
}

// Python's escape() leaves control characters raw, where tend maps them (text.ts), so the
// byte-for-byte comparison uses text without C0 controls (tab and LF aside) and without CR.
const CHARS = ['a', 'Z', '0', ' ', '\t', '\n', '&', '<', '>', '"', "'", ']]>', '\u00e9', '\u4e2d', '\u{1f600}', '\x7f', '\u0085', '\u2028', '\ufffd', '%', '\\'];

function genText(r: Rng): string {
  let s = '';
  const n = Math.floor(r() * 8);
  for (let i = 0; i < n; i++) s += pick(r, CHARS);
  return s;
}

// A JS number with no fractional part is an <int> (and one of 2^53 or more always has none), so
// doubles are generated below 2^52.
function genDouble(r: Rng): number {
  const n = (r() - 0.5) * 10 ** Math.floor(r() * 36 - 20);
  return Number.isInteger(n) ? (Math.abs(n) < 2 ** 52 ? n + 0.5 : 1.25) : n;
}

function genEncodable(r: Rng, depth = 0): XmlRpcValue {
  switch (Math.floor(r() * (depth > 3 ? 5 : 7))) {
    case 0:
      return genText(r);
    case 1:
      return Math.floor((r() - 0.5) * 2 ** 32) | 0;
    case 2:
      return genDouble(r);
    case 3:
      return r() < 0.5;
    case 4:
      return pick(r, [0, -1, 2147483647, -2147483648, 0.1, 2 ** 51 + 0.5, 1e-7, 123.456, 1.5e-300, -2.5e-5]);
    case 5:
      return Array.from({ length: Math.floor(r() * 4) }, () => genEncodable(r, depth + 1));
    default: {
      const out: Record<string, XmlRpcValue> = {};
      for (let i = Math.floor(r() * 4); i > 0; i--) out[genText(r)] = genEncodable(r, depth + 1);
      return out;
    }
  }
}

/** tend's decoded value in the reference's JSON shape. */
function comparable(v: XmlRpcDecoded): unknown {
  if (typeof v === 'number' && !Number.isFinite(v)) return { $float: Number.isNaN(v) ? 'nan' : v > 0 ? 'inf' : '-inf' };
  if (Array.isArray(v)) return v.map(comparable);
  if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, comparable(x)]));
  return v;
}

test('encoding matches Python xmlrpc.client.dumps byte for byte', async (t) => {
  if (!requireSupervisorPython(t, 'the encoder is compared with Python xmlrpc.client')) return;
  const s = seed();
  t.diagnostic(`seed ${s}`);
  const r = makeRng(s);
  const values = Array.from({ length: 3000 }, () => genEncodable(r));
  // Python does not escape the method name (tend does), so names are plain.
  const calls = Array.from({ length: 500 }, () => ({ method: pick(r, ['supervisor.getVersion', 'a.b', 'system.multicall', 'x_y.z']), params: Array.from({ length: Math.floor(r() * 4) }, () => genEncodable(r)) }));
  const faults = Array.from({ length: 200 }, () => ({ code: Math.floor(r() * 100), string: genText(r) }));
  const cases = [
    ...values.map((value) => ({ kind: 'response', value })),
    ...calls.map((c) => ({ kind: 'call', method: c.method, params: c.params })),
    ...faults.map((f) => ({ kind: 'fault', code: f.code, string: f.string })),
  ];
  const answers = (await runPythonJson(SCRIPT, cases, { timeoutMs: 120_000 })) as PyAnswer[];
  const ours = [
    ...values.map((v) => encodeMethodResponse(v)),
    ...calls.map((c) => encodeMethodCall(c.method, c.params)),
    ...faults.map((f) => encodeFault(f.code, f.string)),
  ];
  let compared = 0;
  answers.forEach((a, i) => {
    assert.ok('xml' in a, `case ${i}: ${JSON.stringify(a)}`);
    assert.equal(ours[i], a.xml, `case ${i} (seed ${s}): ${JSON.stringify(cases[i])}`);
    compared++;
  });
  assert.equal(compared, cases.length);
});

test("decoding matches supervisor's unmarshaller on generated requests and their mutations", async (t) => {
  if (!requireSupervisorPython(t, 'the decoder is compared with supervisor 4.2.5 itself')) return;
  const s = seed();
  t.diagnostic(`seed ${s}`);
  const r = makeRng(s);
  const docs: string[] = [];
  for (let i = 0; i < 3000; i++) docs.push(genCall(r));
  for (let i = 0; i < 3000; i++) docs.push(mutate(r, genCall(r)));
  const answers = (await runPythonJson(SCRIPT, docs.map((xml) => ({ kind: 'loads', xml })), { timeoutMs: 120_000 })) as PyAnswer[];
  const tally = { accepted: 0, refused: 0, incomparable: 0, doctype: 0 };
  const mismatches: string[] = [];
  answers.forEach((a, i) => {
    const xml = docs[i]!;
    assert.ok(!('crash' in a), `reference crashed on ${JSON.stringify(xml)}: ${'crash' in a ? a.crash : ''}`);
    const ours = decodeMethodCall(xml);
    if ('incomparable' in a) {
      // Python made a dict with a non-string key; tend refuses such a struct.
      tally.incomparable++;
      if (ours.ok) mismatches.push(`case ${i}: python has ${a.incomparable}, tend accepted: ${JSON.stringify(xml)}`);
      return;
    }
    if ('refused' in a) {
      tally.refused++;
      if (ours.ok || ours.reason !== a.refused) mismatches.push(`case ${i}: python refused (${a.refused}${a.why ? `, ${a.why}` : ''}), tend ${JSON.stringify(ours)}: ${JSON.stringify(xml)}`);
      return;
    }
    assert.ok('method' in a);
    if (!ours.ok && /DOCTYPE/.test(ours.error)) {
      // Deliberate: expat takes a DOCTYPE, tend refuses every one.
      tally.doctype++;
      return;
    }
    tally.accepted++;
    if (!ours.ok) {
      mismatches.push(`case ${i}: python accepted ${JSON.stringify(a)}, tend refused (${ours.error}): ${JSON.stringify(xml)}`);
      return;
    }
    try {
      assert.deepEqual({ method: ours.method, params: comparable(ours.params) }, { method: a.method, params: a.params });
    } catch {
      mismatches.push(`case ${i}: python ${JSON.stringify(a)}, tend ${JSON.stringify({ method: ours.method, params: comparable(ours.params) })}: ${JSON.stringify(xml)}`);
    }
  });
  t.diagnostic(`accepted by both ${tally.accepted}, refused ${tally.refused}, python-only dict keys ${tally.incomparable}, DOCTYPE (refused by tend only) ${tally.doctype}`);
  assert.ok(tally.accepted > 1000 && tally.refused > 500, JSON.stringify(tally));
  assert.deepEqual(mismatches.slice(0, 10), [], `seed ${s}: ${mismatches.length} mismatches`);
});
