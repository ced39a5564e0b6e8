"""Thin task functions: load ids, call a service. Enqueued on commit by the services."""

from django_tasks import task

from gazette.translation import services


@task()
def translate_article(article_id: int) -> str:
    translation = services.article_translate(article_id=article_id)
    return translation.state if translation is not None else "not needed"
