# Python's xmlrpc.client.dumps and supervisor 4.2.5's request unmarshaller
# (supervisor_xmlrpc_handler.loads), for differential tests of packages/protocol/src/xmlrpc.
# stdin: a JSON array of cases; stdout: a JSON array with one result per case.
# Floats that JSON cannot carry travel as {"$float": "nan" | "inf" | "-inf"}.
import datetime
import json
import math
import sys
import xmlrpc.client as xmlrpclib

from supervisor.xmlrpc import supervisor_xmlrpc_handler


def from_json(v):
    if isinstance(v, dict):
        if set(v) == {'$float'}:
            return float(v['$float'])
        return {k: from_json(x) for k, x in v.items()}
    if isinstance(v, list):
        return [from_json(x) for x in v]
    return v


class NotComparable(Exception):
    pass


def to_json(v):
    if isinstance(v, float) and not math.isfinite(v):
        return {'$float': repr(v)}
    if isinstance(v, datetime.datetime):
        return v.strftime('%Y%m%dT%H:%M:%S')
    if isinstance(v, (list, tuple)):
        return [to_json(x) for x in v]
    if isinstance(v, dict):
        out = {}
        for k, x in v.items():
            if not isinstance(k, str):
                raise NotComparable('struct key of type %s' % type(k).__name__)
            out[k] = to_json(x)
        return out
    return v


def run(case):
    kind = case['kind']
    if kind == 'response':
        return {'xml': xmlrpclib.dumps((from_json(case['value']),), methodresponse=1)}
    if kind == 'call':
        return {'xml': xmlrpclib.dumps(tuple(from_json(case['params'])), case['method'])}
    if kind == 'fault':
        return {'xml': xmlrpclib.dumps(xmlrpclib.Fault(case['code'], case['string']))}
    if kind == 'loads':
        handler = supervisor_xmlrpc_handler.__new__(supervisor_xmlrpc_handler)
        try:
            params, method = handler.loads(case['xml'])
        except Exception as e:
            return {'refused': 'unmarshallable', 'why': '%s: %s' % (type(e).__name__, e)}
        if not method:
            return {'refused': 'no method name'}
        try:
            return {'method': method, 'params': to_json(list(params or ()))}
        except NotComparable as e:
            return {'incomparable': str(e)}
    raise ValueError('unknown case kind %r' % kind)


def main():
    cases = json.load(sys.stdin)
    out = []
    for case in cases:
        try:
            out.append(run(case))
        except Exception as e:
            out.append({'crash': '%s: %s' % (type(e).__name__, e)})
    json.dump(out, sys.stdout)


main()
