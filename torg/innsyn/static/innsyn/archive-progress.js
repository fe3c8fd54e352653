// The archive page: while an import runs, ask for its progress every two seconds and
// update the bars; say once, politely, when a run has finished. Without this script the
// page tells the reader to reload.
(function () {
  "use strict";
  var table = document.querySelector("[data-innsyn-progress-url]");
  if (!table) return;
  var url = table.getAttribute("data-innsyn-progress-url");
  var announce = document.querySelector("[data-innsyn-announce]");
  var finished = false;

  function update(run) {
    var row = table.querySelector('tr[data-run="' + run.id + '"]');
    if (!row) return;
    var bar = row.querySelector("progress");
    var percent = row.querySelector("[data-percent]");
    var entries = row.querySelector("[data-entries]");
    if (entries) entries.textContent = String(run.entries);
    if (bar && run.percent !== null) {
      bar.value = run.percent;
      bar.textContent = run.percent + " %";
      if (percent) percent.textContent = run.percent + " %";
    }
    if (bar && run.status !== "running") finished = true;
  }

  function poll() {
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) {
        if (!data) return;
        data.runs.forEach(update);
        if (finished) {
          if (announce) announce.textContent = announce.getAttribute("data-done") || "";
          window.setTimeout(function () { window.location.reload(); }, 1500);
        } else {
          window.setTimeout(poll, 2000);
        }
      })
      .catch(function () { window.setTimeout(poll, 5000); });
  }
  window.setTimeout(poll, 2000);
})();
