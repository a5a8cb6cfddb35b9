import { test } from 'node:test';
import assert from 'node:assert/strict';
import { stripAnsi } from '../../../../packages/daemon/src/logs/strip-ansi.js';
import { createRandom } from '../../../helpers/python-json.js';
import { requireReference, runLogsReference } from './logs-reference.js';

test('strip_ansi removes exactly what supervisor\'s stripEscapes removes', async (t) => {
  if (!requireReference(t)) return;
  const random = createRandom(99);
  // Bytes that matter to the scan (ESC, '[', terminators, near-terminators) plus arbitrary ones.
  const alphabet = [0x1b, 0x1b, 0x5b, 0x5b, ...Buffer.from('HfABCDRsuJKhlpm'), ...Buffer.from('0;9xyzM?'), 0x00, 0x0a, 0xc3, 0xa9, 0xff];
  const chunks: Buffer[] = [];
  for (let i = 0; i < 500; i++) {
    const length = random.int(40);
    chunks.push(Buffer.from(Array.from({ length }, () => (random.int(5) === 0 ? random.int(256) : random.pick(alphabet)))));
  }
  chunks.push(Buffer.from('\x1b[1;31mred\x1b[0m \x1b[foo \x1b[3'), Buffer.alloc(0), Buffer.from('\x1b'), Buffer.from('\x1b['));
  const answers = await runLogsReference(chunks.map((c) => ({ kind: 'strip', hex: c.toString('hex') })));
  chunks.forEach((chunk, i) => {
    assert.equal(stripAnsi(chunk).toString('hex'), answers[i]!.hex, `chunk ${chunk.toString('hex')}`);
  });
});
