// ANSI styling for the TTY table, and when to use it, with Node's own precedence: FORCE_COLOR
// (non-empty; "0"/"false" mean off) decides first, then NO_COLOR (any non-empty value) turns
// colour off, else colour follows stdout being a terminal. https://no-color.org, https://force-color.org
export type Style = 'green' | 'yellow' | 'red' | 'dim' | 'bold';

const CODES: Record<Style, readonly [number, number]> = {
  green: [32, 39],
  yellow: [33, 39],
  red: [31, 39],
  dim: [2, 22],
  bold: [1, 22],
};

export function paint(text: string, style: Style | null, enabled: boolean): string {
  if (!enabled || style === null || text === '') return text;
  const [on, off] = CODES[style];
  return `\x1b[${on}m${text}\x1b[${off}m`;
}

export function shouldColor(env: Readonly<Record<string, string | undefined>>, isTty: boolean): boolean {
  const force = env['FORCE_COLOR'];
  if (force !== undefined && force !== '') return force !== '0' && force !== 'false';
  if (env['NO_COLOR']) return false;
  return isTty && env['TERM'] !== 'dumb';
}
