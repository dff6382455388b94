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
      new Chart(canvas, {
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
    });

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
