// Progressive enhancement of the share box: the page works without it.
document.addEventListener("DOMContentLoaded", () => {
  const native = document.querySelector("[data-share-native]");
  if (native && navigator.share) {
    native.closest("li").hidden = false;
    native.addEventListener("click", () => {
      navigator.share({ title: native.dataset.title, url: native.dataset.url }).catch(() => {});
    });
  }
  const copy = document.querySelector("[data-copy-link]");
  if (copy && navigator.clipboard) {
    const input = document.getElementById(copy.dataset.copyLink);
    const status = document.querySelector(".copy-status");
    copy.hidden = false;
    copy.addEventListener("click", () => {
      navigator.clipboard.writeText(input.value).then(
        () => { status.textContent = "Link copied."; },
        () => { input.select(); status.textContent = "Press Ctrl+C to copy."; },
      );
    });
  }
});
