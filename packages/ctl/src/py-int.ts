// Python's int(text) for a str, as supervisorctl parses `tail -N` and `maintail -N`: surrounding
// whitespace, a sign, and single underscores between digits are accepted. null where Python
// raises ValueError. DUPLICATED in spirit from packages/daemon/src/config/py-int.ts (ASCII digits only here).
import { pyStrip } from './py-text.js';

export function pyInt(text: string): number | null {
  const s = pyStrip(text);
  if (!/^[+-]?\d+(?:_\d+)*$/.test(s)) return null;
  return Number(s.replace(/_/g, ''));
}
