// The shell's readline history file: one entry per line, oldest first (GNU readline's
// write_history_file format, which supervisorctl uses). node:readline keeps newest first.
import { readFileSync, writeFileSync } from 'node:fs';

export function loadHistory(file: string): string[] {
  try {
    return readFileSync(file, 'utf8').split('\n').filter((l) => l !== '').reverse();
  } catch {
    return [];
  }
}

// Like supervisorctl, a history file that cannot be written is ignored.
export function saveHistory(file: string, newestFirst: readonly string[]): void {
  try {
    writeFileSync(file, newestFirst.length === 0 ? '' : `${[...newestFirst].reverse().join('\n')}\n`);
  } catch {
    // IOError is passed over in supervisorctl too.
  }
}
