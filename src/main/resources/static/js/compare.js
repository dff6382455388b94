// The compare page's paired scatter: tokens per prompt, newer (y) against older (x), log axes,
// with the diagonal of no change. The page says which kind to plot (data-kind: generated, or
// input when the versions generate nothing, as tokenizers).
(function () {
  const page = document.getElementById('compare-page');
  const canvas = document.getElementById('pairs-chart');
  if (!page || !canvas || !page.dataset.from || !page.dataset.to || typeof Chart === 'undefined') return;
  const ty = window.ty;
  const kind = canvas.dataset.kind === 'input' ? 'input' : 'generated';
  const fromField = 'from_' + kind, toField = 'to_' + kind;
  ty.get('drift/prompts', { from: page.dataset.from, to: page.dataset.to }).then(r => {
    const pairs = (r.pairs || []).filter(p => p[fromField] > 0 && p[toField] > 0);
    if (!pairs.length) {
      ty.empty('pairs-chart', 'pairs-caption', 'No prompt has ' + kind + ' tokens on both sides for this filter.');
      return;
    }
    const cats = Array.from(new Set(pairs.map(p => p.category || 'other'))).sort();
    const datasets = cats.map((c, i) => ({
      label: c,
      data: pairs.filter(p => (p.category || 'other') === c).map(p => ({ x: p[fromField], y: p[toField], id: p.prompt_id })),
      backgroundColor: ty.palette[i % ty.palette.length], borderColor: ty.palette[i % ty.palette.length],
      pointStyle: ty.markers[i % ty.markers.length], pointRadius: 4
    }));
    const all = pairs.flatMap(p => [p[fromField], p[toField]]);
    const lo = Math.min(...all), hi = Math.max(...all);
    datasets.push({ label: 'no change', data: [{ x: lo, y: lo }, { x: hi, y: hi }], showLine: true, borderDash: [5, 4], borderColor: '#5c6773', pointRadius: 0, pointStyle: 'line' });
    ty.chart('pairs-chart', {
      type: 'scatter', data: { datasets },
      options: {
        plugins: {
          title: { display: true, text: (kind === 'input' ? 'Input' : 'Generated') + ' tokens per prompt' },
          legend: { labels: { usePointStyle: true } },
          tooltip: { callbacks: { label: c => c.raw.id ? 'prompt #' + c.raw.id + ': ' + Math.round(c.raw.x) + ' → ' + Math.round(c.raw.y) : '' } }
        },
        scales: {
          x: { type: 'logarithmic', title: { display: true, text: r.from + ' (' + kind + ', log)' } },
          y: { type: 'logarithmic', title: { display: true, text: r.to + ' (' + kind + ', log)' } }
        }
      }
    });
  }).catch(e => console.warn(e.message));
})();
