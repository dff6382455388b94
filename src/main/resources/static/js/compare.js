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

// The waterfall of the change in cost per correct answer: the older version's cost per correct,
// one floating bar per part of the change (input, reasoning, answer, price, accuracy), then the
// newer version's. The server split the change; this only stacks its numbers.
(function () {
  const page = document.getElementById('compare-page');
  const canvas = document.getElementById('cost-change-chart');
  if (!page || !canvas || typeof Chart === 'undefined') return;
  const ty = window.ty;
  ty.get('drift', { from: page.dataset.from, to: page.dataset.to }).then(r => {
    const c = r.cost_change;
    if (!c) {
      ty.empty('cost-change-chart', 'cost-change-caption', 'Not available for this filter.');
      return;
    }
    const parts = [['input', 'input'], ['reasoning', 'reasoning'], ['answer', 'answer'], ['price', 'price'], ['accuracy', 'accuracy']];
    const labels = [r.from + ' (older)'];
    const bars = [[0, c.from_cost_per_correct]];
    const colours = ['#5c6773'];
    let level = c.from_cost_per_correct;
    parts.forEach(([field, label]) => {
      const v = c[field] && c[field].value != null ? c[field].value : 0;
      labels.push(label);
      bars.push([level, level + v]);
      colours.push(v >= 0 ? '#D55E00' : '#009E73');
      level += v;
    });
    labels.push(r.to + ' (newer)');
    bars.push([0, c.to_cost_per_correct]);
    colours.push('#5c6773');
    const usd = v => '$' + Number(v).toFixed(5);
    ty.chart('cost-change-chart', {
      type: 'bar',
      data: { labels, datasets: [{ label: 'USD per correct answer', data: bars, backgroundColor: colours, borderColor: colours }] },
      options: {
        plugins: {
          title: { display: true, text: 'Change in cost per correct answer' },
          legend: { display: false },
          tooltip: { callbacks: { label: x => { const [a, b] = x.raw; return (x.dataIndex === 0 || x.dataIndex === bars.length - 1) ? usd(b) : (b >= a ? '+' : '−') + usd(Math.abs(b - a)); } } }
        },
        scales: { y: { title: { display: true, text: 'USD per correct answer' }, beginAtZero: true } }
      }
    });
  }).catch(e => console.warn(e.message));
})();
