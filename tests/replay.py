"""A local HTTP server on 127.0.0.1 that replays recorded responses, with scripted faults.

Routes are keyed by path plus query string ("/SyncFeed/2.0/Feed?category=Toezegging").
Each route holds a queue of responses: the last one repeats, so
`[Reply(429, headers={"Retry-After": "1"}), Reply(200, body)]` answers 429 once, then 200.
Every request is logged in `server.requests`.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Reply:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds to wait before answering (a timeout, seen from the client)
    truncate_at: int | None = None  # send only this many bytes of the body, then close
    gate: threading.Event | None = None  # hold the answer until the test opens the gate (at most 60 s)


class ReplayServer:
    def __init__(self) -> None:
        self.routes: dict[str, list[Reply]] = {}
        self.requests: list[str] = []
        self._lock = threading.Lock()
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self._httpd.server_address[1]}"

    def add(self, path: str, *replies: Reply | bytes | str) -> None:
        queue = [
            r if isinstance(r, Reply) else Reply(body=r.encode() if isinstance(r, str) else r)
            for r in replies
        ]
        self.routes[path] = queue

    def count(self, prefix: str) -> int:
        return sum(1 for r in self.requests if r.startswith(prefix))

    def _next(self, path: str) -> Reply:
        with self._lock:
            self.requests.append(path)
            queue = self.routes.get(path)
            if not queue:
                return Reply(404, b"not found")
            return queue.pop(0) if len(queue) > 1 else queue[0]

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                reply = server._next(self.path)
                if reply.gate is not None:
                    reply.gate.wait(60)
                if reply.delay:
                    time.sleep(reply.delay)
                body = reply.body if reply.truncate_at is None else reply.body[: reply.truncate_at]
                try:
                    self.send_response(reply.status)
                    for k, v in reply.headers.items():
                        self.send_header(k, v)
                    self.send_header("Content-Length", str(len(reply.body)))
                    self.end_headers()
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass
                if reply.truncate_at is not None:
                    self.close_connection = True

            def log_message(self, *args: object) -> None:
                pass

        return Handler

    def start(self) -> None:
        threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        ).start()

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()


@contextmanager
def replay_server() -> Iterator[ReplayServer]:
    server = ReplayServer()
    server.start()
    try:
        yield server
    finally:
        server.stop()
