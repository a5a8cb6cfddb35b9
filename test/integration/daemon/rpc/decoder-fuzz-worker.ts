// The decoder fuzz loop, run in a worker thread by decoder-fuzz.test.ts: case `index` of a
// seeded suite goes through the XML-RPC or JSON-RPC decoders and, when it decodes to a call,
// through dispatch (every method of the table has a handler) and back through the encoders.
// The worker posts `begin` / `end` around each case, so the parent can tell a hang from
// slowness, and `violation` for anything that breaks a rule:
//   - no decoder, dispatch or encoder call may throw;
//   - every answer must be well-formed (a call, or a refusal with a reason; a value, or a
//     FaultError with a known code);
//   - hostile inputs (DOCTYPE, entity tricks, deep nesting, bad characters) must be refused.
import { parentPort, workerData } from 'node:worker_threads';
import {
  decodeJsonRpcRequest,
  decodeMethodCall,
  decodeMethodResponse,
  encodeFault,
  encodeJsonRpcResponse,
  encodeMethodResponse,
  FaultError,
  Faults,
  jsonRpcFault,
  jsonRpcResult,
  METHODS,
  toJsonValue,
  toXmlRpcValue,
} from '@tend/protocol';
import { createDispatcher, type Handler } from '../../../../packages/daemon/src/rpc/dispatch.js';
import { genCall, hostileCall, makeRng, mutate, pick, type Rng } from './xmlrpc-corpus.js';

export const CATEGORIES = ['xml-generated', 'xml-mutated', 'xml-hostile', 'xml-soup', 'xml-response', 'json-generated', 'json-mutated', 'json-hostile'] as const;
export type Category = (typeof CATEGORIES)[number];

export interface FuzzJob {
  readonly seed: number;
  readonly from: number;
  readonly to: number;
}

export type FuzzMessage =
  | { readonly kind: 'begin'; readonly index: number; readonly category: Category }
  | { readonly kind: 'end'; readonly index: number; readonly category: Category; readonly refused: boolean; readonly dispatched: boolean }
  | { readonly kind: 'violation'; readonly index: number; readonly category: Category; readonly problem: string; readonly input: string }
  | { readonly kind: 'done' };

const silentLog = { critical: () => undefined, error: () => undefined, warn: () => undefined, info: () => undefined, debug: () => undefined, trace: () => undefined };

// Every method gets a handler that echoes its arguments, fails now and then, or returns
// something no codec can carry.
function handlers(r: Rng): Map<string, Handler> {
  const out = new Map<string, Handler>();
  for (const m of METHODS) {
    if (m.name.startsWith('system.')) continue;
    out.set(m.name, async (params) => {
      const roll = r();
      if (roll < 0.05) throw new FaultError('BAD_NAME', String(params[0]));
      if (roll < 0.07) throw new Error('handler bug');
      if (roll < 0.09) return undefined;
      if (roll < 0.1) return 2 ** 40;
      return [...params];
    });
  }
  return out;
}

function caseRng(seed: number, index: number): Rng {
  return makeRng((seed ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0);
}

const SOUP = ['<', '>', '</', '/>', 'value', 'struct', 'member', 'name', 'array', 'data', 'int', 'string', 'methodCall', 'methodName', 'params', 'param', '&amp;', '&#', ';', '"', ' ', '\n', 'x', '=', '<?xml', '?>', '<!--', '-->', '<![CDATA[', ']]>', '\u00e9', '\x00', '\ud83d'];

function soup(r: Rng): string {
  let s = '';
  for (let i = Math.floor(r() * 60); i > 0; i--) s += pick(r, SOUP);
  return s;
}

function genJsonValue(r: Rng, depth = 0): unknown {
  switch (Math.floor(r() * (depth > 3 ? 6 : 8))) {
    case 0:
      return pick(r, ['web', '', 'g:*', 'HUP', '\u0000\u001b', 'x'.repeat(Math.floor(r() * 50))]);
    case 1:
      return Math.floor((r() - 0.5) * 1e6);
    case 2:
      return r() * 10;
    case 3:
      return r() < 0.5;
    case 4:
      return null;
    case 5:
      return pick(r, [2 ** 53, -0, 1e308, -1]);
    case 6:
      return Array.from({ length: Math.floor(r() * 4) }, () => genJsonValue(r, depth + 1));
    default:
      return Object.fromEntries(Array.from({ length: Math.floor(r() * 3) }, () => [pick(r, ['methodName', 'params', 'a', '__proto__']), genJsonValue(r, depth + 1)]));
  }
}

function genJsonRequest(r: Rng): string {
  const one = (): unknown => ({
    jsonrpc: r() < 0.95 ? '2.0' : '1.0',
    method: r() < 0.9 ? pick(r, METHODS).name : pick(r, ['nosuch.x', '', 'system.multicall', '__proto__']),
    ...(r() < 0.9 ? { params: Array.from({ length: Math.floor(r() * 4) }, () => genJsonValue(r)) } : {}),
    ...(r() < 0.9 ? { id: pick(r, [1, 'a', null, 2.5]) } : {}),
  });
  return JSON.stringify(r() < 0.15 ? Array.from({ length: 1 + Math.floor(r() * 3) }, one) : one());
}

function jsonHostile(r: Rng): string {
  const depth = 65 + Math.floor(r() * 100_000);
  return pick(r, [
    `${'['.repeat(depth)}${']'.repeat(depth)}`,
    `{"jsonrpc":"2.0","method":"supervisor.getPID","params":${'['.repeat(depth)}${']'.repeat(depth)},"id":1}`,
    `{"jsonrpc":"2.0","method":"system.multicall","params":[${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}],"id":1}`,
    '[]',
    `[${'1,'.repeat(1000)}1]`,
    '{"jsonrpc":"2.0","method":"supervisor.getPID","params":{"a":1},"id":1}',
  ]);
}

interface Outcome {
  readonly refused: boolean;
  readonly dispatched: boolean;
}

export async function runCase(seed: number, index: number, fail: (problem: string) => void): Promise<{ category: Category; input: string; run: () => Promise<Outcome> }> {
  const r = caseRng(seed, index);
  const category = CATEGORIES[index % CATEGORIES.length]!;
  let running = r() < 0.8;
  const dispatch = createDispatcher({ handlers: handlers(r), isRunning: () => running, log: silentLog });

  const checkDispatch = async (method: string, params: unknown[]): Promise<{ ok: boolean; value?: unknown; fault?: FaultError }> => {
    running = r() < 0.8;
    const res = await dispatch(method, params);
    if (res.ok) return { ok: true, value: res.value };
    if (!(res.fault instanceof FaultError) || !Object.values(Faults).includes(res.fault.code as never)) fail(`dispatch answered a malformed fault: ${String(res.fault)}`);
    return { ok: false, fault: res.fault };
  };

  const xmlCall = async (input: string, mustRefuse: boolean): Promise<Outcome> => {
    const decoded = decodeMethodCall(r() < 0.5 ? input : Buffer.from(input));
    if (!decoded.ok) {
      if (typeof decoded.error !== 'string' || (decoded.reason !== 'unmarshallable' && decoded.reason !== 'no method name')) fail(`malformed refusal ${JSON.stringify(decoded)}`);
      return { refused: true, dispatched: false };
    }
    if (mustRefuse) fail(`hostile input accepted as ${JSON.stringify(decoded).slice(0, 200)}`);
    if (typeof decoded.method !== 'string' || !Array.isArray(decoded.params)) fail('malformed call');
    const res = await checkDispatch(decoded.method, decoded.params);
    // The server's path: check, encode, and the client's decode of it must succeed.
    let body: string;
    if (res.ok) {
      const v = toXmlRpcValue(res.value);
      body = v.ok ? encodeMethodResponse(v.value) : encodeFault(30, `FAILED: ${v.error}`);
    } else body = encodeFault(res.fault!.code, res.fault!.message);
    const back = decodeMethodResponse(body);
    if (back.kind === 'error') fail(`our own response does not decode: ${back.error}`);
    return { refused: false, dispatched: true };
  };

  const jsonCall = async (input: string, mustRefuse: boolean): Promise<Outcome> => {
    const decoded = decodeJsonRpcRequest(r() < 0.5 ? input : Buffer.from(input));
    if (!decoded.ok) {
      if (!('error' in decoded.response) || typeof decoded.response.error.code !== 'number') fail('malformed JSON-RPC error');
      return { refused: true, dispatched: false };
    }
    const entries = decoded.batch ? decoded.entries : [decoded.entry];
    let dispatched = false;
    for (const entry of entries) {
      if (!entry.ok) continue;
      if (mustRefuse && entry.call.method === 'supervisor.getPID') fail('hostile JSON accepted');
      const res = await checkDispatch(entry.call.method, entry.call.params);
      dispatched = true;
      const response = res.ok ? (() => {
        const v = toJsonValue(res.value);
        return v.ok ? jsonRpcResult(entry.call.id, v.value) : jsonRpcFault(entry.call.id, new FaultError('FAILED', v.error));
      })() : jsonRpcFault(entry.call.id, res.fault!);
      JSON.parse(encodeJsonRpcResponse(response));
    }
    return { refused: !dispatched, dispatched };
  };

  let input: string;
  let run: () => Promise<Outcome>;
  switch (category) {
    case 'xml-generated':
      input = genCall(r);
      run = () => xmlCall(input, false);
      break;
    case 'xml-mutated':
      input = mutate(r, genCall(r));
      run = () => xmlCall(input, false);
      break;
    case 'xml-hostile':
      input = hostileCall(r);
      run = () => xmlCall(input, true);
      break;
    case 'xml-soup':
      input = soup(r);
      run = () => xmlCall(input, false);
      break;
    case 'xml-response': {
      const value = toXmlRpcValue(JSON.parse(JSON.stringify(genJsonValue(r) ?? 'x').replace(/null/g, '0')));
      input = mutate(r, encodeMethodResponse(value.ok ? value.value : 'x'));
      run = async () => {
        const d = decodeMethodResponse(input);
        if (d.kind !== 'value' && d.kind !== 'fault' && d.kind !== 'error') fail('malformed response decode');
        return { refused: d.kind === 'error', dispatched: false };
      };
      break;
    }
    case 'json-generated':
      input = genJsonRequest(r);
      run = () => jsonCall(input, false);
      break;
    case 'json-mutated':
      input = mutate(r, genJsonRequest(r));
      run = () => jsonCall(input, false);
      break;
    default:
      input = jsonHostile(r);
      run = () => jsonCall(input, input.startsWith('{') && input.includes('getPID'));
  }
  return { category, input, run };
}

async function main(job: FuzzJob): Promise<void> {
  const port = parentPort!;
  for (let index = job.from; index < job.to; index++) {
    let problem: string | null = null;
    const fail = (p: string): void => {
      problem ??= p;
    };
    const c = await runCase(job.seed, index, fail);
    port.postMessage({ kind: 'begin', index, category: c.category } satisfies FuzzMessage);
    let outcome: Outcome = { refused: false, dispatched: false };
    try {
      outcome = await c.run();
    } catch (err) {
      fail(`threw ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    }
    if (problem !== null) port.postMessage({ kind: 'violation', index, category: c.category, problem, input: c.input.slice(0, 2000) } satisfies FuzzMessage);
    port.postMessage({ kind: 'end', index, category: c.category, ...outcome } satisfies FuzzMessage);
  }
  port.postMessage({ kind: 'done' } satisfies FuzzMessage);
}

if (parentPort !== null && workerData !== null && typeof workerData === 'object' && 'job' in workerData) {
  void main((workerData as { job: FuzzJob }).job);
}
