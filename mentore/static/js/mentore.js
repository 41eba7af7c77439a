// Mentore: start-up after Bootstrap Italia's bundle.
(function () {
  "use strict";
  // The bundle does not load its web fonts by itself: loadFonts() adds their @font-face rules,
  // served from window.__PUBLIC_PATH__.
  if (window.bootstrap && typeof window.bootstrap.loadFonts === "function") {
    window.bootstrap.loadFonts();
  }
  // A form that came back with errors: focus its summary (or, without one, the first field in
  // error), so that the person sees, and a screen reader reads, what to correct. After the load
  // event: going to the address's #fragment runs the browser's own focusing steps, which would
  // take the focus back if they came later.
  var failed = document.getElementById("form-errors") || document.querySelector("[aria-invalid='true']");
  if (failed) {
    window.addEventListener("load", function () {
      window.setTimeout(function () {
        failed.focus();
        if (failed.scrollIntoView) { failed.scrollIntoView({block: "center"}); }
      }, 0);
    });
  }
  // Suggestions computed in the background: ask every few seconds whether they are there, then
  // show them (the page has nothing typed to lose while they are computed). Stops after 2 minutes.
  var pending = document.getElementById("suggestions-pending");
  if (pending && pending.getAttribute("data-poll") && window.fetch) {
    var tries = 0;
    var poll = window.setInterval(function () {
      tries += 1;
      if (tries > 40) { window.clearInterval(poll); return; }
      window.fetch(pending.getAttribute("data-poll"), {credentials: "same-origin", headers: {Accept: "application/json"}})
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (body) {
          if (body && body.suggested_at) {
            window.clearInterval(poll);
            window.location.reload();
          }
        })
        .catch(function () { /* the next try, or the person reloads */ });
    }, 3000);
  }
  // Confirmation before consequential actions: <form data-confirm="question">.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var question = form.getAttribute && form.getAttribute("data-confirm");
    // data-confirm-needs="field": while that field is empty there is nothing to confirm yet
    // (the page answers with what is missing)
    var needed = form.getAttribute && form.getAttribute("data-confirm-needs");
    if (needed && form.elements[needed] && !form.elements[needed].value) {
      return;
    }
    if (question && !window.confirm(question)) {
      event.preventDefault();
    }
  });
})();
