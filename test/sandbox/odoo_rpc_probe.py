"""Calls a (fake) Odoo with Python's own xmlrpc.client and reports what it got.

Reads {"url": ..., "calls": [...]} as JSON on stdin. Each call is either
{"name", "service", "method", "args"} (sent through ServerProxy with
allow_none=False) or {"name", "service", "raw"} (a raw XML body POSTed as is).
Every answer goes through a transport that refuses <nil/> and records the
Content-Type, and is parsed by xmlrpc.client. Prints {name: outcome} as JSON,
where an outcome holds "result" (plus its Python repr) or "fault"; a raw
call also says whether the body is byte for byte what Odoo's dumps() writes.
"""

import http.client
import json
import sys
import urllib.parse
import xmlrpc.client


class StrictTransport(xmlrpc.client.Transport):
    """A transport that fails on <nil/> and keeps the answer's Content-Type."""

    content_type = None

    def parse_response(self, response):
        self.content_type = response.getheader("Content-Type")
        body = response.read()
        if b"<nil" in body:
            raise RuntimeError("the answer contains <nil/>")
        parser, unmarshaller = self.getparser()
        parser.feed(body)
        parser.close()
        return unmarshaller.close()


def call_proxy(url, call):
    transport = StrictTransport()
    proxy = xmlrpc.client.ServerProxy(
        f"{url}/xmlrpc/2/{call['service']}", transport=transport, allow_none=False
    )
    try:
        result = getattr(proxy, call["method"])(*call.get("args", []))
        return {"result": result, "repr": repr(result), "contentType": transport.content_type}
    except xmlrpc.client.Fault as fault:
        return {"fault": {"code": fault.faultCode, "string": fault.faultString}}


def odoo_dumps(params):
    """What Odoo's controllers/rpc.py dumps() writes for the same value."""
    response = xmlrpc.client.Marshaller(allow_none=False).dumps(params)
    return f'<?xml version="1.0"?>\n<methodResponse>\n{response}\n</methodResponse>\n'


def call_raw(url, call):
    parts = urllib.parse.urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    connection.request(
        call.get("httpMethod", "POST"),
        f"/xmlrpc/2/{call['service']}",
        body=call["raw"].encode("utf-8"),
        headers={"Content-Type": "text/xml"},
    )
    response = connection.getresponse()
    body = response.read()
    outcome = {"status": response.status, "contentType": response.getheader("Content-Type")}
    if response.status == 200:
        outcome["hasNil"] = b"<nil" in body
        try:
            params, _ = xmlrpc.client.loads(body)
            outcome["result"] = params[0]
            outcome["repr"] = repr(params[0])
            outcome["sameBytesAsOdoo"] = body.decode("utf-8") == odoo_dumps((params[0],))
        except xmlrpc.client.Fault as fault:
            outcome["fault"] = {"code": fault.faultCode, "string": fault.faultString}
            outcome["sameBytesAsOdoo"] = body.decode("utf-8") == odoo_dumps(fault)
    connection.close()
    return outcome


def main():
    spec = json.load(sys.stdin)
    outcomes = {}
    for call in spec["calls"]:
        runner = call_raw if "raw" in call else call_proxy
        outcomes[call["name"]] = runner(spec["url"], call)
    json.dump(outcomes, sys.stdout, default=str)


if __name__ == "__main__":
    main()
