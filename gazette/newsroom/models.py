from __future__ import annotations

from django.db import models


class WorkerHeartbeat(models.Model):
    """A worker process saying it is alive; a task claimed by a worker that stopped beating is
    queued again (`newsroom.reaper`)."""

    worker_id = models.CharField(max_length=64, unique=True)
    host = models.CharField(max_length=255, blank=True)
    pid = models.PositiveIntegerField(default=0)
    started_at = models.DateTimeField()
    beat_at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"worker {self.worker_id} on {self.host} (pid {self.pid})"
