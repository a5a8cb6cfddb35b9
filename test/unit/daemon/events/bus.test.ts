import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EventBus, type BusEvent, type ProcessStateEvent } from '../../../../packages/daemon/src/events/bus.js';

function state(group: string, name: string, to: ProcessStateEvent['to']): ProcessStateEvent {
  return { type: 'process-state', group, name, from: 'STOPPED', to, pid: 0 };
}

test('subscribeProcess hears only its own process, after the general listeners, until unsubscribed', () => {
  const bus = new EventBus();
  const heard: string[] = [];
  bus.subscribe((e: BusEvent) => heard.push(`all ${e.type === 'process-state' ? `${e.group}:${e.name} ${e.to}` : e.state}`));
  const off = bus.subscribeProcess('g', 'a', (e) => heard.push(`a ${e.to}`));
  bus.subscribeProcess('g', 'b', (e) => heard.push(`b ${e.to}`));
  // Same name in another group, and a group and name that look alike once joined with ':'.
  bus.subscribeProcess('h', 'a', (e) => heard.push(`h:a ${e.to}`));
  bus.subscribeProcess('g:a', 'x', (e) => heard.push(`g:a:x ${e.to}`));
  bus.subscribeProcess('g', 'a:x', (e) => heard.push(`g/a:x ${e.to}`));
  bus.emit(state('g', 'a', 'STARTING'));
  bus.emit({ type: 'supervisor-state', state: 'RUNNING' });
  bus.emit(state('h', 'a', 'RUNNING'));
  bus.emit(state('g', 'a:x', 'FATAL'));
  off();
  off();
  bus.emit(state('g', 'a', 'STOPPED'));
  bus.emit(state('g', 'b', 'STOPPED'));
  assert.deepEqual(heard, [
    'all g:a STARTING', 'a STARTING', 'all RUNNING', 'all h:a RUNNING', 'h:a RUNNING', 'all g:a:x FATAL', 'g/a:x FATAL',
    'all g:a STOPPED', 'all g:b STOPPED', 'b STOPPED',
  ]);
});

test('a process listener may unsubscribe itself or subscribe another while being called', () => {
  const bus = new EventBus();
  const heard: string[] = [];
  const off1 = bus.subscribeProcess('g', 'a', (e) => {
    heard.push(`1 ${e.to}`);
    off1();
    bus.subscribeProcess('g', 'a', (f) => heard.push(`3 ${f.to}`));
  });
  bus.subscribeProcess('g', 'a', (e) => heard.push(`2 ${e.to}`));
  bus.emit(state('g', 'a', 'STARTING'));
  bus.emit(state('g', 'a', 'RUNNING'));
  assert.deepEqual(heard, ['1 STARTING', '2 STARTING', '2 RUNNING', '3 RUNNING']);
});
