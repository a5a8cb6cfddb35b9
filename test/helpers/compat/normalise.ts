// Cleans one CLI result so two runs can be compared byte for byte: what differs by nature
// between two daemons (temp dir, pids, uptimes, wall-clock dates, the CLI's argv0, Python source
// locations in `error: …` lines, main-log timestamps) becomes a placeholder; nothing else is touched.

const MONTHS = 'Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec';

const RULES: readonly (readonly [RegExp, string])[] = [
  // status descriptions: `pid 5749, uptime 0:00:05`, `uptime 1 day, 0:00:05`
  [/\bpid \d+/g, 'pid <pid>'],
  [/\buptime (?:\d+ days?, )?\d+:\d\d:\d\d\b/g, 'uptime <uptime>'],
  // STOPPED/EXITED descriptions: `Nov 21 06:57 PM` (local time, %b %d %I:%M %p)
  [new RegExp(`\\b(?:${MONTHS}) \\d\\d \\d\\d:\\d\\d [AP]M\\b`, 'g'), '<date>'],
  // usage lines name the CLI's argv0
  [/For help, use \S+ -h/g, 'For help, use <argv0> -h'],
  [/^Usage: \S+ /gm, 'Usage: <argv0> '],
  // `error: <class 'X'>, msg: file: /usr/lib/python3/…/client.py line: 668` (end of line, absolute
  // path: configparser's own `file: '<dir>/x.conf', line: 1` inside a CANT_REREAD is kept)
  [/file: \/\S+ line: \d+$/gm, 'file: <file> line: <line>'],
  // main log lines (maintail): `2026-11-21 18:56:46,119 INFO spawned: 'g1' with pid 5749`
  [/\b\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3}\b/g, '<ts>'],
  [/\bwith pid \d+/g, 'with pid <pid>'],
  [/'([^']*)' \(\d+\) with (SIG\w+)/g, "'$1' (<pid>) with $2"],
  // `pid` / `pid name` / `pid all`: a line that is only a non-zero number is a pid (0 = not running)
  [/^[1-9]\d*$/gm, '<pid>'],
];

/** Replaces every occurrence of the scenario's temp dir first, so paths compare equal. */
export function normalise(text: string, dir: string): string {
  let out = dir === '' ? text : text.split(dir).join('<dir>');
  for (const [re, to] of RULES) out = out.replace(re, to);
  return out;
}

const KEYBOARD_INTERRUPT = /^.* Cannot connect, error: <class 'KeyboardInterrupt'> \(\)\n/gm;

/**
 * A streaming command (tail -f, maintail -f) ended by SIGINT once stdout showed `marker`: keep
 * stdout up to the marker and mark the interrupt. After Ctrl-C supervisorctl prints either an
 * empty line (KeyboardInterrupt caught by do_tail) or, when the signal lands inside its asyncore
 * loop, `<url> Cannot connect, error: <class 'KeyboardInterrupt'> ()` on stderr — a race inside
 * Python, so both are cleaned away. Anything else after the marker is kept and compared.
 */
export function normaliseInterrupted(stdout: string, stderr: string, marker: string): { stdout: string; stderr: string } {
  const at = stdout.indexOf(marker);
  if (at < 0) return { stdout, stderr };
  const head = stdout.slice(0, at + marker.length);
  const rest = stdout.slice(at + marker.length);
  return {
    stdout: `${head}${/^\n?$/.test(rest) ? '' : rest}<interrupted by SIGINT>\n`,
    stderr: stderr.replace(KEYBOARD_INTERRUPT, ''),
  };
}

/** Sorts each run of consecutive `<namespec>: stopped` lines (see CommandStep.completionOrder). */
export function sortStoppedRuns(stdout: string): string {
  const lines = stdout.split('\n');
  const out: string[] = [];
  let run: string[] = [];
  const flush = () => { out.push(...run.sort()); run = []; };
  for (const line of lines) {
    if (/^\S+: stopped$/.test(line)) run.push(line);
    else { flush(); out.push(line); }
  }
  flush();
  return out.join('\n');
}
