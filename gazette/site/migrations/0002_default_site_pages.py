"""The three site pages, with default text an editor adapts in the desk (Site pages).

The privacy text says what Gazette itself does; a site that adds anything (a proxy's logs,
analytics, embedded media) must say so there."""

from django.db import migrations

ABOUT = """<p>This site collects news from the outlets it follows, in their own languages, and
shows each story in one language. Every story links to its original: the outlet that reported
it is named on the story's page, with a link to where it first appeared.</p>
<h2>How it works</h2>
<p>The site reads the outlets' feeds and pages at regular intervals. A story from an outlet
that allows it is shown in full; others are shown as an excerpt or as a link only. Stories
written in another language are translated by machine, and the page says so. Reports of the
same event from several outlets are grouped into one story.</p>
<p>The site runs Gazette, self-hosted software for multilingual news.</p>
<p>Corrections, questions or an outlet that wants to be left out: see the
<a href="/imprint/">imprint and contact</a> page.</p>"""

IMPRINT = """<p>An editor of this site has not filled in this page yet. It should name who
runs the site (a person or an organisation), a postal address, and a way to reach them, such
as an e-mail address; in many countries the law requires it.</p>
<h2>Contact</h2>
<p>For corrections to a story, please contact the outlet that published it: every story links
to its original. For anything about this site itself, use the address above.</p>"""

PRIVACY = """<p>This page describes what the site does with information about its readers.
It is the Gazette software's default; if the people running the site add anything (analytics,
embedded media, a hosting provider's own logs), they must describe it here.</p>
<h2>No cookies for readers</h2>
<p>Reading the site sets no cookies and needs no account. Only editors who sign in to the
editorial desk get a session cookie, which is needed to keep them signed in.</p>
<h2>Counting which stories are read</h2>
<p>To show the "most read" stories, a story's page sends a small request (a "view beacon")
when it is opened. The site does not store your address for this. It combines your IP
address (for an IPv6 address, its /64 network) with a secret value that changes every day and
uses only the resulting hash, so the same reader counts once per story per day and
yesterday's hashes cannot be linked to today's. To count a reader once, the hash and the story
are remembered in the site's cache until the end of the day; to limit how many views one
address can add, a count of that hash's requests is kept there for two minutes. What is stored
for good is only the number of views per story and hour, with nothing about who read what.
Requests that look like bots or prefetches are not counted.</p>
<h2>Server logs</h2>
<p>Like most web servers, the server that runs the site may write a log line for each
request, with the time, the address requested, the response and your IP address, for
operating the site and finding errors. How long these logs are kept is up to the people who
run this site.</p>
<h2>Links to other sites</h2>
<p>Stories link to the outlets that published them and may show their images, which your
browser loads from those outlets' servers. When you follow a link or an image is loaded, the
other site's own privacy policy applies.</p>
<h2>Your rights</h2>
<p>To ask about information concerning you, use the contact given in the
<a href="/imprint/">imprint</a>.</p>"""

PAGES = [
    ("about", "About", ABOUT),
    ("imprint", "Imprint and contact", IMPRINT),
    ("privacy", "Privacy", PRIVACY),
]


def create_pages(apps, schema_editor):
    SitePage = apps.get_model("site", "SitePage")
    for slug, title, body in PAGES:
        SitePage.objects.get_or_create(
            slug=slug, defaults={"title": title, "body_html": " ".join(body.split())}
        )


class Migration(migrations.Migration):
    dependencies = [("site", "0001_site_pages")]

    operations = [migrations.RunPython(create_pages, migrations.RunPython.noop)]
