// XML-RPC fault responses, as supervisor sends them (spec §7.3):
//   <methodResponse><fault><value><struct> faultCode (int), faultString (string) …
// faultString is `NAME` or `NAME: detail` (FaultError.message).
import { FaultError, Faults } from '../faults.js';
import { XML_HEADER, encodeValue } from './encode.js';

/** `xmlrpc.client.dumps(Fault(code, faultString))`. */
export function encodeFault(code: number, faultString: string): string {
  return `${XML_HEADER}<methodResponse>\n<fault>\n${encodeValue({ faultCode: code, faultString })}</fault>\n</methodResponse>\n`;
}

/** encodeFault of a FaultError. */
export function encodeFaultError(fault: FaultError): string {
  return encodeFault(fault.code, fault.message);
}

/** supervisor's getFaultDescription: the name of a fault code, or `UNKNOWN`. */
export function faultNameOf(code: number): string {
  for (const [name, value] of Object.entries(Faults)) if (value === code) return name;
  return 'UNKNOWN';
}
