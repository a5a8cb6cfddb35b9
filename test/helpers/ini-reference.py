# Reference for test/integration/protocol/python/ini-vs-python.test.ts: reads INI texts with
# supervisor's own UnhosedConfigParser and prints what it made of them as JSON.
#
# stdin:  {"here": str, "cases": [[{"name": str, "text": str}, ...], ...]}
#         (each case is a list of files read into one parser, in order, as [include] does)
# stdout: [{"error": null | {"kind", "message", "lines": [[lineno, line without its newline], ...]},
#           "sections": [[name, file, line, [[key, value, line], ...]], ...],
#           "defaults": [[key, value, line], ...],
#           "expanded": null | [[name, [[key, value], ...]], ...]}, ...]
#
# Each file is decoded as UTF-8 with universal newlines, as open(path) does for a real file.
# Line numbers come from a dict type that notes the current line whenever _read stores a new
# option (a list) or a new section into it; the parsing itself is supervisor's, untouched.
import ast
import configparser
import io
import json
import sys

from supervisor.options import UnhosedConfigParser

current_line = [0]


class LineDict(dict):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.lines = {}

    def __setitem__(self, key, value):
        if isinstance(value, (list, LineDict)):
            self.lines[key] = current_line[0]
        super().__setitem__(key, value)


def counted(fp):
    for lineno, line in enumerate(fp, start=1):
        current_line[0] = lineno
        yield line


def without_newline(line):
    return line[:-1] if line.endswith("\n") else line


def dump_options(options):
    return [[k, v, options.lines.get(k)] for k, v in options.items()]


def run_case(files, here):
    parser = UnhosedConfigParser(dict_type=LineDict)
    section_file = {}
    error = None
    for f in files:
        before = set(parser._sections)
        fp = io.TextIOWrapper(io.BytesIO(f["text"].encode("utf-8")), encoding="utf-8")
        try:
            parser.read_file(counted(fp), source=f["name"])
        except configparser.MissingSectionHeaderError as e:
            error = {"kind": "no-section-header", "message": str(e),
                     "lines": [[e.lineno, without_newline(e.line)]]}
        except configparser.ParsingError as e:
            error = {"kind": "parsing", "message": str(e),
                     "lines": [[n, without_newline(ast.literal_eval(r))] for n, r in e.errors]}
        for name in set(parser._sections) - before:
            section_file[name] = f["name"]
        if error is not None:
            break
    sections = [[name, section_file.get(name), parser._sections.lines.get(name),
                 dump_options(opts)] for name, opts in parser._sections.items()]
    expanded = None
    if error is None:
        parser.expand_here(here)
        expanded = [[name, list(opts.items())] for name, opts in parser._sections.items()]
    return {"error": error, "sections": sections,
            "defaults": dump_options(parser._defaults), "expanded": expanded}


def main():
    request = json.load(sys.stdin)
    out = [run_case(files, request["here"]) for files in request["cases"]]
    json.dump(out, sys.stdout)


main()
