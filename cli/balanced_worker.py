"""A gthread worker that takes a new connection only while one of its threads is free.

gunicorn's workers all wait on the one listening socket and the first to wake accepts; with
keep-alive, whatever a worker accepted stays with it. Measured with 8 clients on 2 workers, all 8
connections often landed on one worker: that process, bound to one core by the GIL, served
everything while the other idled, and throughput halved from one run to the next. Declining to
accept while every thread is busy leaves the connection to a worker that has one free.
"""

from __future__ import annotations

from gunicorn.workers.gthread import ThreadWorker


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
