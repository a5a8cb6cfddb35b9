// File descriptors the daemon inherited without close-on-exec would leak into every child
// (supervisord closes fds 3…minfds in each child; Node cannot run code between fork and exec).
// So the daemon closes them once at startup. Node's own descriptors are all O_CLOEXEC.
import { closeSync, readdirSync, readFileSync } from 'node:fs';

const O_CLOEXEC = 0o2000000;

/** Closes every fd ≥ 3 that lacks O_CLOEXEC, except `keep`. Returns the fds closed. */
export function closeInheritedFds(keep: readonly number[] = []): number[] {
  const closed: number[] = [];
  let entries: string[];
  try {
    entries = readdirSync('/proc/self/fdinfo');
  } catch {
    return closed;
  }
  for (const name of entries) {
    const fd = Number(name);
    if (!Number.isInteger(fd) || fd < 3 || keep.includes(fd)) continue;
    try {
      const flags = /^flags:\s+([0-7]+)/m.exec(readFileSync(`/proc/self/fdinfo/${fd}`, 'utf8'));
      if (flags && (Number.parseInt(flags[1]!, 8) & O_CLOEXEC) === 0) {
        closeSync(fd);
        closed.push(fd);
      }
    } catch {
      // The fd was the directory listing itself, or closed meanwhile.
    }
  }
  return closed;
}
