// Forum: Markdown preview and reactions without leaving the page. Everything works without
// this script too (the "Anteprima" button and the reaction buttons submit their forms).
(function () {
  "use strict";

  function csrfOf(form) {
    var input = form.querySelector("input[name=csrf_token]");
    return input ? input.value : "";
  }

  // Preview: forms with data-preview-url post their text and show the sanitised HTML.
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("button[name=preview]");
    if (!button || !button.form || !button.form.getAttribute("data-preview-url")) {
      return;
    }
    var form = button.form;
    var body = form.querySelector("textarea[name=body]");
    var target = form.querySelector("[data-preview-target]");
    if (!body || !target || !window.fetch) {
      return; // the form is submitted and the page comes back with the preview
    }
    event.preventDefault();
    var data = new FormData();
    data.append("body", body.value);
    fetch(form.getAttribute("data-preview-url"), {
      method: "POST", body: data, credentials: "same-origin",
      headers: {"X-CSRFToken": csrfOf(form), "Accept": "application/json"}
    }).then(function (response) {
      if (!response.ok) { throw new Error(String(response.status)); }
      return response.json();
    }).then(function (json) {
      target.querySelector("[data-preview-html]").innerHTML = json.html; // sanitised by the server
      target.hidden = false;
    }).catch(function () {
      form.submit();
    });
  });

  // Reactions: toggle in place, update the count and aria-pressed.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.hasAttribute || !form.hasAttribute("data-reactions") || !window.fetch) {
      return;
    }
    var button = event.submitter;
    if (!button || button.name !== "kind") {
      return;
    }
    event.preventDefault();
    var data = new FormData(form);
    data.append("kind", button.value);
    fetch(form.action, {
      method: "POST", body: data, credentials: "same-origin",
      headers: {"X-CSRFToken": csrfOf(form), "Accept": "application/json"}
    }).then(function (response) {
      if (!response.ok) { throw new Error(String(response.status)); }
      return response.json();
    }).then(function (json) {
      var count = button.querySelector(".reaction-count");
      var n = parseInt(count.textContent, 10) || 0;
      count.textContent = String(Math.max(0, n + (json.added ? 1 : -1)));
      button.setAttribute("aria-pressed", json.added ? "true" : "false");
      button.classList.toggle("btn-primary", json.added);
      button.classList.toggle("btn-outline-primary", !json.added);
    }).catch(function () {
      form.submit();
    });
  });
})();
