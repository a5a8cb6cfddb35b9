import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseXml, type XmlElement } from '../../../../packages/protocol/src/index.js';

function tree(xml: string, namespaces = true): XmlElement {
  const r = parseXml(xml, { namespaces });
  assert.ok(r.ok, r.ok ? '' : r.error);
  return r.root;
}

function refused(xml: string): string {
  const r = parseXml(xml);
  assert.ok(!r.ok, `expected a refusal of ${JSON.stringify(xml)}`);
  return r.error;
}

test('text is the character data before the first child, as ElementTree .text', () => {
  const root = tree('<a>one<!-- c -->two<b>x</b>tail<c/></a>');
  assert.equal(root.name, 'a');
  assert.equal(root.text, 'onetwo');
  assert.deepEqual(root.children.map((c) => [c.name, c.text]), [['b', 'x'], ['c', null]]);
});

test('prolog: declaration, comments, processing instructions, BOM, trailing misc', () => {
  assert.equal(tree("\ufeff<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n<!-- hi --><?pi data?><a/>\n<!-- bye -->\n").name, 'a');
  assert.match(refused(' <?xml version="1.0"?><a/>'), /XML declaration not at the start/);
  // Expat checks only the characters of the version (so "2.0" passes) and that it comes first.
  assert.ok(parseXml('<?xml version="2.0"?><a/>').ok);
  assert.match(refused('<?xml version="1:0"?><a/>'), /malformed XML declaration/);
  assert.match(refused('<?xml encoding="utf-8"?><a/>'), /malformed XML declaration/);
  assert.match(refused('<?XML version="1.0"?><a/>'), /XML declaration not at the start/);
});

test('references: the five predefined entities and character references only', () => {
  assert.equal(tree('<a>&lt;&gt;&amp;&apos;&quot;&#65;&#x1F600;</a>').text, `<>&'"A\u{1f600}`);
  assert.match(refused('<a>&nbsp;</a>'), /undefined entity/);
  assert.match(refused('<a>&#xD800;</a>'), /invalid character/);
  assert.match(refused('<a>&#1;</a>'), /invalid character/);
  assert.match(refused('<a>&#99999999999;</a>'), /malformed reference|invalid character/);
  assert.match(refused('<a>& b</a>'), /malformed reference/);
});

test('well-formedness errors', () => {
  for (const xml of [
    '<a>',
    '<a></b>',
    '<a><b></a></b>',
    '<a/><b/>',
    'text<a/>',
    '<a/>text',
    '<a x="1" x="2"/>',
    '<a x="1"y="2"/>',
    '<a x=1/>',
    '<a x="<"/>',
    '<a>]]></a>',
    '<a><!-- a -- b --></a>',
    '<a><![CDATA[x</a>',
    '<1a/>',
    '<a:b:c/>',
    '<p:a/>',
    '<a xmlns:p=""/>',
    '<!DOCTYPE a><a/>',
    '<a><!ELEMENT a ANY></a>',
    '<a>\x00</a>',
    '<a>\ud800</a>',
    '<a>\uffff</a>',
  ]) {
    refused(xml);
  }
});

test('line ends are normalised to LF before parsing', () => {
  assert.equal(tree('<a>x\r\ny\rz</a>').text, 'x\ny\nz');
});

test('namespaces: {uri}local names, prefixes resolved through ancestors', () => {
  const root = tree('<a xmlns="urn:d" xmlns:p="urn:p"><p:b/><c xmlns=""/></a>');
  assert.equal(root.name, '{urn:d}a');
  assert.deepEqual(root.children.map((c) => c.name), ['{urn:p}b', 'c']);
  assert.equal(tree('<p:a/>', false).name, 'p:a');
});

test('nesting deeper than the limit is refused, iteratively (no stack overflow)', () => {
  assert.match(refused(`${'<a>'.repeat(65)}${'</a>'.repeat(65)}`), /deeper than 64/);
  assert.ok(parseXml(`${'<a>'.repeat(64)}${'</a>'.repeat(64)}`).ok);
  const r = parseXml('<a>'.repeat(200_000), { maxDepth: 1_000_000 });
  assert.ok(!r.ok);
});
