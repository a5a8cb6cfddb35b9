// Python's getopt.getopt, which supervisord and supervisorctl parse their command lines with.
// Its rules are part of the CLI contract: unique prefixes of long options, `-cFILE` and `-c FILE`,
// parsing stops at the first non-option, and these exact error texts (`option --x not recognized`).
// util.parseArgs has none of the prefix rules or texts, so the contract is kept here.

/** One option as parsed: `-c` or `--configuration` (the full long name) and its argument ('' for flags). */
export interface ParsedOpt {
  readonly opt: string;
  readonly arg: string;
}

export class GetoptError extends Error {
  readonly code = 'ERR_GETOPT';
  constructor(message: string) {
    super(message);
    this.name = 'GetoptError';
  }
}

/**
 * getopt(args, shortopts, longopts). `extraLongopts` are matched only exactly, so that adding tend's own
 * long options never turns a prefix that is unique for supervisord (`--ch` → `--childlogdir`) ambiguous.
 */
export function getopt(args: readonly string[], shortopts: string, longopts: readonly string[], extraLongopts: readonly string[] = []): { opts: ParsedOpt[]; args: string[] } {
  const opts: ParsedOpt[] = [];
  let rest = [...args];
  while (rest.length > 0 && rest[0]!.startsWith('-') && rest[0] !== '-') {
    const first = rest[0]!;
    rest = rest.slice(1);
    if (first === '--') break;
    if (first.startsWith('--')) rest = doLong(opts, first.slice(2), longopts, extraLongopts, rest);
    else rest = doShorts(opts, first.slice(1), shortopts, rest);
  }
  return { opts, args: rest };
}

function doLong(opts: ParsedOpt[], text: string, longopts: readonly string[], extra: readonly string[], args: string[]): string[] {
  const eq = text.indexOf('=');
  let opt = eq === -1 ? text : text.slice(0, eq);
  let optarg: string | null = eq === -1 ? null : text.slice(eq + 1);
  let hasArg: boolean;
  if (extra.includes(opt) || extra.includes(`${opt}=`)) hasArg = extra.includes(`${opt}=`);
  else [hasArg, opt] = longHasArgs(opt, longopts);
  if (hasArg) {
    if (optarg === null) {
      if (args.length === 0) throw new GetoptError(`option --${opt} requires argument`);
      optarg = args[0]!;
      args = args.slice(1);
    }
  } else if (optarg !== null) throw new GetoptError(`option --${opt} must not have an argument`);
  opts.push({ opt: `--${opt}`, arg: optarg ?? '' });
  return args;
}

function longHasArgs(opt: string, longopts: readonly string[]): [boolean, string] {
  const possibilities = longopts.filter((o) => o.startsWith(opt));
  if (possibilities.length === 0) throw new GetoptError(`option --${opt} not recognized`);
  if (possibilities.includes(opt)) return [false, opt];
  if (possibilities.includes(`${opt}=`)) return [true, opt];
  if (possibilities.length > 1) throw new GetoptError(`option --${opt} not a unique prefix`);
  const match = possibilities[0]!;
  return match.endsWith('=') ? [true, match.slice(0, -1)] : [false, match];
}

function doShorts(opts: ParsedOpt[], optstring: string, shortopts: string, args: string[]): string[] {
  while (optstring !== '') {
    const opt = optstring[0]!;
    optstring = optstring.slice(1);
    let optarg = '';
    if (shortHasArg(opt, shortopts)) {
      if (optstring === '') {
        if (args.length === 0) throw new GetoptError(`option -${opt} requires argument`);
        optstring = args[0]!;
        args = args.slice(1);
      }
      optarg = optstring;
      optstring = '';
    }
    opts.push({ opt: `-${opt}`, arg: optarg });
  }
  return args;
}

function shortHasArg(opt: string, shortopts: string): boolean {
  for (let i = 0; i < shortopts.length; i++) {
    if (opt === shortopts[i] && opt !== ':') return shortopts[i + 1] === ':';
  }
  throw new GetoptError(`option -${opt} not recognized`);
}
