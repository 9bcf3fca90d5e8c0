"""gunicorn settings for `make run` and production; override with GUNICORN_CMD_ARGS."""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", f"127.0.0.1:{os.environ.get('PORT', '8000')}")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
worker_class = "sync"
# Recycle workers now and then so memory stays flat under a long campaign.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", 20000))
max_requests_jitter = 2000
timeout = 30
graceful_timeout = 20
keepalive = 5
# Access logs would record client addresses; leave them to the proxy, which can drop them.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
errorlog = "-"
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")


def post_fork(server, worker):
    """Each worker sends no `Server: gunicorn` header: it tells a scanner what to try, and
    nothing needs it. gunicorn writes the header itself, past the application (which cannot
    remove it), and has no setting for it (benoitc/gunicorn#825); this drops the line from
    the headers its responses start with. Done in the worker, after the fork, so a reload of
    this file in the arbiter never wraps it twice."""
    from gunicorn.http.wsgi import Response

    with_server = Response.default_headers

    def default_headers(response):
        return [line for line in with_server(response) if not line.startswith("Server:")]

    Response.default_headers = default_headers
