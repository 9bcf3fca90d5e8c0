"""A partner's site for browser tests: pages served from another origin than ours.

Our live server answers on http://localhost:PORT; this one on http://127.0.0.1:OTHER, a
different origin, as a union's or a newspaper's site would be.
"""

import threading
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class HostSite:
    def __init__(self, server):
        self.server = server
        self.pages = server.pages
        self.url = f"http://127.0.0.1:{server.server_address[1]}"

    def serve(self, path, html):
        self.pages[path] = html.encode()
        return self.url + path


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        body = self.server.pages.get(self.path)
        self.send_response(200 if body else 404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.end_headers()
        self.wfile.write(body or b"not found")

    def log_message(self, *args):
        pass


@contextmanager
def host_site():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.pages = {}
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield HostSite(server)
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def page(body, script=""):
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Partner</title>'
        '<link rel="icon" href="data:,">'
        f"<script>{script}</script></head><body><h1>A partner's article</h1>{body}</body></html>"
    )
