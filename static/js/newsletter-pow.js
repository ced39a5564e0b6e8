// The newsletter form's optional proof of work (NEWSLETTER_POW_BITS, docs/newsletter.md):
// on submit, fetch a fresh signed challenge, find a nonce whose SHA-256 of
// "challenge:nonce" starts with `bits` zero bits, put both in the form and send it.
(function () {
  "use strict";
  if (window.gazetteNewsletterPow) return; // the form can be on a page twice
  window.gazetteNewsletterPow = true;

  function zeroBits(bytes) {
    let count = 0;
    for (const byte of bytes) {
      if (byte === 0) { count += 8; continue; }
      return count + Math.clz32(byte) - 24;
    }
    return count;
  }

  async function solve(challenge, bits) {
    const encoder = new TextEncoder();
    for (let nonce = 0; ; nonce++) {
      const data = encoder.encode(challenge + ":" + nonce);
      const hash = new Uint8Array(await crypto.subtle.digest("SHA-256", data));
      if (zeroBits(hash) >= bits) return String(nonce);
    }
  }

  for (const form of document.querySelectorAll("form[data-pow]")) {
    form.addEventListener("submit", async function (event) {
      if (form.dataset.powSolved) return;
      event.preventDefault();
      const button = form.querySelector("button[type=submit]");
      if (button) button.disabled = true;
      try {
        const response = await fetch(form.dataset.pow, { cache: "no-store", credentials: "same-origin" });
        const asked = await response.json();
        form.elements.pow_nonce.value = await solve(asked.challenge, asked.bits);
        form.elements.pow_challenge.value = asked.challenge;
        form.dataset.powSolved = "1";
      } finally {
        if (button) button.disabled = false;
      }
      form.submit(); // submit() fires no submit event: no loop
    });
  }
})();
