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
  // Something computed in the background: ask every few seconds whether it is there (stops after
  // 2 minutes, then gaveUp). A need's first suggestions are shown at once: the page has nothing
  // typed to lose while they are computed. A refresh of those shown (after a decline, a change of
  // the need) is announced with a button, so that nobody loses their place or a reason being typed.
  function poll(url, read, ready, gaveUp) {
    var tries = 0;
    var timer = window.setInterval(function () {
      tries += 1;
      if (tries > 60) {
        window.clearInterval(timer);
        if (gaveUp) { gaveUp(); }
        return;
      }
      window.fetch(url, {credentials: "same-origin", headers: {Accept: read === "json" ? "application/json" : "text/html"}})
        .then(function (response) { return response.ok ? (read === "json" ? response.json() : response.text()) : null; })
        .then(function (body) {
          if (body && ready(body)) { window.clearInterval(timer); }
        })
        .catch(function () { /* the next try, or the person reloads */ });
    }, 2000);
  }
  // Typing anywhere on the page (an offer, a search) stops it from reloading by itself: a button
  // says the suggestions are there instead, and the person reloads when done (the forms that
  // keep a draft give the text back then).
  var typed = false;
  document.addEventListener("input", function () { typed = true; }, true);
  var pending = document.getElementById("suggestions-pending");
  if (pending && pending.getAttribute("data-poll") && window.fetch) {
    pending.querySelector("[data-reload]").addEventListener("click", function () { window.location.reload(); });
    poll(pending.getAttribute("data-poll"), "json", function (body) {
      if (!body.suggested_at) { return false; }
      if (!typed) {
        window.location.reload();
      } else {
        pending.querySelector("[data-waiting]").hidden = true;
        pending.querySelector("[data-ready]").hidden = false;
      }
      return true;
    });
  }
  var refreshing = document.getElementById("suggestions-refreshing");
  if (refreshing && refreshing.getAttribute("data-poll") && window.fetch) {
    refreshing.querySelector("[data-reload]").addEventListener("click", function () { window.location.reload(); });
    poll(refreshing.getAttribute("data-poll"), "json", function (body) {
      if (body.refreshing) { return false; }
      refreshing.querySelector("[data-refreshing]").hidden = true;
      refreshing.querySelector("[data-refreshed]").hidden = false;
      return true;
    });
  }
  // An organisation's possible partners, computed in the background on the first visit: the
  // section alone is asked for until they are there, then put in place of the notice (nothing
  // else on the page is reloaded: a message being typed stays), and a status line says so.
  var partners = document.getElementById("possible-partners-pending");
  if (partners && partners.getAttribute("data-poll") && window.fetch && window.DOMParser) {
    poll(partners.getAttribute("data-poll"), "html", function (html) {
      var fresh = new window.DOMParser().parseFromString(html, "text/html");
      if (fresh.getElementById("possible-partners-pending")) { return false; }
      document.getElementById("possible-partners-section").innerHTML = fresh.body.innerHTML;
      document.getElementById("possible-partners-status").textContent = partners.getAttribute("data-found");
      return true;
    }, function () {
      partners.querySelector("[data-waiting]").hidden = true;
      partners.querySelector("[data-gave-up]").hidden = false;
    });
  }
  // Nothing typed is lost by leaving the page before saving (the language switch, a wrong link,
  // a reload): <form data-draft> keeps what the person typed in the tab's sessionStorage, per
  // address and form, until the form is sent. Back on the page, the text comes back, with a
  // notice and a button to go back to the saved text (the form's own values).
  var drafts = null;
  try { drafts = window.sessionStorage; } catch (e) { drafts = null; }

  function kept(form) {
    return Array.prototype.filter.call(form.elements, function (el) {
      return el.name && el.name !== "csrf_token" && !el.disabled &&
        ["hidden", "password", "file", "submit", "button", "reset", "image"].indexOf(el.type) < 0;
    });
  }
  function stateOf(form) {
    var state = {};
    kept(form).forEach(function (el) {
      var values = state[el.name] = state[el.name] || [];
      if (el.type === "checkbox" || el.type === "radio") {
        if (el.checked) { values.push(el.value); }
      } else if (el.type === "select-multiple") {
        Array.prototype.forEach.call(el.options, function (o) { if (o.selected) { values.push(o.value); } });
      } else {
        values.push(el.value);
      }
    });
    return state;
  }
  function apply(form, state) {
    var seen = {};
    kept(form).forEach(function (el) {
      var values = state[el.name];
      if (!values) { return; }
      if (el.type === "checkbox" || el.type === "radio") {
        el.checked = values.indexOf(el.value) >= 0;
      } else if (el.type === "select-multiple") {
        Array.prototype.forEach.call(el.options, function (o) { o.selected = values.indexOf(o.value) >= 0; });
      } else {
        var i = seen[el.name] = (seen[el.name] || 0);
        seen[el.name] += 1;
        if (i < values.length) { el.value = values[i]; }
      }
    });
  }
  function draftKey(form) {
    return "mentore-draft:" + window.location.pathname + "#" + (form.id || form.getAttribute("action") || "");
  }
  if (drafts) {
    Array.prototype.forEach.call(document.querySelectorAll("form[data-draft]"), function (form) {
      var key = draftKey(form);
      var saved = null;
      try { saved = JSON.parse(drafts.getItem(key) || "null"); } catch (e) { saved = null; }
      if (saved && JSON.stringify(saved) !== JSON.stringify(stateOf(form))) {
        apply(form, saved);
        // a form folded away (a decline's <details>) is opened, or its text would go unseen
        var folded = form.closest && form.closest("details");
        if (folded) { folded.open = true; }
        var notice = document.getElementById("draft-restored");
        if (notice && notice.content) {
          var shown = notice.content.firstElementChild.cloneNode(true);
          shown.querySelector("[data-draft-discard]").addEventListener("click", function () {
            drafts.removeItem(key);
            form.reset();
            shown.remove();
          });
          form.insertBefore(shown, form.firstChild);
        }
      }
      var save = function () {
        try { drafts.setItem(key, JSON.stringify(stateOf(form))); } catch (e) { /* storage full: nothing kept */ }
      };
      form.addEventListener("input", save);
      form.addEventListener("change", save);
      // a form that came back with errors holds what was sent, no longer kept: kept again, so
      // that switching language to read the errors loses nothing either
      if (form.querySelector("[aria-invalid='true']")) { save(); }
    });
  }

  // Fields with a length limit (maxlength): the browser cuts a paste beyond the limit without a
  // word, so the cut is announced with how much of the pasted text was kept, and nobody sends a
  // text whose end was lost without knowing. Text areas also say, under the field, how much
  // room is left. The translated messages are on <template id="length-messages">: {left},
  // {max}, {pasted} and {kept} are filled in here. Single-line fields count only in the fields
  // of the forms macro (.form-group), where the notice has its place under the field.
  var lengthTexts = document.getElementById("length-messages");
  var LINE_TYPES = ["text", "search", "url", "email", "tel"];
  function filled(message, values) {
    return message.replace(/\{(\w+)\}/g, function (whole, name) { return String(values[name]); });
  }
  if (lengthTexts) {
    var limited = document.querySelectorAll("textarea[maxlength], .form-group > input[maxlength]");
    Array.prototype.forEach.call(limited, function (field) {
      var max = parseInt(field.getAttribute("maxlength"), 10);
      var area = field.tagName === "TEXTAREA";
      if (!(max > 0) || !field.id || (!area && LINE_TYPES.indexOf(field.type) < 0)) { return; }
      var counter = null;
      if (area) {
        counter = document.createElement("small");
        counter.className = "form-text d-block text-length";
        counter.id = field.id + "-length";
        field.parentNode.appendChild(counter);
        var described = (field.getAttribute("aria-describedby") || "").split(" ").filter(Boolean);
        described.push(counter.id);
        field.setAttribute("aria-describedby", described.join(" "));
      }
      var cut = document.createElement("div");
      cut.className = "alert alert-warning mt-2 mb-0 text-cut";
      cut.id = field.id + "-cut";
      cut.setAttribute("role", "alert");
      cut.hidden = true;
      field.parentNode.appendChild(cut);
      var update = function () {
        if (counter) {
          var left = Math.max(max - field.value.length, 0);
          var message = left === 0 ? "data-none" : (left === 1 ? "data-one" : "data-many");
          counter.textContent = filled(lengthTexts.getAttribute(message), {left: left, max: max});
          counter.classList.toggle("text-danger", left === 0);
        }
        if (!field.value) { cut.hidden = true; }  // the notice stays while there is a text to check
      };
      field.addEventListener("input", update);
      // the draft notice's "back to the saved text" resets the form without an input event
      if (field.form) { field.form.addEventListener("reset", function () { window.setTimeout(update, 0); }); }
      field.addEventListener("paste", function (event) {
        var data = event.clipboardData || window.clipboardData;
        var pasted = data ? (data.getData("text") || "").replace(/\r\n?/g, "\n") : "";
        var room = max - field.value.length + ((field.selectionEnd || 0) - (field.selectionStart || 0));
        if (pasted.length > room) {
          cut.textContent = filled(lengthTexts.getAttribute("data-cut"),
                                   {pasted: pasted.length, kept: Math.max(room, 0), max: max});
          window.setTimeout(function () { update(); cut.hidden = false; }, 0);
        }
      });
      update();
    });
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
      return;
    }
    // sent: the page that comes back holds what was typed (saved, or shown with its errors)
    if (drafts && form.hasAttribute && form.hasAttribute("data-draft")) {
      drafts.removeItem(draftKey(form));
    }
    // a form posted once is posted once: a double click would send it twice. Its buttons wait,
    // once every other handler has run (one may send it by script instead) and the browser has
    // taken the clicked button's value; they come back with the page from the history, or after
    // a while if nothing came.
    if ((form.getAttribute("method") || "").toLowerCase() === "post") {
      window.setTimeout(function () {
        if (event.defaultPrevented) { return; }
        var buttons = form.querySelectorAll("button[type=submit], input[type=submit]");
        Array.prototype.forEach.call(buttons, function (b) { b.disabled = true; b.setAttribute("data-sent", ""); });
        window.setTimeout(unlock, 15000);
      }, 0);
    }
  });
  function unlock() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-sent]"), function (b) {
      b.disabled = false;
      b.removeAttribute("data-sent");
    });
  }
  window.addEventListener("pageshow", function (event) { if (event.persisted) { unlock(); } });

  // A choice of several from a long list (select[multiple][data-chips]: the territories an
  // organisation works in, 127 of them): instead of a list that takes Ctrl-click, a field that
  // offers the options as one types (a <datalist>), "Aggiungi", and the chosen ones as chips with
  // a button that takes each back. The select stays, hidden, and is what the form sends; the
  // field takes its id (its label, and the errors summary's link, lead to the field); the
  // messages are on its data-chips-* attributes ({name}: the option). Without script, the list.
  Array.prototype.forEach.call(document.querySelectorAll("select[multiple][data-chips]"), function (select) {
    var form = select.form;
    var id = select.id;
    var help = document.getElementById(id + "-help");
    var error = document.getElementById(id + "-error");
    var options = Array.prototype.slice.call(select.options);
    function msg(name, value) { return (select.getAttribute("data-chips-" + name) || "").replace("{name}", value || ""); }
    var counts = {};
    options.forEach(function (o) { counts[o.text] = (counts[o.text] || 0) + 1; });
    function shown(o) {  // an option's text, with its group when another one has the same text
      var group = o.parentNode && o.parentNode.label;
      return counts[o.text] > 1 && group ? o.text + " (" + group + ")" : o.text;
    }
    var chosen = document.createElement("ul");
    chosen.className = "chips-chosen";
    chosen.setAttribute("aria-label", msg("chosen"));
    var none = document.createElement("p");
    none.className = "small mb-2";
    none.textContent = msg("none");
    var row = document.createElement("div");
    row.className = "d-flex gap-2 align-items-center";
    var input = document.createElement("input");
    input.type = "text";
    input.className = "form-control";
    input.setAttribute("autocomplete", "off");
    if (select.getAttribute("aria-invalid")) { input.setAttribute("aria-invalid", "true"); }
    var list = document.createElement("datalist");
    list.id = id + "-options";
    options.forEach(function (o) {
      var option = document.createElement("option");
      option.value = shown(o);
      list.appendChild(option);
    });
    input.setAttribute("list", list.id);
    var add = document.createElement("button");
    add.type = "button";
    add.className = "btn btn-outline-primary btn-sm";
    add.textContent = msg("add");
    var status = document.createElement("p");
    status.className = "small mt-1 mb-0";
    status.setAttribute("role", "status");
    row.appendChild(input);
    row.appendChild(add);
    select.insertAdjacentElement("afterend", status);
    select.insertAdjacentElement("afterend", list);
    select.insertAdjacentElement("afterend", row);
    select.insertAdjacentElement("afterend", none);
    select.insertAdjacentElement("afterend", chosen);
    select.hidden = true;
    select.id = id + "-list";
    input.id = id;
    if (help) { help.textContent = msg("help"); }
    var described = [help, error].filter(Boolean).map(function (el) { return el.id; });
    if (described.length) { input.setAttribute("aria-describedby", described.join(" ")); }
    function say(text) { status.textContent = text; }
    function find(typed, exactOnly) {
      var t = typed.trim().toLowerCase();
      if (!t) { return null; }
      var exact = options.filter(function (o) { return shown(o).toLowerCase() === t || o.text.toLowerCase() === t; });
      if (exact.length === 1 || exactOnly) { return exact.length === 1 ? exact[0] : null; }
      var starting = options.filter(function (o) {  // a word of it starts so: "biella", "provincia di biella"
        var text = shown(o).toLowerCase();
        return text.indexOf(t) === 0 || text.indexOf(" " + t) >= 0;
      });
      return starting.length === 1 ? starting[0] : (starting.length ? "several" : null);
    }
    function changed() { select.dispatchEvent(new Event("change", { bubbles: true })); }
    function render() {
      chosen.textContent = "";
      var picked = options.filter(function (o) { return o.selected; });
      picked.forEach(function (o) {
        var item = document.createElement("li");
        var name = document.createElement("span");
        name.textContent = shown(o);
        var remove = document.createElement("button");
        remove.type = "button";
        remove.setAttribute("aria-label", msg("remove", shown(o)));
        remove.textContent = "×";
        remove.addEventListener("click", function () {
          o.selected = false;
          changed();
          say(msg("removed", shown(o)));
          input.focus();
        });
        item.appendChild(name);
        item.appendChild(remove);
        chosen.appendChild(item);
      });
      none.hidden = picked.length > 0;
    }
    function pick(exactOnly) {
      if (!input.value.trim()) { return; }
      var o = find(input.value, exactOnly);
      if (!o || o === "several") {
        if (!exactOnly) { say(msg(o ? "several" : "unknown", input.value.trim())); }
        return;
      }
      if (!o.selected) {
        o.selected = true;
        changed();
      }
      say(msg("added", shown(o)));
      input.value = "";
    }
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter") {  // adds, rather than sending the form
        event.preventDefault();
        pick(false);
      }
    });
    input.addEventListener("change", function () { pick(true); });  // an option taken from the list
    add.addEventListener("click", function () { pick(false); });
    select.addEventListener("change", render);
    if (form) { form.addEventListener("reset", function () { window.setTimeout(render, 0); }); }
    render();
  });

  // The activity and the competencies proposed from a text ([data-label-proposals]: the address
  // of POST /api/v1/needs/labels; data-texts: what it reads, "key:field" pairs, a need's title,
  // description and beneficiaries, an organisation's name and description; the messages in
  // data-msg-*). "Proponi attività e competenze dal testo" asks without leaving the page, and so
  // does leaving the description while nothing is chosen; each proposal is a button that chooses
  // it in the fields of the form (a need's activity list, an organisation's activity boxes, the
  // competencies' boxes) and, pressed again, takes it back. The proposals a page came back with
  // (the form sent without script) become buttons too.
  Array.prototype.forEach.call(document.querySelectorAll("[data-label-proposals]"), function (box) {
    var form = box.closest("form");
    var result = box.querySelector("[data-proposals-result]");
    var activityList = form.querySelector("select[name=activity]");  // else boxes named "activities"
    var texts = (box.getAttribute("data-texts") || "").split(" ").filter(Boolean).map(function (pair) {
      return pair.split(":");
    });
    var chips = [];
    function msg(name) { return box.getAttribute("data-msg-" + name) || ""; }
    function line(text, classes) {
      var p = document.createElement("p");
      p.className = classes || "mb-1";
      p.textContent = text;
      result.appendChild(p);
      return p;
    }
    function checkbox(name, id) {
      return Array.prototype.filter.call(form.querySelectorAll("input[name=" + name + "]"),
                                         function (input) { return input.value === id; })[0];
    }
    function target(chip) {  // the box a proposal ticks (none: the activity's list)
      if (chip.kind === "activity") { return activityList ? null : checkbox("activities", chip.value); }
      return checkbox("competencies", chip.value);
    }
    function chosen(chip) {
      if (chip.kind === "activity" && activityList) { return activityList.value === chip.value; }
      return !!target(chip) && target(chip).checked;
    }
    function sync() {
      chips.forEach(function (chip) {
        var on = chosen(chip);
        chip.button.setAttribute("aria-pressed", on ? "true" : "false");
        chip.button.classList.toggle("active", on);
      });
    }
    function group(title, items, kind) {
      if (!items.length) { return; }
      line(title + ":", "mb-1 small fw-semibold");
      var list = document.createElement("div");
      list.className = "mb-2";
      items.forEach(function (item) {
        var chip = { kind: kind, value: kind === "activity" ? item.code : item.id };
        if (!(kind === "activity" && activityList) && !target(chip)) { return; }  // not a choice of this form
        var button = document.createElement("button");
        button.type = "button";
        button.className = "btn btn-outline-primary btn-xs me-2 mb-2";
        button.textContent = item.label;
        chip.button = button;
        button.addEventListener("click", function () {
          var field = target(chip) || activityList;
          if (field === activityList) {
            activityList.value = activityList.value === chip.value ? "" : chip.value;
          } else {
            field.checked = !field.checked;
          }
          field.dispatchEvent(new Event("change", { bubbles: true }));
          sync();
        });
        chips.push(chip);
        list.appendChild(button);
      });
      result.appendChild(list);
    }
    function render(body) {
      result.textContent = "";
      chips = [];
      if (body.error) { line(body.error, "text-danger mb-0"); return; }
      if (!body.available) { line(msg("unavailable"), "mb-0"); return; }
      line(msg("seems"), "fw-semibold mb-1");
      group(msg("activities"), body.activities || [], "activity");
      group(msg("competencies"), body.competencies || [], "competency");
      line(msg("choose"), "small mb-0");
      sync();
    }
    form.addEventListener("change", sync);
    var shown = JSON.parse(box.getAttribute("data-proposals") || "{}");
    if (shown.activities && shown.available) { render(shown); }
    function value(name) { return form.elements[name] ? form.elements[name].value : ""; }
    function asking() {
      var body = {};
      texts.forEach(function (pair) { body[pair[0]] = value(pair[1]); });
      return JSON.stringify(body);
    }
    var asked = null;  // the text last asked about
    function ask(quietly) {
      asked = asking();
      if (!quietly) {
        result.textContent = "";
        line(msg("working"), "mb-0");
      }
      var token = form.querySelector("input[name=csrf_token]");
      window.fetch(box.getAttribute("data-label-proposals"), {
        method: "POST",
        headers: { "Content-Type": "application/json", "Accept": "application/json",
                   "X-CSRFToken": token ? token.value : "" },
        body: asked
      })
        .then(function (response) {
          return response.json().then(function (body) { return { ok: response.ok, body: body }; });
        })
        .then(function (answer) {
          if (answer.ok) { render(answer.body); return; }
          if (quietly) { return; }  // nobody asked: nothing to explain
          var fields = (answer.body.error && answer.body.error.fields) || {};
          var said = [].concat.apply([], Object.keys(fields).map(function (k) { return [].concat(fields[k]); }));
          render({ error: said.length ? said.join(" ") : msg("failed") });
        })
        .catch(function () { if (!quietly) { render({ error: msg("failed") }); } });
    }
    form.addEventListener("submit", function (event) {
      if (!event.submitter || event.submitter.name !== "propose" || !window.fetch) { return; }
      event.preventDefault();  // the page stays: what is typed stays where it is
      ask(false);
    });
    // once the description is written (the field left), the proposals come by themselves while
    // nothing is chosen yet: the button is there to ask again
    ["description", "beneficiaries"].forEach(function (name) {
      var field = form.elements[name];
      if (!field || !window.fetch) { return; }
      field.addEventListener("change", function () {
        var chosenAlready = (activityList && activityList.value) ||
          form.querySelector("input[name=activities]:checked, input[name=competencies]:checked");
        if (chosenAlready || value("description").trim().length < 20 || asking() === asked) { return; }
        ask(true);
      });
    });
  });

  // Place fields (data-places: the levels they take, "comune provincia regione area"): from the
  // second letter typed, the places whose name, or a word of it, starts so are offered in the
  // field's list (a <datalist>, read by screen readers as the field's suggestions), asked to
  // /api/v1/places (<meta name="mentore-places">). The field still takes whatever is typed: the
  // form says on sending what it cannot read.
  var placesUrl = document.querySelector("meta[name=mentore-places]");
  Array.prototype.forEach.call(document.querySelectorAll("input[data-places]"), function (input) {
    if (!placesUrl || !window.fetch || !window.URLSearchParams) { return; }
    var list = document.createElement("datalist");
    list.id = input.id + "-places";
    input.insertAdjacentElement("afterend", list);
    input.setAttribute("list", list.id);
    input.setAttribute("autocomplete", "off");
    var timer = null;
    var asked = "";
    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(function () {
        var typed = input.value.trim();
        if (typed.length < 2 || typed === asked) { return; }
        asked = typed;
        var params = new URLSearchParams({ q: typed, lang: document.documentElement.lang || "it" });
        input.getAttribute("data-places").split(" ").forEach(function (level) { params.append("level", level); });
        window.fetch(placesUrl.getAttribute("content") + "?" + params.toString(), { headers: { Accept: "application/json" } })
          .then(function (response) { return response.ok ? response.json() : null; })
          .then(function (body) {
            if (!body || input.value.trim() !== typed) { return; }  // typed on since: a later answer comes
            list.textContent = "";
            body.items.forEach(function (item) {
              var option = document.createElement("option");
              option.value = item.name;
              option.label = item.level_label;
              list.appendChild(option);
            });
          })
          .catch(function () { /* no suggestions: the field works as before */ });
      }, 150);
    });
  });
  // The need form's requirements of who helps: how many organisations they admit (of the place's
  // region only, for help given on site), said again when a requirement, the place, the kind of
  // help or the organisation changes (the page says it on load too).
  var requirements = document.querySelector("fieldset[data-eligible-url]");
  if (requirements && window.fetch && window.URLSearchParams) {
    var form = requirements.form || requirements.closest("form");
    var count = document.getElementById("eligible-count");
    var asked = 0;
    var recount = function () {
      var field = function (name) { return form.elements.namedItem(name); };
      var checked = function (name) { var box = field(name); return box && box.checked ? "true" : "false"; };
      var chosen = field("organisation");
      var params = new window.URLSearchParams({
        place: (field("place") && field("place").value) || "",
        only_verified: checked("only_verified"),
        only_runts: checked("only_runts"),
        helpers_within: (field("helpers_within") && field("helpers_within").value) || "",
        help_kind: (field("help_kind") && field("help_kind").value) || "",
        in_person: checked("in_person"),
        organisation: (chosen && chosen.value) || requirements.getAttribute("data-organisation") || ""
      });
      var mine = ++asked;
      window.fetch(requirements.getAttribute("data-eligible-url") + "?" + params.toString(),
                   {credentials: "same-origin", headers: {Accept: "application/json"}})
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (body) {
          if (!body || mine !== asked) { return; }  // a later change has its own answer coming
          count.textContent = body.message || "";
          count.classList.toggle("text-danger", body.count === 0);
          count.classList.toggle("fw-semibold", body.count === 0);
        })
        .catch(function () { /* the count is a help: the form works without it */ });
    };
    ["only_verified", "only_runts", "helpers_within", "place", "organisation", "help_kind", "in_person"]
      .forEach(function (name) {
        var element = form.elements.namedItem(name);
        if (element && element.addEventListener) { element.addEventListener("change", recount); }
      });
  }
})();
