// Collects every problem found while loading, in the order found (changesets' collect-don't-throw).
import { pyRepr } from '@tend/protocol';
import type { ConfigIssue, ConfigIssueCode, ConfigWarning } from './types.js';

/** Where a problem is: the file and line of the option (or section header), the section and key. */
export interface Location {
  readonly file: string;
  readonly line?: number | undefined;
  readonly section?: string | undefined;
  readonly key?: string | undefined;
  readonly value?: string | undefined;
}

// `conf.d/web.conf:7 [program:web] stopsignal` — the prefix of every message.
export function formatLocation(loc: Location): string {
  let s = loc.line !== undefined ? `${loc.file}:${loc.line}` : loc.file;
  if (loc.section !== undefined) s += ` [${loc.section}]`;
  if (loc.key !== undefined) s += ` ${loc.key}`;
  return s;
}

// supervisord's suffix for errors raised while building a program's processes (options.py processes_from_section).
export function sectionSuffix(section: string, file: string): string {
  return ` in section ${pyRepr(section)} (file: ${pyRepr(file)})`;
}

export class IssueCollector {
  readonly issues: ConfigIssue[] = [];
  readonly warnings: ConfigWarning[] = [];
  readonly infos: string[] = [];

  /** Records an error. `detail` is tend's explanation; `supervisorText` is supervisord's exact ERR text. */
  error(code: ConfigIssueCode, loc: Location, detail: string, supervisorText: string): void {
    const issue: ConfigIssue = {
      code,
      file: loc.file,
      message: `${formatLocation(loc)}: ${detail}`,
      supervisorText,
      ...(loc.line !== undefined ? { line: loc.line } : {}),
      ...(loc.section !== undefined ? { section: loc.section } : {}),
      ...(loc.key !== undefined ? { key: loc.key } : {}),
      ...(loc.value !== undefined ? { value: loc.value } : {}),
    };
    this.issues.push(issue);
  }

  warn(loc: Location, detail: string, supervisorText?: string): void {
    this.warnings.push({
      file: loc.file,
      message: `${formatLocation(loc)}: ${detail}`,
      ...(loc.line !== undefined ? { line: loc.line } : {}),
      ...(loc.section !== undefined ? { section: loc.section } : {}),
      ...(loc.key !== undefined ? { key: loc.key } : {}),
      ...(supervisorText !== undefined ? { supervisorText } : {}),
    });
  }

  info(text: string): void {
    this.infos.push(text);
  }

  get hasErrors(): boolean {
    return this.issues.length > 0;
  }
}
