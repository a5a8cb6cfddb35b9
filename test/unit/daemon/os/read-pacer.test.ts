import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ReadPacer, type ReadPacerOptions } from '../../../../packages/daemon/src/os/read-pacer.js';

const OPTIONS: ReadPacerOptions = { smallBytes: 4096, backToBackMs: 10, waitMs: 1, probeEvery: 4 };

// A clock whose timers fire only when the test says so.
function harness(options = OPTIONS): { pacer: ReadPacer; at: (ms: number) => void; fire: () => void; pending: () => number; resumes: () => number } {
  let now = 1000;
  let timers: Array<{ ms: number; fn: () => void; cancelled: boolean }> = [];
  let resumes = 0;
  const clock = {
    now: () => now,
    setTimer: (ms: number, fn: () => void) => {
      const timer = { ms, fn, cancelled: false };
      timers.push(timer);
      return { cancel: () => { timer.cancelled = true; } };
    },
  };
  const pacer = new ReadPacer(() => { resumes++; }, clock, options);
  return {
    pacer,
    at: (ms) => { now = 1000 + ms; },
    fire: () => {
      const due = timers.filter((t) => !t.cancelled);
      timers = [];
      for (const t of due) {
        assert.equal(t.ms, options.waitMs);
        t.fn();
      }
    },
    pending: () => timers.filter((t) => !t.cancelled).length,
    resumes: () => resumes,
  };
}

test('reads far apart never wait, however small', () => {
  const h = harness();
  for (let i = 0; i < 5; i++) {
    h.at(i * 50);
    assert.equal(h.pacer.afterRead(40), false);
  }
  assert.equal(h.pending(), 0);
});

test('big reads back to back never wait (a program writing 64 KiB chunks is read at full speed)', () => {
  const h = harness();
  for (let i = 0; i < 50; i++) {
    h.at(i * 0.05);
    assert.equal(h.pacer.afterRead(65536), false);
  }
  assert.equal(h.pending(), 0);
});

test('a small read right after another waits waitMs, then reading resumes', () => {
  const h = harness();
  h.at(0);
  assert.equal(h.pacer.afterRead(40), false, 'the first line goes through at once');
  h.at(0.01);
  assert.equal(h.pacer.afterRead(40), true, 'the second one, back to back, starts a wait');
  assert.equal(h.pacer.isWaiting, true);
  assert.equal(h.pending(), 1);
  h.at(1);
  h.fire();
  assert.equal(h.resumes(), 1);
  assert.equal(h.pacer.isWaiting, false);
});

test('while each wait finds data, reading stays paced, with a prompt probe read every probeEvery waits', () => {
  const h = harness();
  h.at(0);
  h.pacer.afterRead(40);
  h.at(0.01);
  assert.equal(h.pacer.afterRead(40), true);
  const decisions: boolean[] = [];
  for (let i = 1; i <= 4; i++) {
    h.at(i);
    h.fire();
    decisions.push(h.pacer.afterRead(65536));
  }
  // The 4th read after a wait is a probe: no wait after it.
  assert.deepEqual(decisions, [true, true, true, false]);
  assert.equal(h.pending(), 0);
});

test('a probe that finds a small read goes on pacing; one that finds a big read ends it', () => {
  const h = harness();
  const waitThenRead = (ms: number, bytes: number): boolean => {
    h.at(ms);
    h.fire();
    return h.pacer.afterRead(bytes);
  };
  h.at(0);
  h.pacer.afterRead(40);
  h.at(0.01);
  h.pacer.afterRead(40);
  for (let i = 1; i <= 3; i++) assert.equal(waitThenRead(i, 65536), true);
  assert.equal(waitThenRead(4, 65536), false, 'probe');
  h.at(4.01);
  assert.equal(h.pacer.afterRead(60), true, 'small right after the probe: still a chatty writer');
  for (let i = 5; i <= 7; i++) assert.equal(waitThenRead(i, 65536), true);
  assert.equal(waitThenRead(8, 65536), false, 'probe');
  h.at(8.01);
  assert.equal(h.pacer.afterRead(65536), false, 'big right after the probe: a bulk writer, no more waits');
  h.at(8.02);
  assert.equal(h.pacer.afterRead(65536), false);
  assert.equal(h.pending(), 0);
});

test('a read long after a wait that found the pipe empty is an ordinary read', () => {
  const h = harness();
  h.at(0);
  h.pacer.afterRead(40);
  h.at(0.01);
  assert.equal(h.pacer.afterRead(40), true);
  h.at(1);
  h.fire();
  h.at(500);
  assert.equal(h.pacer.afterRead(40), false, 'a quiet program\'s next line is not held up');
});

test('stop() cancels a wait: no resume after the stream is gone', () => {
  const h = harness();
  h.at(0);
  h.pacer.afterRead(40);
  h.at(0.01);
  assert.equal(h.pacer.afterRead(40), true);
  h.pacer.stop();
  assert.equal(h.pending(), 0);
  h.fire();
  assert.equal(h.resumes(), 0);
  assert.equal(h.pacer.isWaiting, false);
});
