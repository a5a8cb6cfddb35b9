// supervisorctl's status lines (supervisorctl.py _show_statuses): the namespec left-justified in
// W+3 columns, W = max(30, longest namespec printed), then statename in 10 columns, then the
// server's description, with no separator and trailing spaces kept.
import { makeNamespec, pyLen, pyLjust } from '@tend/protocol';
import type { ProcessInfo } from '@tend/protocol';

export type StatusLineInput = Pick<ProcessInfo, 'group' | 'name' | 'statename' | 'description'>;

export function renderStatusLines(infos: readonly StatusLineInput[]): string[] {
  const namespecs = infos.map((i) => makeNamespec(i.group, i.name));
  const width = Math.max(30, ...namespecs.map(pyLen)) + 3;
  return infos.map((info, i) => pyLjust(namespecs[i]!, width) + pyLjust(info.statename, 10) + info.description);
}
