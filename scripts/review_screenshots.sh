#!/bin/sh
# Rewrite the committed screenshots of the translation review screen
# (docs/screenshots/desk-review-1280.png and desk-review-375.png) from its browser test,
# which builds the Kyiv article with the tiny test model. Needs Chromium and axe-core
# (`make test` installs both). GAZETTE_SCREENSHOTS_DIR=/some/dir also keeps the Engines page.
set -e
cd "$(dirname "$0")/.."
GAZETTE_SCREENSHOTS=1 exec .venv/bin/pytest tests/desk/test_translation_review_in_browser.py \
  -q -p no:cacheprovider "$@"
