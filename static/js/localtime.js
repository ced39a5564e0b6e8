// Times in the reader's own zone: every <time class="dt"> is written by the server in the
// site's zone, named ("Nov. 24, 2026, 6:30 a.m. CET"). Where the reader's zone differs, the text
// is rewritten in the same format and names the reader's zone; the machine-readable datetime
// attribute stays as it is. Without JavaScript the page is complete.
(() => {
  const MONTHS = ["Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."];
  const offsetOf = (iso) => {
    const m = /([+-])(\d\d):?(\d\d)$/.exec(iso);
    if (!m) return iso.endsWith("Z") ? 0 : null;
    return (m[1] === "-" ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
  };
  const clock = (d) => {
    const h = d.getHours(), min = d.getMinutes();
    if (min === 0 && h === 0) return "midnight";
    if (min === 0 && h === 12) return "noon";
    const hour = h % 12 || 12;
    return `${hour}${min ? ":" + String(min).padStart(2, "0") : ""} ${h < 12 ? "a.m." : "p.m."}`;
  };
  const zoneName = (d) => {
    try {
      const part = new Intl.DateTimeFormat("en-GB", { timeZoneName: "short" })
        .formatToParts(d).find((p) => p.type === "timeZoneName");
      return part ? part.value : "";
    } catch (e) { return ""; }
  };
  const english = (document.documentElement.lang || "en").toLowerCase().startsWith("en");
  const write = (el) => {
    const iso = el.getAttribute("datetime");
    const d = new Date(iso);
    const given = offsetOf(iso);
    if (Number.isNaN(d.getTime()) || given === null || -d.getTimezoneOffset() === given) return;
    const zone = zoneName(d);
    const text = english
      ? `${MONTHS[d.getMonth()]} ${d.getDate()}, ${d.getFullYear()}, ${clock(d)}`
      : new Intl.DateTimeFormat(document.documentElement.lang, { dateStyle: "medium", timeStyle: "short" }).format(d);
    el.title = el.textContent.trim();  // the site's time stays at hand
    el.textContent = zone ? `${text} ${zone}` : text;
  };
  const run = () => document.querySelectorAll("time.dt[datetime]").forEach(write);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", run);
  else run();
})();
