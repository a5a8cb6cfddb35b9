// Process names on the wire and on the command line (supervisor options.py make_namespec and
// split_namespec): `group:process`, or `process` when group and process share the name.

/** `group:process`, or `process` when the group is named like the process. */
export function makeNamespec(group: string, process: string): string {
  return group === process ? process : `${group}:${process}`;
}

/** `g:p` → {g, p}; `g:*` and `g:` → {g, null} (the whole group); `p` → {p, p}. */
export function splitNamespec(namespec: string): { group: string; process: string | null } {
  const i = namespec.indexOf(':');
  if (i === -1) return { group: namespec, process: namespec };
  const group = namespec.slice(0, i);
  const process = namespec.slice(i + 1);
  return { group, process: process === '' || process === '*' ? null : process };
}
