"""Thin task functions: load ids, call a service. Enqueued on commit by the services."""

from django_tasks import task

from gazette.ingest import services


@task()
def poll_source(source_id: int) -> int:
    return len(services.source_poll(source_id=source_id))


@task()
def fetch_entry(entry_id: int) -> bool:
    return services.entry_fetch(entry_id=entry_id) is not None


@task()
def fetch_entries(entry_ids: list[int]) -> int:
    """Several entries in one task: the queue's per-task cost is paid once per batch."""
    return services.entries_fetch(entry_ids=entry_ids)
