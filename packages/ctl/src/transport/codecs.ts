// The one place the wire codecs of @tend/protocol are bound to the client: request bodies out,
// decoded replies (value or fault) in. A reply that does not decode throws; the transports turn
// that into a ResponseError.
import {
  decodeJsonRpcResponse as decodeJson, decodeMethodResponse, encodeJsonRpcRequest, encodeMethodCall, toJsonValue, toXmlRpcValue,
} from '@tend/protocol';
import type { JsonValue, XmlRpcValue } from '@tend/protocol';

export type DecodedReply =
  | { readonly kind: 'value'; readonly value: unknown }
  | { readonly kind: 'fault'; readonly faultCode: number; readonly faultString: string };

export function encodeXmlRpcCall(method: string, params: readonly unknown[]): string {
  const values: XmlRpcValue[] = params.map((p) => {
    const v = toXmlRpcValue(p);
    if (!v.ok) throw new TypeError(`cannot send ${method} parameter: ${v.error}`);
    return v.value;
  });
  return encodeMethodCall(method, values);
}

// supervisord puts log bytes into XML as they are, so a log holding ANSI colours (ESC) is not
// well-formed XML and supervisorctl's `tail` dies with ExpatError (spec §9 item 27). tendctl
// reads such a reply anyway: each C0 control character is parked on a private-use code point
// (U+E000 + code) for the XML parser and put back in the decoded strings.
const XML_FORBIDDEN_C0 = /[\x00-\x08\x0b\x0c\x0e-\x1f]/g;
const HAS_XML_FORBIDDEN_C0 = /[\x00-\x08\x0b\x0c\x0e-\x1f]/;
const PARKED_C0 = /[\ue000-\ue01f]/g;

function restoreC0(value: unknown): unknown {
  if (typeof value === 'string') return value.replace(PARKED_C0, (c) => String.fromCharCode(c.charCodeAt(0) - 0xe000));
  if (Array.isArray(value)) return value.map(restoreC0);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, restoreC0(v)]));
  }
  return value;
}

export function decodeXmlRpcResponse(text: string): DecodedReply {
  if (HAS_XML_FORBIDDEN_C0.test(text)) {
    const parked = decodeXmlRpcText(text.replace(XML_FORBIDDEN_C0, (c) => String.fromCharCode(0xe000 + c.charCodeAt(0))));
    return parked.kind === 'value' ? { kind: 'value', value: restoreC0(parked.value) } : parked;
  }
  return decodeXmlRpcText(text);
}

function decodeXmlRpcText(text: string): DecodedReply {
  const decoded = decodeMethodResponse(text);
  if (decoded.kind === 'error') throw new Error(decoded.error);
  if (decoded.kind === 'fault') return { kind: 'fault', faultCode: decoded.fault.faultCode, faultString: decoded.fault.faultString };
  return decoded;
}

export function encodeJsonRpcCall(id: number, method: string, params: readonly unknown[]): string {
  const values: JsonValue[] = params.map((p) => {
    const v = toJsonValue(p);
    if (!v.ok) throw new TypeError(`cannot send ${method} parameter: ${v.error}`);
    return v.value;
  });
  return encodeJsonRpcRequest(method, values, id);
}

export function decodeJsonRpcResponse(text: string): DecodedReply {
  const decoded = decodeJson(text);
  if (decoded.kind === 'error') throw new Error(decoded.error);
  if (decoded.kind === 'fault') return { kind: 'fault', faultCode: decoded.fault.faultCode, faultString: decoded.fault.faultString };
  return { kind: 'value', value: decoded.value };
}
