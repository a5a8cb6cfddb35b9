// The small renderers: avail lines, reread lines, help columns, durations, error lines.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderAvailLine } from '../../../../packages/ctl/src/render/avail-lines.js';
import { formatBytes, formatTimedelta } from '../../../../packages/ctl/src/render/duration.js';
import { describePythonException, renderErrorLine } from '../../../../packages/ctl/src/render/error-line.js';
import { columnize, renderHelpListing } from '../../../../packages/ctl/src/render/help-listing.js';
import { renderRereadLines } from '../../../../packages/ctl/src/render/reread-lines.js';
import { ConnectionFailure, CtlValueError, HttpStatusError, RpcFault } from '../../../../packages/ctl/src/errors.js';

test('avail line: %-32s %-9s %-9s %s', () => {
  assert.equal(renderAvailLine({ group: 'grp', name: 'g1', inuse: true, autostart: true, group_prio: 500, process_prio: 999 }), 'grp:g1                           in use    auto      500:999');
  assert.equal(renderAvailLine({ group: 'n', name: 'n', inuse: false, autostart: false, group_prio: 1, process_prio: 2 }), 'n                                avail     manual    1:2');
  const long = 'x'.repeat(40);
  assert.equal(renderAvailLine({ group: long, name: long, inuse: true, autostart: true, group_prio: 1, process_prio: 2 }), `${long} in use    auto      1:2`);
});

test('reread lines are sorted by code point; a group in two lists shows the last kind', () => {
  assert.deepEqual(renderRereadLines({ added: ['b', 'Z'], changed: ['a'], removed: ['c'] }), ['Z: available', 'a: changed', 'b: available', 'c: disappeared']);
  assert.deepEqual(renderRereadLines({ added: ['x'], changed: [], removed: ['x'] }), ['x: disappeared']);
  assert.deepEqual(renderRereadLines({ added: [], changed: [], removed: [] }), ['No config updates to processes']);
});

test('columnize as Python cmd does', () => {
  assert.deepEqual(columnize([], 79), ['<empty>']);
  assert.deepEqual(columnize(['one'], 79), ['one']);
  assert.deepEqual(columnize(['a', 'bb', 'c'], 79), ['a  bb  c']);
  assert.deepEqual(columnize(['aaaa', 'bbbb', 'cccc'], 10), ['aaaa  cccc', 'bbbb']);
  assert.deepEqual(renderHelpListing('h:', ['b', 'a']), ['', 'h:', '==', 'a  b', '']);
});

test('str(timedelta) and byte sizes', () => {
  assert.equal(formatTimedelta(5), '0:00:05');
  assert.equal(formatTimedelta(12 * 3600 + 3 * 60 + 4), '12:03:04');
  assert.equal(formatTimedelta(86400 + 5), '1 day, 0:00:05');
  assert.equal(formatTimedelta(3 * 86400 + 4 * 3600 + 5 * 60 + 6), '3 days, 4:05:06');
  assert.equal(formatTimedelta(-3), '0:00:00');
  assert.equal(formatBytes(812), '812 B');
  assert.equal(formatBytes(1536), '1.5 KiB');
  assert.equal(formatBytes(1.1 * 1024 ** 3), '1.1 GiB');
});

test('Python exception classes and texts', () => {
  assert.deepEqual(describePythonException(new RpcFault(6, 'SHUTDOWN_STATE')), { type: 'xmlrpc.client.Fault', text: "<Fault 6: 'SHUTDOWN_STATE'>" });
  assert.deepEqual(describePythonException(new RpcFault(92, "CANT_REREAD: x 'y'")), { type: 'xmlrpc.client.Fault', text: `<Fault 92: "CANT_REREAD: x 'y'">` });
  assert.deepEqual(describePythonException(new HttpStatusError(401, 'Unauthorized')), { type: 'xmlrpc.client.ProtocolError', text: '<ProtocolError for 127.0.0.1/RPC2: 401 Unauthorized>' });
  assert.deepEqual(describePythonException(new ConnectionFailure('ECONNREFUSED', 'x')), { type: 'ConnectionRefusedError', text: '[Errno 111] Connection refused' });
  assert.deepEqual(describePythonException(new ConnectionFailure('ENOTFOUND', 'x')), { type: 'socket.gaierror', text: '[Errno -2] Name or service not known' });
  assert.deepEqual(describePythonException(new ConnectionFailure('ECONNRESET', 'socket hang up')), { type: 'http.client.RemoteDisconnected', text: 'Remote end closed connection without response' });
  assert.deepEqual(describePythonException(new CtlValueError('bad')), { type: 'ValueError', text: 'bad' });
});

test('the error line names the file and line that raised it', () => {
  const line = renderErrorLine(new CtlValueError('Unknown protocol for serverurl x'));
  assert.match(line, /^error: <class 'ValueError'>, Unknown protocol for serverurl x: file: \/\S+misc\.test\.ts line: \d+$/);
});
