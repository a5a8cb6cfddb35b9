import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeMethodCall, encodeMethodCall, type XmlRpcDecoded } from '../../../../packages/protocol/src/index.js';

function call(paramsXml: string, method = 'supervisor.x'): string {
  return `<?xml version='1.0'?>\n<methodCall>\n<methodName>${method}</methodName>\n<params>\n${paramsXml}</params>\n</methodCall>\n`;
}

function param(valueXml: string): string {
  return `<param>\n<value>${valueXml}</value>\n</param>\n`;
}

function decodeOne(valueXml: string): XmlRpcDecoded {
  const r = decodeMethodCall(call(param(valueXml)));
  assert.ok(r.ok, r.ok ? '' : r.error);
  assert.equal(r.params.length, 1);
  return r.params[0]!;
}

function refused(xml: string | Uint8Array): string {
  const r = decodeMethodCall(xml);
  assert.ok(!r.ok, `expected a refusal, got ${JSON.stringify(r)}`);
  return r.reason;
}

test('what supervisorctl sends decodes to its method and params', () => {
  const r = decodeMethodCall(encodeMethodCall('supervisor.readProcessStdoutLog', ['web', -1600, 0]));
  assert.deepEqual(r, { ok: true, method: 'supervisor.readProcessStdoutLog', params: ['web', -1600, 0] });
  assert.deepEqual(decodeMethodCall(encodeMethodCall('supervisor.getVersion', [])), { ok: true, method: 'supervisor.getVersion', params: [] });
});

test('int and i4 go through int(): whitespace, sign and underscores are fine', () => {
  assert.equal(decodeOne('<int>5</int>'), 5);
  assert.equal(decodeOne('<i4>-7</i4>'), -7);
  assert.equal(decodeOne('<int> +1_000 </int>'), 1000);
  assert.equal(decodeOne('<int>0042</int>'), 42);
  assert.equal(refused(call(param('<int>x</int>'))), 'unmarshallable');
  assert.equal(refused(call(param('<int></int>'))), 'unmarshallable');
  assert.equal(refused(call(param('<int>1.5</int>'))), 'unmarshallable');
});

test('boolean is true only for exactly 1', () => {
  assert.equal(decodeOne('<boolean>1</boolean>'), true);
  assert.equal(decodeOne('<boolean>0</boolean>'), false);
  assert.equal(decodeOne('<boolean>true</boolean>'), false);
  assert.equal(decodeOne('<boolean> 1</boolean>'), false);
  assert.equal(decodeOne('<boolean/>'), false);
});

test('string and untyped values are text; empty is the empty string', () => {
  assert.equal(decodeOne('<string>a &lt;b&gt; &amp; &#65;&#x42;</string>'), 'a <b> & AB');
  assert.equal(decodeOne('<string></string>'), '');
  assert.equal(decodeOne('<string/>'), '');
  assert.equal(decodeOne('untyped  text '), 'untyped  text ');
  assert.equal(decodeOne(''), '');
  assert.equal(decodeOne('<string><![CDATA[<raw> & stuff]]></string>'), '<raw> & stuff');
  assert.equal(decodeOne('<string>a<!-- c -->b</string>'), 'ab');
  assert.equal(decodeOne('<string>line1\r\nline2\rline3&#13;</string>'), 'line1\nline2\nline3\r');
});

test('double goes through float()', () => {
  assert.equal(decodeOne('<double>2.5</double>'), 2.5);
  assert.equal(decodeOne('<double> -1e3 </double>'), -1000);
  assert.equal(decodeOne('<double>.5</double>'), 0.5);
  assert.equal(decodeOne('<double>inf</double>'), Infinity);
  assert.ok(Number.isNaN(decodeOne('<double>nan</double>')));
  assert.equal(refused(call(param('<double>0x10</double>'))), 'unmarshallable');
});

test('base64 is decoded and read as UTF-8 text', () => {
  assert.equal(decodeOne('<base64>aGk=</base64>'), 'hi');
  assert.equal(decodeOne('<base64>aG\nk=</base64>'), 'hi');
  assert.equal(decodeOne('<base64></base64>'), '');
  assert.equal(decodeOne(`<base64>${Buffer.from('h\u00e9').toString('base64')}</base64>`), 'h\u00e9');
  assert.equal(refused(call(param('<base64>aGk</base64>'))), 'unmarshallable');
  assert.equal(refused(call(param(`<base64>${Buffer.from([0xff]).toString('base64')}</base64>`))), 'unmarshallable');
});

test('dateTime.iso8601 keeps its text after checking it', () => {
  assert.equal(decodeOne('<dateTime.iso8601>20260121T10:20:30</dateTime.iso8601>'), '20260121T10:20:30');
  assert.equal(refused(call(param('<dateTime.iso8601>yesterday</dateTime.iso8601>'))), 'unmarshallable');
});

test('arrays and structs nest; struct members keep document order and the last duplicate wins', () => {
  assert.deepEqual(decodeOne('<array><data><value><int>1</int></value><value>x</value><value><array><data/></array></value></data></array>'), [1, 'x', []]);
  const s = decodeOne('<struct><member><name>b</name><value><int>1</int></value></member><member><name>a</name><value>2</value></member><member><name>b</name><value>3</value></member></struct>');
  assert.deepEqual(Object.keys(s as object), ['b', 'a']);
  assert.deepEqual({ ...(s as object) }, { b: '3', a: '2' });
});

test('a struct member named __proto__ is plain data', () => {
  const s = decodeOne('<struct><member><name>__proto__</name><value>x</value></member></struct>') as Record<string, unknown>;
  assert.equal(Object.getPrototypeOf(s), null);
  assert.equal(s['__proto__'], 'x');
  assert.equal(({} as Record<string, unknown>)['polluted'], undefined);
});

test('unknown type tags keep their text: <i8> is a string, <nil/> is null', () => {
  assert.equal(decodeOne('<i8>5</i8>'), '5');
  assert.equal(decodeOne('<nil/>'), null);
  assert.equal(decodeOne('<foo></foo>'), null);
  assert.equal(decodeOne('<ex:nil xmlns:ex="http://ws.apache.org/xmlrpc/namespaces/extensions"/>'), null);
});

test("supervisor's loose structure: <params> is optional and only children's values count", () => {
  assert.deepEqual(decodeMethodCall('<methodCall><methodName>system.listMethods</methodName></methodCall>'), { ok: true, method: 'system.listMethods', params: [] });
  // A <value> straight under <params> is a parameter too (supervisor reads each child's value).
  assert.deepEqual(decodeMethodCall('<methodCall><methodName>a.b</methodName><params><value><int>1</int></value></params></methodCall>'), { ok: true, method: 'a.b', params: [1] });
  // The root element's name is not checked, and the method name is not trimmed.
  assert.deepEqual(decodeMethodCall('<x><methodName> a.b </methodName></x>'), { ok: true, method: ' a.b ', params: [] });
});

test('no or empty methodName is its own refusal', () => {
  assert.equal(refused('<methodCall><params/></methodCall>'), 'no method name');
  assert.equal(refused('<methodCall><methodName></methodName></methodCall>'), 'no method name');
  assert.equal(refused('<methodCall><methodName><int>1</int></methodName></methodCall>'), 'no method name');
});

test("what Python's unmarshallers raise on is unmarshallable", () => {
  assert.equal(refused(call(param('<array></array>'))), 'unmarshallable');
  assert.equal(refused(call('<param></param>\n')), 'unmarshallable');
  assert.equal(refused(call(param('<struct><member><name>a</name></member></struct>'))), 'unmarshallable');
  assert.equal(refused(call(param('<struct><member><name>a</name><value/><value/></member></struct>'))), 'unmarshallable');
  // tend refuses a member name that is not text (Python's dict would get an int key).
  assert.equal(refused(call(param('<struct><member><int>5</int><value/></member></struct>'))), 'unmarshallable');
});

test('a namespaced element is not an XML-RPC element (ElementTree spells it {uri}name)', () => {
  assert.equal(refused('<methodCall xmlns="urn:x"><methodName>a.b</methodName></methodCall>'), 'no method name');
  assert.equal(refused('<methodCall><p:methodName>a.b</p:methodName></methodCall>'), 'unmarshallable');
});

test('hostile documents are refused: DOCTYPE, entities, deep nesting, bad characters, bad bytes', () => {
  const laughs = '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]><methodCall><methodName>&lol2;</methodName></methodCall>';
  assert.equal(refused(laughs), 'unmarshallable');
  assert.equal(refused('<!DOCTYPE x SYSTEM "file:///etc/passwd"><methodCall><methodName>a.b</methodName></methodCall>'), 'unmarshallable');
  assert.equal(refused('<methodCall><methodName>&ext;</methodName></methodCall>'), 'unmarshallable');
  const deep = `<methodCall><methodName>a.b</methodName><params><param><value>${'<array><data><value>'.repeat(40)}x${'</value></data></array>'.repeat(40)}</value></param></params></methodCall>`;
  assert.equal(refused(deep), 'unmarshallable');
  assert.equal(refused('<methodCall><methodName>a.b\x1b</methodName></methodCall>'), 'unmarshallable');
  assert.equal(refused('<methodCall><methodName>a.b&#0;</methodName></methodCall>'), 'unmarshallable');
  assert.equal(refused(Buffer.from([0x3c, 0x61, 0xff, 0x3e])), 'unmarshallable');
  assert.equal(refused('<methodCall><methodName>a.b</methodName>'), 'unmarshallable');
  assert.equal(refused(''), 'unmarshallable');
});

test('nesting within the depth limit is fine', () => {
  const depth = 20;
  const xml = `<methodCall><methodName>a.b</methodName><params><param><value>${'<array><data><value>'.repeat(depth)}x${'</value></data></array>'.repeat(depth)}</value></param></params></methodCall>`;
  const r = decodeMethodCall(xml);
  assert.ok(r.ok);
});

test('bytes are UTF-8; a BOM is skipped', () => {
  const body = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(encodeMethodCall('a.b', ['h\u00e9\u{1f600}']))]);
  assert.deepEqual(decodeMethodCall(body), { ok: true, method: 'a.b', params: ['h\u00e9\u{1f600}'] });
});
