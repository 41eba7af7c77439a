// Mentore: start-up after Bootstrap Italia's bundle. The bundle does not load its web fonts by
// itself: loadFonts() adds their @font-face rules, served from window.__PUBLIC_PATH__.
(function () {
  "use strict";
  if (window.bootstrap && typeof window.bootstrap.loadFonts === "function") {
    window.bootstrap.loadFonts();
  }
})();
