// Tab completion of the interactive shell, as supervisorctl's Controller.complete: verbs for the
// first word (and after `help`), group names after add/remove/update, process names (`g:p`,
// `g:*`, or `p` for a process alone in its group) after the verbs that take them. Words keep
// ':', '*' and '-' (supervisorctl removes them from readline's delimiters).
import type { ProcessInfo } from '@tend/protocol';

// GNU readline's default word break characters, less ':', '*' and '-'.
const DELIMS = new Set(' \t\n"\\\'`@$><=;|&{(');

const GROUP_VERBS = new Set(['add', 'remove', 'update']);
const PROCESS_VERBS = new Set(['clear', 'fg', 'pid', 'restart', 'signal', 'start', 'status', 'stop', 'tail']);

/** The word being completed: the text after the last delimiter. */
export function currentWord(line: string): string {
  let i = line.length;
  while (i > 0 && !DELIMS.has(line[i - 1]!)) i--;
  return line.slice(i);
}

export function completeVerbs(text: string, verbs: readonly string[]): string[] {
  return verbs.filter((v) => v.startsWith(text)).map((v) => `${v} `);
}

export function completeGroups(text: string, infos: readonly ProcessInfo[]): string[] {
  const groups = [...new Set(infos.map((i) => i.group))];
  return groups.filter((g) => g.startsWith(text)).map((g) => `${g} `);
}

export function completeProcesses(text: string, infos: readonly ProcessInfo[]): string[] {
  const names: string[] = [];
  for (const info of infos) {
    if (text.includes(':') || info.name !== info.group) {
      names.push(`${info.group}:${info.name}`);
      if (!names.includes(`${info.group}:*`)) names.push(`${info.group}:*`);
    } else names.push(info.name);
  }
  return names.filter((n) => n.startsWith(text)).map((n) => `${n} `);
}

export type CompletionNeed = 'verbs' | 'groups' | 'processes' | 'none';

// Which list completes `line` (the whole input so far).
export function completionNeed(line: string): CompletionNeed {
  if (line.trim() === '') return 'verbs';
  const words = line.trim().split(/\s+/);
  const action = words[0]!;
  if (words.length === 1 && !line.endsWith(' ')) return 'verbs';
  // supervisorctl tests `action in ('help')`, a substring test on the string 'help'.
  if ('help'.includes(action)) return 'verbs';
  if (GROUP_VERBS.has(action)) return 'groups';
  if (PROCESS_VERBS.has(action)) return 'processes';
  return 'none';
}

/** Matches for `line`; `fetchInfos` is called only when names are needed. */
export async function completeLine(line: string, verbs: readonly string[], fetchInfos: () => Promise<readonly ProcessInfo[]>): Promise<[string[], string]> {
  const text = currentWord(line);
  const need = completionNeed(line);
  if (need === 'verbs') return [completeVerbs(text, verbs), text];
  if (need === 'none') return [[], text];
  const infos = await fetchInfos();
  return [need === 'groups' ? completeGroups(text, infos) : completeProcesses(text, infos), text];
}
