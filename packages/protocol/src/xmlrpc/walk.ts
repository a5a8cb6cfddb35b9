// The container walk both wire codecs share: XML-RPC (value.ts, encode.ts) and JSON-RPC
// (json/envelope.ts) take a handler's `unknown` result through it. Arrays and plain objects are
// containers; everything else is a leaf whose rules belong to the codec. The walk refuses
// cycles and nesting deeper than the codec's limit, and says where (`[2].start: …`).

/** What walkValue reports, depth-first in document order. */
export interface ValueVisitor {
  /** A value that is not an array or a plain object: null when taken, else why it is refused. */
  leaf(value: unknown): string | null;
  openArray(): void;
  closeArray(): void;
  openStruct(): void;
  /** Before the member's value; closeMember after it. Keys come in Object.keys order. */
  openMember(key: string): void;
  closeMember(): void;
  closeStruct(): void;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Describes a value's type for an error message: `null`, `undefined`, `Map`, `function` … */
function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'object') return (value as object).constructor?.name ?? 'object';
  return typeof value;
}

/** The refusal of a leaf no codec can carry (a leaf rule's fallback). */
export function cannotEncode(value: unknown): string {
  return `cannot encode a value of type ${typeOf(value)}`;
}

// A refusal on its way up: each container it passes through adds its step, so the success path
// builds no path strings at all.
interface Refused {
  readonly message: string;
  readonly steps: (string | number)[];
}

function walk(v: unknown, visitor: ValueVisitor, depth: number, ancestors: unknown[], maxDepth: number): Refused | null {
  const isArray = Array.isArray(v);
  if (!isArray && !isPlainObject(v)) {
    const message = visitor.leaf(v);
    return message === null ? null : { message, steps: [] };
  }
  if (depth >= maxDepth) return { message: `nested deeper than ${maxDepth} levels`, steps: [] };
  for (let i = 0; i < depth; i++) if (ancestors[i] === v) return { message: 'cannot encode a recursive value', steps: [] };
  ancestors[depth] = v;
  if (isArray) {
    const items = v as unknown[];
    visitor.openArray();
    for (let i = 0; i < items.length; i++) {
      const refused = walk(items[i], visitor, depth + 1, ancestors, maxDepth);
      if (refused !== null) {
        refused.steps.push(i);
        return refused;
      }
    }
    visitor.closeArray();
    return null;
  }
  const struct = v as Record<string, unknown>;
  visitor.openStruct();
  for (const key of Object.keys(struct)) {
    visitor.openMember(key);
    const refused = walk(struct[key], visitor, depth + 1, ancestors, maxDepth);
    if (refused !== null) {
      refused.steps.push(key);
      return refused;
    }
    visitor.closeMember();
  }
  visitor.closeStruct();
  return null;
}

function formatPath(steps: readonly (string | number)[]): string {
  let path = '';
  for (let i = steps.length - 1; i >= 0; i--) {
    const step = steps[i]!;
    path += typeof step === 'number' ? `[${step}]` : path === '' ? step : `.${step}`;
  }
  return path === '' ? 'result' : path;
}

/**
 * Walks `value` (arrays and plain objects are containers, the rest goes to visitor.leaf).
 * Returns null when the whole value was taken, else `path: why` for the first refusal; the
 * visitor's output is then incomplete and must be dropped. A value shared by two branches is
 * fine, a cycle is refused.
 */
export function walkValue(value: unknown, visitor: ValueVisitor, maxDepth: number): string | null {
  const refused = walk(value, visitor, 0, [], maxDepth);
  return refused === null ? null : `${formatPath(refused.steps)}: ${refused.message}`;
}

/** A leaf rule: the value to put in the tree, or a Refusal. */
export type LeafRule<T> = (value: unknown) => T | Refusal;

export class Refusal {
  readonly message: string;
  constructor(message: string) {
    this.message = message;
  }
}

export type CheckedValue<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

type Tree<T> = T | Tree<T>[] | { [key: string]: Tree<T> };

// Rebuilds the walked value from converted leaves. Structs get a null prototype, so a member
// named `__proto__` stays plain data.
class TreeBuilder<T> implements ValueVisitor {
  readonly #rule: LeafRule<T>;
  readonly #open: (Tree<T>[] | { [key: string]: Tree<T> })[] = [];
  readonly #keys: string[] = [];
  root: Tree<T> | undefined;

  constructor(rule: LeafRule<T>) {
    this.#rule = rule;
  }

  #add(v: Tree<T>): void {
    const parent = this.#open[this.#open.length - 1];
    if (parent === undefined) this.root = v;
    else if (Array.isArray(parent)) parent.push(v);
    else parent[this.#keys[this.#keys.length - 1]!] = v;
  }

  leaf(value: unknown): string | null {
    const v = this.#rule(value);
    if (v instanceof Refusal) return v.message;
    this.#add(v);
    return null;
  }
  openArray(): void {
    const a: Tree<T>[] = [];
    this.#add(a);
    this.#open.push(a);
  }
  openStruct(): void {
    const s = Object.create(null) as { [key: string]: Tree<T> };
    this.#add(s);
    this.#open.push(s);
  }
  closeArray(): void {
    this.#open.pop();
  }
  closeStruct(): void {
    this.#open.pop();
  }
  openMember(key: string): void {
    this.#keys.push(key);
  }
  closeMember(): void {
    this.#keys.pop();
  }
}

/** Checks `value` against a codec's leaf rule and returns a copy made of the converted leaves. */
export function checkValue<T>(value: unknown, rule: LeafRule<T>, maxDepth: number): CheckedValue<Tree<T>> {
  const builder = new TreeBuilder(rule);
  const error = walkValue(value, builder, maxDepth);
  return error === null ? { ok: true, value: builder.root! } : { ok: false, error };
}
