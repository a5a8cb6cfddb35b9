"""MyApp: the Flask app that conf.d/myapp.conf runs under Gunicorn (`gunicorn main:app`).

Gunicorn imports `app` from this module in each of its workers. The answer names the worker
that served it and its master (the Gunicorn arbiter, the process tend supervises), so you can
watch a restart: `curl 127.0.0.1:8000/`, `tendctl restart myapp`, `curl` again.
"""
import os

from flask import Flask

app = Flask(__name__)


@app.route("/")
def index():
    return f"Hello from MyApp: Flask under Gunicorn, worker {os.getpid()} of master {os.getppid()}\n"


@app.route("/health")
def health():
    return "ok\n"
