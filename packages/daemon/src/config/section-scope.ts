// Reading one section's options the way supervisor's UnhosedConfigParser.saneget does
// (own value, else [DEFAULT], else the default; then `%` expansion), recording every failure
// with its file:line instead of raising the first one.
import { expandPercent, type Expansions, getRawOption, pyRepr } from '@tend/protocol';
import { type IssueCollector, type Location } from './issues.js';
import type { PathContext } from './path-values.js';
import type { ConfigIssueCode, Converted, RawIni, RawValue } from './types.js';

/** What every section reader shares: the parsed files, the collector, and ENV_* expansions. */
export interface LoadContext {
  readonly ini: RawIni;
  readonly issues: IssueCollector;
  /** supervisor's parser.expansions: ENV_* of the daemon's environment, then of [supervisord] environment. */
  readonly envExpansions: Map<string, string | number>;
  /** The main config file as given (supervisor's `configfile`), for sections not from an included file. */
  readonly mainFile: string;
  readonly here: string;
  readonly hostNodeName: string;
  /** cwd and environment for path checks (supervisord's own). */
  readonly paths: PathContext;
}

export type Got = { readonly ok: true; readonly text: string | null; readonly raw: RawValue | undefined } | { readonly ok: false };
export type Read<T> = { readonly ok: true; readonly value: T; readonly raw: RawValue | undefined } | { readonly ok: false };

export class SectionScope {
  readonly ctx: LoadContext;
  readonly section: string;
  /** Appended to supervisord's text for errors raised while building processes; '' elsewhere. */
  readonly suffix: string;

  constructor(ctx: LoadContext, section: string, suffix = '') {
    this.ctx = ctx;
    this.section = section;
    this.suffix = suffix;
  }

  /** Location of an option if it is set, else of the section header. */
  locate(key: string | undefined, raw?: RawValue, value?: string): Location {
    const sec = this.ctx.ini.sections.get(this.section);
    const file = raw?.file ?? sec?.file ?? this.ctx.mainFile;
    const line = raw?.line ?? sec?.line;
    return { file, line, section: this.section, key, value };
  }

  raw(key: string): RawValue | undefined {
    return getRawOption(this.ctx.ini, this.section, key);
  }

  /**
   * saneget(section, key, default, do_expand, expansions): `expansions` null means do_expand=False.
   * The mapping is parser.expansions followed by `expansions` (later keys win), as supervisor builds it.
   */
  get(key: string, def: string | null, expansions: Expansions | null, name = `${this.section}.${key}`): Got {
    const raw = this.raw(key);
    const text = raw ? raw.value : def;
    if (text === null || expansions === null) return { ok: true, text, raw };
    return this.expand(key, text, raw, expansions, name);
  }

  /** One `%` expansion pass over `text` with parser.expansions + `expansions`. */
  expand(key: string, text: string, raw: RawValue | undefined, expansions: Expansions, name: string, combine = true): Got {
    // Python's `text % mapping` leaves a text without '%' as it is, whatever the mapping holds; most
    // values have none, and building the mapping is most of a reread's cost.
    if (!text.includes('%')) return { ok: true, text, raw };
    const mapping = combine ? new Map([...this.ctx.envExpansions, ...expansions]) : expansions;
    const r = expandPercent(text, mapping, name);
    if (r.ok) return { ok: true, text: r.value, raw };
    this.fail('ERR_CONFIG_EXPANSION', key, raw, text, `${r.error}; expected ${r.expected}`, r.error);
    return { ok: false };
  }

  /** get() then a converter; failures become issues naming the option and the bad value. */
  read<T>(key: string, def: string | null, convert: (v: string) => Converted<T>, expansions: Expansions | null): Read<T | null> {
    const got = this.get(key, def, expansions);
    if (!got.ok) return got;
    if (got.text === null) return { ok: true, value: null, raw: got.raw };
    return this.convert(key, got.text, got.raw, convert);
  }

  /** Like read() for an option that always has a (string) default. */
  need<T>(key: string, def: string, convert: (v: string) => Converted<T>, expansions: Expansions | null): Read<T> {
    return this.read(key, def, convert, expansions) as Read<T>;
  }

  convert<T>(key: string, text: string, raw: RawValue | undefined, convert: (v: string) => Converted<T>): Read<T> {
    const r = convert(text);
    if (r.ok) return { ok: true, value: r.value, raw };
    this.fail('ERR_CONFIG_BAD_VALUE', key, raw, text, `expected ${r.expected}, got ${pyRepr(text)} (${r.error})`, r.error);
    return { ok: false };
  }

  /** Records an error at `key` (or at the section header when key is undefined). */
  fail(code: ConfigIssueCode, key: string | undefined, raw: RawValue | undefined, value: string | undefined, detail: string, supervisorText: string): void {
    this.ctx.issues.error(code, this.locate(key, raw ?? (key ? this.raw(key) : undefined), value), detail, supervisorText + this.suffix);
  }
}

/** The value read, or `fallback` when reading failed (the failure is already recorded). */
export function valueOr<T>(r: Read<T | null> | Read<T>, fallback: T): T {
  return r.ok && r.value !== null ? r.value : fallback;
}
