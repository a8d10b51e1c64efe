"""A gthread worker that takes a new connection only while one of its threads is free, and
serves a kept-alive connection's next request in the thread that served the last one.

gunicorn's workers all wait on the one listening socket and the first to wake accepts; with
keep-alive, whatever a worker accepted stays with it. Measured with 8 clients on 2 workers, all 8
connections often landed on one worker: that process, bound to one core by the GIL, served
everything while the other idled, and throughput halved from one run to the next. Declining to
accept while every thread is busy leaves the connection to a worker that has one free.

After each response gthread hands a kept-alive connection back to its main thread, which waits
for the next request with the others and hands it to a thread again: a wake-up through a pipe,
two registrations with the poller and a future per request, about a sixth of a write's time
holding the interpreter (profiled). A client that sends its next request at once (a bulk
import, an integration) is served on in the same thread, for `IN_A_ROW` requests at most, so
that connections queued behind it get their turn; one that does not is handed back after
`LINGER`, so a thread waits on a silent connection for no longer than that.
"""

from __future__ import annotations

import select
from typing import Any

from gunicorn.workers.gthread import ThreadWorker

# How long a thread waits for a kept-alive connection's next request before handing it back:
# long enough for a client that answers at once, short enough that a silent one costs little.
LINGER = 0.002
# Requests served in a row on one connection before it goes back in line with the others.
IN_A_ROW = 16


def may_accept(connections: int, idle_keepalive: int, threads: int, worker_connections: int) -> bool:
    """Accept while a thread is free for the connection: idle keep-alive connections occupy no
    thread, those being read, queued or answered do."""
    return connections < worker_connections and connections - idle_keepalive < threads


class BalancedThreadWorker(ThreadWorker):
    def wait_for_and_dispatch_events(self, timeout: float) -> None:
        # Checked before every wait: a thread finishing wakes the loop through the method
        # queue, so accepting resumes as soon as one is free.
        self.set_accept_enabled(may_accept(self.nr_conns, len(self.keepalived_conns),
                                           self.cfg.threads, self.worker_connections))
        super().wait_for_and_dispatch_events(timeout)

    def handle(self, conn: Any) -> Any:
        # True: the response kept the connection alive (gthread's own answer, see finish_request).
        kept = super().handle(conn)
        for _ in range(IN_A_ROW - 1):
            if kept is not True or not self.alive or not next_request_within(conn, LINGER):
                break
            kept = super().handle(conn)
        return kept


def next_request_within(conn: Any, seconds: float) -> bool:
    """Whether the connection's next request has begun to arrive, waiting `seconds` at most."""
    if conn.parser.unreader.buf.getvalue():  # read ahead already
        return True
    return bool(select.select([conn.sock], [], [], seconds)[0])
