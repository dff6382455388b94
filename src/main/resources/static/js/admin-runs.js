// Refreshes the plan progress bars from the same JSON the API serves (GET /api/v1/plans/{id}).
(function () {
  function refresh() {
    document.querySelectorAll('tr[data-plan]').forEach(function (row) {
      fetch('/api/v1/plans/' + row.dataset.plan, { headers: { Accept: 'application/json' } })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (p) {
          if (!p) { return; }
          ['queued', 'running', 'succeeded', 'failed'].forEach(function (f) {
            var cell = row.querySelector('[data-field="' + f + '"]');
            if (cell) { cell.textContent = p[f]; }
          });
          var bar = row.querySelector('progress');
          if (bar) {
            bar.max = p.queued + p.running + p.succeeded + p.failed;
            bar.value = p.succeeded + p.failed;
          }
        })
        .catch(function () {});
    });
  }
  setInterval(refresh, 5000);
})();
