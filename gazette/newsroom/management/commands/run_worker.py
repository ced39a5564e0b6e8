"""The task worker: django-tasks' `db_worker`, plus a heartbeat, so that a task whose worker
dies (killed, out of memory, machine gone) is queued again when its lease runs out."""

from __future__ import annotations

import os
import socket
import threading
from typing import Any

from django.conf import settings
from django.db import close_old_connections, connection
from django.utils import timezone
from django_tasks_db.management.commands.db_worker import Command as DatabaseWorkerCommand

from gazette.newsroom.models import WorkerHeartbeat


class Heartbeat(threading.Thread):
    """Records every `every` seconds that the worker `worker_id` is alive."""

    def __init__(self, worker_id: str, every: float) -> None:
        super().__init__(name=f"heartbeat-{worker_id}", daemon=True)
        self.worker_id, self.every = worker_id, every
        self.stopped = threading.Event()
        self.started_at = timezone.now()

    def beat(self) -> None:
        WorkerHeartbeat.objects.update_or_create(
            worker_id=self.worker_id,
            defaults={
                "host": socket.gethostname()[:255],
                "pid": os.getpid(),
                "started_at": self.started_at,
                "beat_at": timezone.now(),
            },
        )

    def run(self) -> None:
        try:
            while not self.stopped.wait(self.every):
                close_old_connections()
                try:
                    self.beat()
                except Exception:  # noqa: S112 - a missed beat must not stop the worker
                    continue
        finally:
            connection.close()

    def stop(self) -> None:
        self.stopped.set()
        WorkerHeartbeat.objects.filter(worker_id=self.worker_id).delete()


class Command(DatabaseWorkerCommand):
    help = (
        "Run tasks from the database queue (django-tasks' db_worker) with a heartbeat: if this "
        "process dies, its running task is queued again after TASK_LEASE_SECONDS."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        heartbeat = Heartbeat(options["worker_id"], settings.TASK_HEARTBEAT_SECONDS)
        heartbeat.beat()  # before the first claim, so the lease never sees it missing
        heartbeat.start()
        try:
            super().handle(*args, **options)
        finally:
            heartbeat.stop()
