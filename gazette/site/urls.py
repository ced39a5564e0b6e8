from collections.abc import Callable

from django.contrib.sitemaps import views as sitemap_views
from django.http import HttpResponseBase
from django.urls import path

from gazette.site import beacon_views, feeds, search_views, story_views, views
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
    path("healthz", views.healthz, name="healthz"),
    path("readyz", views.readyz, name="readyz"),
]
