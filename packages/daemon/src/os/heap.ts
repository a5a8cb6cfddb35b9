// One full, compacting garbage collection on demand, for the moment start-up has settled.
//
// Starting a thousand programs grows V8's heap to about 50 MB, of which about 16 MB stays live.
// Left alone, V8's memory reducer compacts it some 10 s later, at a time of its choosing, while
// the daemon is otherwise idle. Doing it ourselves when the last autostart program has settled
// returns the memory at once, and leaves the idle daemon with nothing at all to do.
// Node exposes gc() only under --expose-gc; the flag can be set at run time, and a fresh context
// created afterwards then carries the function.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let collect: (() => void) | null | undefined;

function collector(): (() => void) | null {
  if (collect !== undefined) return collect;
  try {
    setFlagsFromString('--expose-gc');
    const gc: unknown = runInNewContext('typeof gc === "function" ? gc : null');
    collect = typeof gc === 'function' ? () => { Reflect.apply(gc, undefined, []); } : null;
  } catch {
    collect = null;
  }
  return collect;
}

/** Runs a full GC; returns false when this Node cannot be asked to. */
export function compactHeap(): boolean {
  const gc = collector();
  if (gc === null) return false;
  gc();
  return true;
}
