"""Reference for test/integration/protocol/python/expand-vs-python.test.ts.

Reads a JSON list of cases {"s": str, "pairs": [[name, str|int], ...], "name": str} on stdin,
runs supervisor.options.expand(s, dict(pairs), name) for each, and prints a JSON list of
{"ok": true, "value": str} or {"ok": false, "error": str(ValueError)} (ASCII-escaped JSON).
"""
import json
import sys

from supervisor.options import expand


def run(case):
    try:
        return {"ok": True, "value": expand(case["s"], dict(case["pairs"]), case["name"])}
    except ValueError as exc:
        return {"ok": False, "error": str(exc)}


def main():
    cases = json.loads(sys.stdin.buffer.read().decode("utf-8", "surrogatepass"))
    sys.stdout.write(json.dumps([run(case) for case in cases]))


if __name__ == "__main__":
    main()
