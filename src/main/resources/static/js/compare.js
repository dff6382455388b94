// The compare page's paired scatter: generated tokens per prompt, newer (y) against older (x),
// log axes, with the diagonal of no change.
(function () {
  const page = document.getElementById('compare-page');
  if (!page || !page.dataset.from || !page.dataset.to || typeof Chart === 'undefined') return;
  const ty = window.ty;
  ty.get('drift/prompts', { from: page.dataset.from, to: page.dataset.to }).then(r => {
    const pairs = (r.pairs || []).filter(p => p.from_generated > 0 && p.to_generated > 0);
    const cats = Array.from(new Set(pairs.map(p => p.category || 'other'))).sort();
    const colours = ['#1f5fbf', '#e69a1c', '#1e7a3c', '#b3261e', '#6a3d9a', '#5c6773', '#17becf', '#8c564b'];
    const datasets = cats.map((c, i) => ({
      label: c,
      data: pairs.filter(p => (p.category || 'other') === c).map(p => ({ x: p.from_generated, y: p.to_generated, id: p.prompt_id })),
      backgroundColor: colours[i % colours.length], pointRadius: 4
    }));
    const all = pairs.flatMap(p => [p.from_generated, p.to_generated]);
    if (all.length) {
      const lo = Math.min(...all), hi = Math.max(...all);
      datasets.push({ label: 'no change', data: [{ x: lo, y: lo }, { x: hi, y: hi }], showLine: true, borderDash: [5, 4], borderColor: '#888', pointRadius: 0 });
    }
    ty.chart('pairs-chart', {
      type: 'scatter', data: { datasets },
      options: {
        plugins: {
          title: { display: true, text: 'Generated tokens per prompt' },
          tooltip: { callbacks: { label: c => c.raw.id ? 'prompt #' + c.raw.id + ': ' + Math.round(c.raw.x) + ' → ' + Math.round(c.raw.y) : '' } }
        },
        scales: {
          x: { type: 'logarithmic', title: { display: true, text: r.from + ' @ ' + r.from_setting + ' (log)' } },
          y: { type: 'logarithmic', title: { display: true, text: r.to + ' @ ' + r.to_setting + ' (log)' } }
        }
      }
    });
  }).catch(e => console.warn(e.message));
})();
