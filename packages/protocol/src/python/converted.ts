// The result of turning a config text into a value, as Supervisor's datatypes do: the value, or
// the ValueError text Supervisor prints plus a human hint of what was expected.

/** Result of a value converter: Supervisor's error text plus a human hint of what was expected. */
export type Converted<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: string; readonly expected: string };
