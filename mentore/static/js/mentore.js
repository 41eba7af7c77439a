// Mentore: start-up after Bootstrap Italia's bundle.
(function () {
  "use strict";
  // The bundle does not load its web fonts by itself: loadFonts() adds their @font-face rules,
  // served from window.__PUBLIC_PATH__.
  if (window.bootstrap && typeof window.bootstrap.loadFonts === "function") {
    window.bootstrap.loadFonts();
  }
  // Confirmation before consequential actions: <form data-confirm="question">.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var question = form.getAttribute && form.getAttribute("data-confirm");
    if (question && !window.confirm(question)) {
      event.preventDefault();
    }
  });
})();
