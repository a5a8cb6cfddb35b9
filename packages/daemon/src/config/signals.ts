// Signals by name and number, as supervisor sees them through Python's `signal` module on Linux:
// datatypes.signal_number (the `stopsignal` type) and options.signame ("terminated by SIGTERM").
import { pyInt, pyRepr, pyStrip } from '@tend/protocol';
import type { Converted } from './types.js';

// Every attribute of Python 3.11's `signal` module on Linux whose name starts with SIG, with its
// value. SIG_DFL/SIG_IGN (handlers) and SIG_BLOCK/SIG_UNBLOCK/SIG_SETMASK (sigprocmask modes)
// are among them, which is why supervisor accepts `0`, `SIG_DFL` or `_IGN` as a signal.
const SIGNAL_ATTRIBUTES: Readonly<Record<string, number>> = {
  SIGABRT: 6, SIGALRM: 14, SIGBUS: 7, SIGCHLD: 17, SIGCLD: 17, SIGCONT: 18, SIGFPE: 8, SIGHUP: 1, SIGILL: 4,
  SIGINT: 2, SIGIO: 29, SIGIOT: 6, SIGKILL: 9, SIGPIPE: 13, SIGPOLL: 29, SIGPROF: 27, SIGPWR: 30, SIGQUIT: 3,
  SIGRTMAX: 64, SIGRTMIN: 34, SIGSEGV: 11, SIGSTKFLT: 16, SIGSTOP: 19, SIGSYS: 31, SIGTERM: 15, SIGTRAP: 5,
  SIGTSTP: 20, SIGTTIN: 21, SIGTTOU: 22, SIGURG: 23, SIGUSR1: 10, SIGUSR2: 12, SIGVTALRM: 26, SIGWINCH: 28,
  SIGXCPU: 24, SIGXFSZ: 25, SIG_BLOCK: 0, SIG_DFL: 0, SIG_IGN: 1, SIG_SETMASK: 2, SIG_UNBLOCK: 1,
};

/** datatypes.SIGNUMS: the numbers signal_number accepts (0..31, 34 and 64). */
const SIGNUMS: ReadonlySet<number> = new Set(Object.values(SIGNAL_ATTRIBUTES));

// options.signame's table: the last SIG* name (not SIG_*) of each number in signal.__dict__ order.
const SIGNAL_NAMES: ReadonlyMap<number, string> = new Map([
  [1, 'SIGHUP'], [2, 'SIGINT'], [3, 'SIGQUIT'], [4, 'SIGILL'], [5, 'SIGTRAP'], [6, 'SIGABRT'], [7, 'SIGBUS'],
  [8, 'SIGFPE'], [9, 'SIGKILL'], [10, 'SIGUSR1'], [11, 'SIGSEGV'], [12, 'SIGUSR2'], [13, 'SIGPIPE'],
  [14, 'SIGALRM'], [15, 'SIGTERM'], [16, 'SIGSTKFLT'], [17, 'SIGCHLD'], [18, 'SIGCONT'], [19, 'SIGSTOP'],
  [20, 'SIGTSTP'], [21, 'SIGTTIN'], [22, 'SIGTTOU'], [23, 'SIGURG'], [24, 'SIGXCPU'], [25, 'SIGXFSZ'],
  [26, 'SIGVTALRM'], [27, 'SIGPROF'], [28, 'SIGWINCH'], [29, 'SIGPOLL'], [30, 'SIGPWR'], [31, 'SIGSYS'],
  [34, 'SIGRTMIN'], [64, 'SIGRTMAX'],
]);

const SIGNAL_EXPECTED = 'a signal name like TERM or SIGTERM, or a signal number';

/** supervisor's signal_number: `TERM`, `sigterm`, `SIGTERM`, ` 15 ` → 15. */
export function toSignalNumber(value: string): Converted<number> {
  let num: number;
  const asInt = pyInt(value);
  if (asInt.ok) {
    num = SIGNUMS.has(Number(asInt.value)) && asInt.value <= 64n ? Number(asInt.value) : -1;
  } else {
    let name = pyStrip(value).toUpperCase();
    if (!name.startsWith('SIG')) name = 'SIG' + name;
    const found = Object.hasOwn(SIGNAL_ATTRIBUTES, name) ? SIGNAL_ATTRIBUTES[name] : undefined;
    if (found === undefined) {
      return { ok: false, error: `value ${pyRepr(value)} is not a valid signal name`, expected: SIGNAL_EXPECTED };
    }
    num = found;
  }
  if (!SIGNUMS.has(num)) {
    return { ok: false, error: `value ${pyRepr(value)} is not a valid signal number`, expected: SIGNAL_EXPECTED };
  }
  return { ok: true, value: num };
}

/** options.signame: 15 → 'SIGTERM'; a number without a name → 'signal 35'. */
export function signame(sig: number): string {
  return SIGNAL_NAMES.get(sig) ?? `signal ${sig}`;
}
