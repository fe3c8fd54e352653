/*
 * Klarspråk in the page editor: checks the text while the writer types, marks
 * each finding with a plain explanation and, where the checker has one, a
 * suggestion the writer can apply with one click. Publishing a text above the
 * municipality's limits asks for a confirmation.
 *
 * Progressive enhancement: without this script the editor works as before.
 */
(function () {
  "use strict";

  var config = document.getElementById("torg-klarsprak-config");
  if (!config) return;
  var settings = JSON.parse(config.textContent);
  var form = document.querySelector("form[data-edit-form], #page-edit-form");
  if (!form) return;
  var t = settings.labels;

  var panel = document.createElement("details");
  panel.className = "torg-klarsprak";
  panel.open = true;
  panel.innerHTML =
    '<summary><span class="torg-klarsprak__title"></span> <span class="torg-klarsprak__score" aria-live="polite"></span></summary>' +
    '<div class="torg-klarsprak__body"><p class="torg-klarsprak__status" role="status"></p><ol class="torg-klarsprak__list"></ol></div>';
  panel.querySelector(".torg-klarsprak__title").textContent = t.title;
  document.body.appendChild(panel);
  var scoreEl = panel.querySelector(".torg-klarsprak__score");
  var statusEl = panel.querySelector(".torg-klarsprak__status");
  var listEl = panel.querySelector(".torg-klarsprak__list");

  var lastReport = null;
  var sources = [];
  var timer = null;
  var inFlight = null;

  /* The text sources: title, introduction and other plain fields, and every rich text editor. */
  function collectSources() {
    var found = [];
    settings.fields.forEach(function (name) {
      var el = form.querySelector('[name="' + name + '"]');
      if (el && (el.tagName === "INPUT" || el.tagName === "TEXTAREA")) found.push({ kind: "field", el: el, label: labelFor(el) });
    });
    form.querySelectorAll('.Draftail-Editor [contenteditable="true"]').forEach(function (el) {
      found.push({ kind: "rich", el: el, label: labelFor(el) });
    });
    return found;
  }

  function labelFor(el) {
    var wrapper = el.closest("[data-field-wrapper], .w-field__wrapper, .w-panel");
    var label = wrapper && wrapper.querySelector("label, .w-field__label, .w-panel__heading");
    return label ? label.textContent.replace(/\s+/g, " ").trim() : "";
  }

  /* A rich text editor's text nodes and where each starts in its text, with one
     line break between blocks (paragraphs, list items), as the checker sees it. */
  function richSegments(root) {
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    var segments = [];
    var text = "";
    var lastBlock = null;
    var node;
    while ((node = walker.nextNode())) {
      var block = node.parentElement && node.parentElement.closest('[data-block="true"]');
      if (lastBlock && block !== lastBlock) text += "\n";
      lastBlock = block;
      segments.push({ node: node, start: text.length });
      text += node.data;
    }
    return { text: text, segments: segments };
  }

  function textOf(source) {
    return source.kind === "field" ? source.el.value : richSegments(source.el).text;
  }

  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(run, 800);
  }

  function run() {
    sources = collectSources();
    var parts = [];
    var offset = 0;
    sources.forEach(function (source) {
      var text = textOf(source);
      source.start = offset;
      source.text = text;
      parts.push(text);
      offset += text.length + 2;
    });
    var text = parts.join("\n\n");
    if (!text.trim()) return;
    if (inFlight) inFlight.abort();
    inFlight = new AbortController();
    statusEl.textContent = t.checking;
    fetch(settings.url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": settings.csrf },
      body: JSON.stringify({ text: text, form: settings.form }),
      signal: inFlight.signal,
    })
      .then(function (response) {
        return response.json().then(function (data) {
          if (!response.ok) throw new Error(data.detail || data.error || t.failed);
          return data;
        });
      })
      .then(show)
      .catch(function (error) {
        if (error.name !== "AbortError") statusEl.textContent = error.message || t.failed;
      });
  }

  function sourceAt(position) {
    for (var i = 0; i < sources.length; i++) {
      var s = sources[i];
      if (position >= s.start && position <= s.start + s.text.length) return s;
    }
    return null;
  }

  /* Mark the findings inside rich text editors without touching their DOM
     (the CSS Custom Highlight API); plain fields get "Show", which selects. */
  function highlight(report) {
    if (!window.CSS || !CSS.highlights || typeof Highlight === "undefined") return;
    var ranges = [];
    report.findings.forEach(function (finding) {
      var source = sourceAt(finding.start);
      if (!source || source.kind !== "rich") return;
      var r = localRange(source, finding);
      var range = domRange(source.el, r.start, r.end);
      if (range) ranges.push(range);
    });
    CSS.highlights.set("torg-klarsprak", new Highlight(...ranges));
  }

  function show(report) {
    lastReport = report;
    highlight(report);
    var lix = report.lix;
    scoreEl.textContent = "LIX " + lix.score + " (" + lix.band + ")";
    panel.classList.toggle("torg-klarsprak--over", overLimit());
    listEl.innerHTML = "";
    var skipped = Object.keys(report.rules_skipped || {});
    statusEl.textContent =
      (report.findings.length ? t.found.replace("%(count)s", report.findings.length) : t.none) +
      (skipped.length ? " " + t.skipped + " " + skipped.join(", ") : "");
    report.findings.forEach(function (finding, index) {
      var source = sourceAt(finding.start);
      var item = document.createElement("li");
      item.className = "torg-klarsprak__finding";
      var where = source && source.label ? " (" + source.label + ")" : "";
      var head = document.createElement("p");
      var quote = document.createElement("mark");
      quote.textContent = finding.excerpt;
      head.appendChild(quote);
      head.appendChild(document.createTextNode(where));
      var message = document.createElement("p");
      message.textContent = finding.message;
      item.appendChild(head);
      item.appendChild(message);
      var actions = document.createElement("p");
      if (source) {
        var showButton = button(t.show, function () { select(source, finding); });
        actions.appendChild(showButton);
      }
      if (source && finding.suggestion) {
        var apply = button(t.apply.replace("%(suggestion)s", finding.suggestion), function () {
          replace(source, finding);
        });
        apply.setAttribute("data-klarsprak-apply", String(index));
        actions.appendChild(apply);
      }
      item.appendChild(actions);
      listEl.appendChild(item);
    });
  }

  function button(text, onClick) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = "button button-small button-secondary";
    b.textContent = text;
    b.addEventListener("click", onClick);
    return b;
  }

  function localRange(source, finding) {
    var start = finding.start - source.start;
    return { start: start, end: start + (finding.end - finding.start) };
  }

  /* A DOM range over the characters [start, end) of a rich text editor's text. */
  function domRange(root, start, end) {
    var segments = richSegments(root).segments;
    var range = document.createRange();
    var startSet = false;
    for (var i = 0; i < segments.length; i++) {
      var seg = segments[i];
      var segEnd = seg.start + seg.node.data.length;
      if (!startSet && start >= seg.start && start <= segEnd) { range.setStart(seg.node, start - seg.start); startSet = true; }
      if (startSet && end >= seg.start && end <= segEnd) { range.setEnd(seg.node, end - seg.start); return range; }
    }
    return null;
  }

  function select(source, finding) {
    var r = localRange(source, finding);
    if (source.kind === "field") {
      source.el.focus();
      source.el.setSelectionRange(r.start, r.end);
      return;
    }
    var range = domRange(source.el, r.start, r.end);
    if (!range) return;
    source.el.focus();
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    return range;
  }

  function replace(source, finding) {
    var r = localRange(source, finding);
    var current = textOf(source);
    if (current.slice(r.start, r.end) !== finding.excerpt) { run(); return; }
    if (source.kind === "field") {
      var el = source.el;
      el.value = el.value.slice(0, r.start) + finding.suggestion + el.value.slice(r.end);
      el.dispatchEvent(new Event("input", { bubbles: true }));
      el.dispatchEvent(new Event("change", { bubbles: true }));
    } else if (select(source, finding)) {
      document.execCommand("insertText", false, finding.suggestion);
    }
    statusEl.textContent = t.applied;
    schedule();
  }

  function overLimit() {
    return !!lastReport && lastReport.lix.words >= settings.lixMinWords && lastReport.lix.score > settings.lixLimit;
  }

  /* Publishing above the limits asks first; the answer goes with the form. */
  form.addEventListener("click", function (event) {
    var target = event.target.closest('button[name="action-publish"]');
    if (!target || !overLimit()) return;
    var message = t.confirm.replace("%(score)s", lastReport.lix.score).replace("%(limit)s", settings.lixLimit);
    if (!window.confirm(message)) {
      event.preventDefault();
      event.stopImmediatePropagation();
      return;
    }
    var flag = form.querySelector('input[name="klarsprak_confirmed"]');
    if (!flag) {
      flag = document.createElement("input");
      flag.type = "hidden";
      flag.name = "klarsprak_confirmed";
      form.appendChild(flag);
    }
    flag.value = "1";
  }, true);

  form.addEventListener("input", schedule);
  form.addEventListener("keyup", function (event) {
    if (event.target.closest && event.target.closest(".Draftail-Editor")) schedule();
  });
  schedule();
})();
