// The home page's figures, drawn from the same JSON the API serves with the page's own filters:
// the signature figure (each successor's generated-token drift against its accuracy change, in
// the verdict regions) and accuracy against tokens with the Pareto frontier. Every number, every
// verdict and the frontier come from the server; this file only places them.
(function () {
  const ty = window.ty;
  if (!document.getElementById('pareto-chart') || typeof Chart === 'undefined') return;
  const pageSetting = new URLSearchParams(window.location.search).get('setting');

  ty.get('leaderboard').then(data => {
    driftMap(data.rows || []);
    pareto(data.rows || [], data.frontier || []);
  }).catch(e => console.warn(e.message));

  // the look of each verdict: a colour of the palette and a marker of its own
  const VERDICTS = {
    paid_for_gains: { colour: '#0072B2', marker: 'triangle' },
    free_gains: { colour: '#009E73', marker: 'star' },
    efficiency_win: { colour: '#009E73', marker: 'rectRot' },
    overhead: { colour: '#E69F00', marker: 'rect' },
    no_change: { colour: '#000000', marker: 'circle' },
    leaner: { colour: '#56B4E9', marker: 'rectRounded' },
    overthinking: { colour: '#D55E00', marker: 'crossRot' },
    regression: { colour: '#CC79A7', marker: 'cross' },
    cut_corners: { colour: '#D55E00', marker: 'triangle', rotation: 180 }
  };

  function compareHref(r) {
    const extra = { from: r.drift.predecessor, to: r.model };
    return '/compare?' + ty.query(extra, pageSetting !== 'all');
  }

  function driftMap(rows) {
    const placed = rows.filter(r => r.drift && r.drift.generated && r.drift.generated.value != null
      && r.drift.accuracy_change && r.drift.accuracy_change.value != null);
    const unplaced = rows.filter(r => r.drift && !placed.includes(r)).length;
    if (!placed.length) {
      ty.empty('drift-chart', 'drift-caption', unplaced
        ? 'No successor with graded answers for this filter (' + unplaced + ' pairs without accuracy, e.g. tokenizers, are in the data table).'
        : 'No version has a predecessor with results for this filter.');
      return;
    }
    const point = r => ({
      x: r.drift.generated.value * 100, y: r.drift.accuracy_change.value * 100,
      xLow: ci(r.drift.generated.ci_low), xHigh: ci(r.drift.generated.ci_high),
      yLow: ci(r.drift.accuracy_change.ci_low), yHigh: ci(r.drift.accuracy_change.ci_high),
      label: r.drift.predecessor + ' → ' + r.model + (r.simulated ? ' (simulated)' : ''),
      verdict: r.drift.verdict, href: compareHref(r)
    });
    const groups = {};
    placed.forEach(r => { const v = r.drift.verdict || 'undecided'; (groups[v] = groups[v] || []).push(point(r)); });
    const datasets = Object.keys(groups).map(v => {
      const look = VERDICTS[v] || { colour: '#5c6773', marker: 'circle' };
      return { label: v.replace(/_/g, ' '), data: groups[v], pointStyle: look.marker, rotation: look.rotation || 0,
        pointRadius: 7, pointHoverRadius: 9, borderWidth: 2, borderColor: look.colour, backgroundColor: look.colour };
    });
    const span = (vals, pad) => Math.max(pad, ...vals.map(Math.abs)) * 1.15;
    const xs = placed.flatMap(r => [r.drift.generated.value, r.drift.generated.ci_low, r.drift.generated.ci_high]).filter(v => v != null).map(v => v * 100);
    const ys = placed.flatMap(r => [r.drift.accuracy_change.value, r.drift.accuracy_change.ci_low, r.drift.accuracy_change.ci_high]).filter(v => v != null).map(v => v * 100);
    const xr = span(xs, 5), yr = span(ys, 2);
    ty.chart('drift-chart', {
      type: 'scatter', data: { datasets },
      plugins: [verdictRegions, intervals],
      options: {
        onClick: (e, els, chart) => {
          if (!els.length) return;
          const p = chart.data.datasets[els[0].datasetIndex].data[els[0].index];
          if (p.href) window.location.href = p.href;
        },
        onHover: (e, els) => { if (e.native && e.native.target) e.native.target.style.cursor = els.length ? 'pointer' : 'default'; },
        plugins: {
          title: { display: true, text: 'What the extra tokens bought: drift against accuracy change' },
          tooltip: { callbacks: { label: c => c.raw.label + ': ' + fmt(c.raw.x, ' %') + ' tokens, ' + fmt(c.raw.y, ' pt') + (c.raw.verdict ? ' (' + c.raw.verdict.replace(/_/g, ' ') + ')' : '') } },
          legend: { labels: { usePointStyle: true } }
        },
        scales: {
          x: { min: -xr, max: xr, title: { display: true, text: 'generated-token drift vs predecessor (%)' } },
          y: { min: -yr, max: yr, title: { display: true, text: 'accuracy change (points)' } }
        }
      }
    });
    if (unplaced) ty.note('drift-caption', unplaced + ' pairs without graded answers (e.g. tokenizers) are in the data table only.');
  }

  function ci(v) { return v == null ? null : v * 100; }

  function fmt(v, unit) { return (v > 0 ? '+' : '') + v.toFixed(1) + unit; }

  // the four regions of the verdict table, tinted and named, with the axes of no change
  const verdictRegions = {
    id: 'verdictRegions',
    beforeDatasetsDraw(chart) {
      const { ctx, chartArea: a, scales: { x, y } } = chart;
      const x0 = Math.min(Math.max(x.getPixelForValue(0), a.left), a.right);
      const y0 = Math.min(Math.max(y.getPixelForValue(0), a.top), a.bottom);
      const regions = [
        { l: a.left, t: a.top, r: x0, b: y0, fill: 'rgba(0,158,115,.10)', text: 'fewer tokens, better', align: 'left', base: 'top' },
        { l: x0, t: a.top, r: a.right, b: y0, fill: 'rgba(0,114,178,.10)', text: 'more tokens, better', align: 'right', base: 'top' },
        { l: x0, t: y0, r: a.right, b: a.bottom, fill: 'rgba(213,94,0,.10)', text: 'more tokens, worse', align: 'right', base: 'bottom' },
        { l: a.left, t: y0, r: x0, b: a.bottom, fill: 'rgba(230,159,0,.12)', text: 'fewer tokens, worse', align: 'left', base: 'bottom' }
      ];
      ctx.save();
      ctx.font = '12px system-ui, sans-serif';
      ctx.fillStyle = '#1d232b';
      regions.forEach(g => {
        ctx.fillStyle = g.fill;
        ctx.fillRect(g.l, g.t, g.r - g.l, g.b - g.t);
        ctx.fillStyle = '#3d4650';
        ctx.textAlign = g.align;
        ctx.textBaseline = g.base;
        ctx.fillText(g.text, g.align === 'left' ? g.l + 6 : g.r - 6, g.base === 'top' ? g.t + 4 : g.b - 4);
      });
      // on the axes: an interval that crosses zero is no change on that axis
      ctx.fillStyle = '#3d4650';
      ctx.textBaseline = 'bottom';
      ctx.textAlign = 'right';
      if (a.right - x0 > 90) ctx.fillText('more tokens, no gain', a.right - 6, y0 - 3);
      ctx.textAlign = 'left';
      if (x0 - a.left > 90) ctx.fillText('fewer tokens, no loss', a.left + 6, y0 - 3);
      ctx.strokeStyle = '#5c6773';
      ctx.setLineDash([4, 3]);
      ctx.beginPath();
      ctx.moveTo(x0, a.top); ctx.lineTo(x0, a.bottom);
      ctx.moveTo(a.left, y0); ctx.lineTo(a.right, y0);
      ctx.stroke();
      ctx.restore();
    }
  };

  // 95 % intervals as whiskers in both directions
  const intervals = {
    id: 'intervals',
    afterDatasetsDraw(chart) {
      const { ctx, scales: { x, y } } = chart;
      ctx.save();
      ctx.lineWidth = 1.5;
      chart.data.datasets.forEach((d, i) => {
        if (!chart.isDatasetVisible(i)) return;
        ctx.strokeStyle = d.borderColor;
        d.data.forEach(p => {
          ctx.beginPath();
          if (p.xLow != null && p.xHigh != null) {
            ctx.moveTo(x.getPixelForValue(p.xLow), y.getPixelForValue(p.y));
            ctx.lineTo(x.getPixelForValue(p.xHigh), y.getPixelForValue(p.y));
          }
          if (p.yLow != null && p.yHigh != null) {
            ctx.moveTo(x.getPixelForValue(p.x), y.getPixelForValue(p.yLow));
            ctx.lineTo(x.getPixelForValue(p.x), y.getPixelForValue(p.yHigh));
          }
          ctx.stroke();
        });
      });
      ctx.restore();
    }
  };

  function pareto(all, frontier) {
    const rows = all.filter(r => r.accuracy && r.accuracy.value != null && r.tokens.generated > 0);
    if (!rows.length) {
      ty.empty('pareto-chart', 'pareto-caption', 'No graded results for this filter yet.');
      return;
    }
    const point = r => ({ x: r.tokens.generated, y: r.accuracy.value * 100, label: r.model + ' @ ' + r.setting });
    const real = rows.filter(r => !r.simulated).map(point);
    const simulated = rows.filter(r => r.simulated).map(point);
    const datasets = [];
    if (real.length) datasets.push({ label: 'Model versions', data: real, pointRadius: 6, pointStyle: 'circle', backgroundColor: ty.palette[0], borderColor: ty.palette[0] });
    if (simulated.length) datasets.push({ label: 'Simulated versions', data: simulated, pointRadius: 6, pointStyle: 'triangle', backgroundColor: ty.palette[1], borderColor: ty.palette[1] });
    datasets.push({ label: 'Pareto frontier', data: frontier.map(f => ({ x: f.generated, y: f.accuracy * 100 })), type: 'line', showLine: true, fill: false, borderColor: '#5c6773', borderDash: [4, 4], pointRadius: 0, pointStyle: 'line' });
    ty.chart('pareto-chart', {
      type: 'scatter', data: { datasets },
      options: {
        plugins: {
          title: { display: true, text: 'Accuracy against mean generated tokens' },
          tooltip: { callbacks: { label: c => (c.raw.label || '') + ': ' + c.raw.y.toFixed(1) + ' %, ' + Math.round(c.raw.x) + ' tokens' } },
          legend: { labels: { usePointStyle: true } }
        },
        scales: {
          x: { type: 'logarithmic', title: { display: true, text: 'mean generated tokens per prompt (log)' } },
          y: { title: { display: true, text: 'accuracy (%)' }, suggestedMin: 0, suggestedMax: 100 }
        }
      }
    });
  }
})();
