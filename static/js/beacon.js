// The view beacon behind "most read": one count per page view, sent by navigator.sendBeacon
// (a POST that outlives the page), else as an image. The address is this script element's
// data-beacon; a page without JavaScript has the <noscript> image instead.
(() => {
  const script = document.currentScript;
  const address = script && script.dataset.beacon;
  if (!address) {
    return;
  }
  if (navigator.sendBeacon) {
    navigator.sendBeacon(address);
  } else {
    new Image().src = address;
  }
})();
