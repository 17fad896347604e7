"""gunicorn settings: `gunicorn cooperatieve_stad.wsgi` reads this file from the working directory.

Every value can be overridden by the environment (or on the command line), so the same file
serves a small server, a benchmark and each app server behind a load balancer.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")

# Two workers per core plus one keeps the cores busy while some workers wait on PostgreSQL;
# two threads per worker overlap the waits further and keep connections alive.
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "2"))
worker_class = "gthread"
keepalive = 5

# Load the code once in the master: workers start faster and share the memory.
preload_app = True

# Recycle workers now and then, not all at once, so a slow leak never grows large.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "10000"))
max_requests_jitter = max_requests // 10

timeout = 30
graceful_timeout = 30

# Access log to stdout unless switched off (the benchmark does, to measure the site, not the log).
accesslog = None if os.environ.get("GUNICORN_ACCESS_LOG", "on") == "off" else "-"
errorlog = "-"
