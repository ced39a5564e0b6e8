from collections.abc import Callable

from django.contrib.sitemaps import views as sitemap_views
from django.http import HttpResponseBase
from django.urls import path

from gazette.site import (
    beacon_views,
    comment_views,
    feeds,
    media_views,
    newsletter_views,
    search_views,
    story_views,
    views,
)
from gazette.site.caching import public_page
from gazette.site.sitemaps import SITEMAPS, NewsSitemap

app_name = "site"

FEED_MAX_AGE = 300


def cached_feed(feed: feeds.ArticleFeed) -> Callable[..., HttpResponseBase]:
    return public_page(max_age=FEED_MAX_AGE)(feed)


urlpatterns = [
    path("", views.home, name="home"),
    path("<int:year>/<int:month>/<int:day>/<slug:slug>/", views.article_detail, name="article"),
    path("section/<slug:slug>/", views.section_detail, name="section"),
    path("tag/<slug:slug>/", views.tag_detail, name="tag"),
    path("source/<slug:slug>/", views.source_detail, name="source"),
    path("author/<slug:slug>/", views.author_detail, name="author"),
    path("archive/", views.archive_index, name="archive"),
    path("archive/<int:year>/<int:month>/", views.archive_month, name="archive-month"),
    path("archive/<int:year>/<int:month>/<int:day>/", views.archive_day, name="archive-day"),
    # Feeds
    path("feeds/rss.xml", cached_feed(feeds.ArticleFeed()), name="rss"),
    path("feeds/atom.xml", cached_feed(feeds.SiteAtomFeed()), name="atom"),
    path("section/<slug:slug>/rss.xml", cached_feed(feeds.SectionFeed()), name="section-rss"),
    path("section/<slug:slug>/atom.xml", cached_feed(feeds.SectionAtomFeed()), name="section-atom"),
    path("tag/<slug:slug>/rss.xml", cached_feed(feeds.TagFeed()), name="tag-rss"),
    path("tag/<slug:slug>/atom.xml", cached_feed(feeds.TagAtomFeed()), name="tag-atom"),
    path("source/<slug:slug>/rss.xml", cached_feed(feeds.SourceFeed()), name="source-rss"),
    path("source/<slug:slug>/atom.xml", cached_feed(feeds.SourceAtomFeed()), name="source-atom"),
    # Sitemaps and robots
    path(
        "sitemap.xml",
        public_page(max_age=FEED_MAX_AGE)(sitemap_views.index),
        {"sitemaps": SITEMAPS, "sitemap_url_name": "site:sitemap-section"},
        name="sitemap-index",
    ),
    path(
        "sitemap-<section>.xml",
        public_page(max_age=FEED_MAX_AGE)(sitemap_views.sitemap),
        {"sitemaps": SITEMAPS},
        name="sitemap-section",
    ),
    path(
        "news-sitemap.xml",
        public_page(max_age=FEED_MAX_AGE)(sitemap_views.sitemap),
        {"sitemaps": {"news": NewsSitemap}, "template_name": "site/sitemap_news.xml"},
        name="sitemap-news",
    ),
    path("robots.txt", views.robots_txt, name="robots"),
    # Our stored copies of lead images (never the outlets' addresses)
    path("media/images/<str:shard>/<str:file>", media_views.media_image, name="media-image"),
    # The newsletter: sign up, and the pages its mails link to (docs/newsletter.md)
    path("newsletter/", newsletter_views.subscribe, name="newsletter"),
    path("newsletter/confirm/<str:token>/", newsletter_views.confirm, name="newsletter-confirm"),
    path(
        "newsletter/unsubscribe/<str:token>/",
        newsletter_views.unsubscribe,
        name="newsletter-unsubscribe",
    ),
    path(
        "newsletter/preferences/<str:token>/",
        newsletter_views.preferences,
        name="newsletter-preferences",
    ),
    path(
        "newsletter/unsubscribe/<str:token>/one-click/",
        newsletter_views.one_click_unsubscribe,
        name="newsletter-one-click",
    ),
    # The site's own pages (text kept in the desk), its icon and its web app manifest
    path("about/", views.site_page, {"slug": "about"}, name="about"),
    path("imprint/", views.site_page, {"slug": "imprint"}, name="imprint"),
    path("privacy/", views.site_page, {"slug": "privacy"}, name="privacy"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("manifest.webmanifest", views.web_manifest, name="manifest"),
    # Search, stories and the view beacon (what the discovery app finds)
    path("search/", search_views.search, name="search"),
    path(
        "search/feed/",
        public_page(max_age=search_views.SEARCH_MAX_AGE)(search_views.SearchFeed()),
        name="search-feed",
    ),
    path("stories/<int:pk>/", story_views.story_detail, name="story"),
    path("beacon/<int:article_id>/", beacon_views.beacon, name="beacon"),
    # Readers' comments (gazette.site.comment_views)
    path("comments/post/<int:article_id>/", comment_views.comment_post, name="comment-post"),
    path("comments/reply/<int:comment_id>/", comment_views.comment_reply, name="comment-reply"),
    path("comments/confirm/<str:token>/", comment_views.comment_confirm, name="comment-confirm"),
    path("comments/manage/<str:token>/", comment_views.comment_manage, name="comment-manage"),
    path(
        "comments/unsubscribe/<str:token>/",
        comment_views.comment_unsubscribe,
        name="comment-unsubscribe",
    ),
    path("comments/data/", comment_views.comment_data_request, name="comment-data-request"),
    path("comments/data/<str:token>/", comment_views.comment_data, name="comment-data"),
    path("healthz", views.healthz, name="healthz"),
    path("readyz", views.readyz, name="readyz"),
]
