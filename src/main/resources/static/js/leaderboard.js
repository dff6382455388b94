// The leaderboard chart reads the same JSON the API serves, with the page's own filters.
(function () {
  const canvas = document.getElementById('pareto-chart');
  if (!canvas || typeof Chart === 'undefined') return;
  const query = window.location.search || '';
  fetch('/api/v1/leaderboard' + query, { headers: { Accept: 'application/json' } })
    .then(r => r.json())
    .then(data => {
      const rows = (data.rows || []).filter(r => r.accuracy && r.accuracy.value != null && r.tokens.generated > 0);
      const point = r => ({ x: r.tokens.generated, y: r.accuracy.value * 100, label: r.model + ' @ ' + r.setting });
      const frontier = paretoFrontier(rows.map(point));
      window.tyCharts = window.tyCharts || {};
      driftChart(data);
      window.tyCharts.pareto = new Chart(canvas, {
        type: 'scatter',
        data: {
          datasets: [
            { label: 'Model versions', data: rows.filter(r => !r.simulated).map(point), pointRadius: 6, backgroundColor: '#1f5fbf' },
            { label: 'Simulated versions', data: rows.filter(r => r.simulated).map(point), pointRadius: 6, pointStyle: 'triangle', backgroundColor: '#e69a1c' },
            { label: 'Pareto frontier', data: frontier, type: 'line', showLine: true, fill: false, borderColor: '#888', borderDash: [4, 4], pointRadius: 0 }
          ]
        },
        options: {
          responsive: true, maintainAspectRatio: false, animation: false,
          plugins: {
            title: { display: true, text: 'Accuracy against mean generated tokens' },
            tooltip: { callbacks: { label: c => (c.raw.label || '') + ': ' + c.raw.y.toFixed(1) + ' %, ' + Math.round(c.raw.x) + ' tokens' } }
          },
          scales: {
            x: { type: 'logarithmic', title: { display: true, text: 'mean generated tokens per prompt (log)' } },
            y: { title: { display: true, text: 'accuracy (%)' }, suggestedMin: 0, suggestedMax: 100 }
          }
        }
      });
      canvas.setAttribute('data-rendered', 'true');
    });

  // Generated-token drift against the predecessor: a floating bar for the 95 % interval and a dot
  // for the estimate, one per row that has a drift.
  function driftChart(data) {
    const drift = document.getElementById('drift-chart');
    if (!drift) return;
    const rows = (data.rows || []).filter(r => r.drift && r.drift.generated && r.drift.generated.value != null);
    const labels = rows.map(r => r.model + (r.setting ? ' @ ' + r.setting : ''));
    const pct = v => v == null ? null : v * 100;
    window.tyCharts = window.tyCharts || {};
    window.tyCharts.drift = new Chart(drift, {
      type: 'bar',
      data: {
        labels: labels,
        datasets: [
          { type: 'bar', label: '95 % interval', data: rows.map(r => [pct(r.drift.generated.ci_low ?? r.drift.generated.value), pct(r.drift.generated.ci_high ?? r.drift.generated.value)]),
            backgroundColor: rows.map(r => r.simulated ? 'rgba(230,154,28,.45)' : 'rgba(31,95,191,.35)'), borderWidth: 0, barPercentage: 0.5 },
          { type: 'line', label: 'drift', data: rows.map(r => pct(r.drift.generated.value)), showLine: false, backgroundColor: '#1d232b', borderColor: '#1d232b', pointRadius: 4 }
        ]
      },
      options: {
        indexAxis: 'x', responsive: true, maintainAspectRatio: false, animation: false,
        plugins: {
          title: { display: true, text: 'Generated-token drift vs predecessor (%)' },
          legend: { display: false },
          tooltip: { callbacks: { label: c => {
            const r = rows[c.dataIndex];
            return r.drift.predecessor + ' → ' + r.model + ': ' + (r.drift.generated.value * 100).toFixed(1) + ' %' + (r.drift.verdict ? ' (' + r.drift.verdict.replace(/_/g, ' ') + ')' : '');
          } } }
        },
        scales: {
          x: { type: 'category', ticks: { autoSkip: false, maxRotation: 60, minRotation: 30, font: { size: 10 } } },
          y: { title: { display: true, text: 'drift in generated tokens (%)' } }
        }
      }
    });
    if (rows.length === 0) drift.setAttribute('data-empty', 'true');
  }

  // points no other point beats on both fewer tokens and higher accuracy
  function paretoFrontier(points) {
    const sorted = points.slice().sort((a, b) => a.x - b.x || b.y - a.y);
    const frontier = [];
    let best = -Infinity;
    for (const p of sorted) {
      if (p.y > best) { frontier.push({ x: p.x, y: p.y }); best = p.y; }
    }
    return frontier;
  }
})();
