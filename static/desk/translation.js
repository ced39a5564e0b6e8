/* The review screen: each translation is edited as readable text, with glossary terms and the
   original's links and emphasis shown as highlighted words; what is sent back is the same text
   with its markers (<x1/>, <g1>…</g1>), kept in the hidden text box the form submits. */
(function () {
  "use strict";

  function serialise(node) {
    var out = "";
    node.childNodes.forEach(function (child) {
      if (child.nodeType === Node.TEXT_NODE) {
        out += child.nodeValue;
      } else if (child.nodeType === Node.ELEMENT_NODE) {
        if (child.dataset.x) {
          out += "<x" + child.dataset.x + "/>";
        } else if (child.dataset.g) {
          out += "<g" + child.dataset.g + ">" + serialise(child) + "</g" + child.dataset.g + ">";
        } else if (child.tagName === "BR") {
          out += " ";
        } else {
          out += serialise(child); // a browser may wrap typed text in a <span> or <div>
        }
      }
    });
    return out;
  }

  function start(editor) {
    var raw = document.getElementById(editor.dataset.for);
    var undo = document.querySelector('.review-undo[data-for="' + editor.dataset.for + '"]');
    if (!raw) return;
    var initial = editor.innerHTML;
    var sync = function () {
      raw.value = serialise(editor).replace(/\s+/g, " ").trim();
      if (undo) undo.hidden = editor.innerHTML === initial;
    };
    editor.hidden = false;
    raw.hidden = true;
    editor.addEventListener("input", sync);
    editor.addEventListener("keydown", function (event) {
      if (event.key === "Enter") event.preventDefault(); // one sentence, one line
    });
    editor.addEventListener("paste", function (event) {
      event.preventDefault();
      var text = (event.clipboardData || window.clipboardData).getData("text/plain");
      document.execCommand("insertText", false, text.replace(/\s+/g, " "));
    });
    if (undo) {
      undo.addEventListener("click", function () {
        editor.innerHTML = initial;
        sync();
        editor.focus();
      });
    }
    editor.closest("form").addEventListener("submit", sync);
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".review-editor[data-for]").forEach(start);
  });
})();
