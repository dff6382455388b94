// The model version page: sweep (log-log, fitted line, sweet spot, efficient setting), width vs
// depth, length vs correctness, token variance and drift over time, from the JSON API.
(function () {
  const page = document.getElementById('model-page');
  if (!page || typeof Chart === 'undefined') return;
  const model = page.dataset.model;
  const ty = window.ty;

  const sweepPromise = ty.get('scaling', { model }, false);

  sweepPromise.then(s => {
    const pts = (s.points || []).filter(p => p.tokens > 0 && p.accuracy > 0);
    if (!pts.length) { ty.empty('sweep-chart', 'sweep-caption', 'No graded results yet.'); return; }
    const data = pts.map(p => ({ x: p.tokens, y: p.accuracy * 100, label: p.setting }));
    const datasets = [{ label: 'settings', data, showLine: true, borderColor: ty.palette[0], backgroundColor: ty.palette[0], pointStyle: 'circle', pointRadius: 5 }];
    if (s.alpha && s.alpha.value != null && s.intercept != null && pts.length >= 2) {
      const xs = pts.map(p => p.tokens);
      const lo = Math.min(...xs), hi = Math.max(...xs);
      const line = [lo, hi].map(t => ({ x: t, y: Math.exp(s.intercept) * Math.pow(t, s.alpha.value) * 100 }));
      datasets.push({ label: 'fit: α = ' + s.alpha.value.toFixed(3), data: line, showLine: true, borderDash: [6, 4], borderColor: '#5c6773', pointRadius: 0, pointStyle: 'line' });
    }
    const sweet = data.filter(p => p.label === s.sweet_spot);
    const efficient = data.filter(p => p.label === s.efficient_setting);
    if (sweet.length) datasets.push({ label: 'sweet spot', data: sweet, pointStyle: 'star', pointRadius: 12, borderColor: ty.palette[3], backgroundColor: ty.palette[3] });
    if (efficient.length) datasets.push({ label: 'efficient setting', data: efficient, pointStyle: 'rectRot', pointRadius: 9, borderColor: ty.palette[2], backgroundColor: 'rgba(0,158,115,.3)' });
    ty.chart('sweep-chart', {
      type: 'scatter', data: { datasets },
      options: {
        plugins: {
          title: { display: true, text: 'Setting sweep (regime: ' + (s.regime || '–') + ')' },
          tooltip: { callbacks: { label: c => (c.raw.label ? c.raw.label + ': ' : '') + c.raw.y.toFixed(1) + ' %, ' + Math.round(c.raw.x) + ' tokens' } }
        },
        scales: {
          x: { type: 'logarithmic', title: { display: true, text: 'mean generated tokens (log)' } },
          y: { type: 'logarithmic', title: { display: true, text: 'accuracy % (log)' } }
        }
      }
    });
  }).catch(e => console.warn(e.message));

  Promise.all([sweepPromise, ty.get('parallel', { model })]).then(([s, p]) => {
    const sweep = (s.points || []).filter(x => x.tokens > 0 && x.accuracy > 0).map(x => ({ x: x.tokens, y: x.accuracy * 100, label: x.setting }));
    const pts = (p.points || []).filter(x => x.tokens > 0);
    const pass = pts.filter(x => x.pass_at_k > 0).map(x => ({ x: x.tokens, y: x.pass_at_k * 100, label: 'pass@' + x.k }));
    // null when no run carries an answer to vote on: not available, never drawn as 0
    const maj = pts.filter(x => x.majority_at_k != null && x.majority_at_k > 0).map(x => ({ x: x.tokens, y: x.majority_at_k * 100, label: 'majority@' + x.k }));
    const noVotes = (p.points || []).length > 0 && (p.points || []).every(x => x.majority_at_k == null);
    const all = pts.filter(x => x.pass_all_k > 0).map(x => ({ x: x.tokens, y: x.pass_all_k * 100, label: 'pass^' + x.k }));
    if (noVotes) ty.note('parallel-caption', 'majority@k: not available (no run carries an answer to vote on, as in imports without answers).');
    if (!sweep.length && !pass.length && !maj.length) { ty.empty('parallel-chart', 'parallel-caption', 'No graded results yet.'); return; }
    ty.chart('parallel-chart', {
      type: 'scatter',
      data: { datasets: [
        { label: 'depth: settings', data: sweep, showLine: true, borderColor: ty.palette[0], backgroundColor: ty.palette[0] },
        { label: 'width: pass@k (oracle)', data: pass, showLine: true, borderColor: ty.palette[1], backgroundColor: ty.palette[1], pointStyle: 'triangle' },
        { label: noVotes ? 'width: majority@k (not available)' : 'width: majority@k', data: maj, showLine: true, borderColor: ty.palette[2], backgroundColor: ty.palette[2], pointStyle: 'rect' },
        { label: 'consistency: pass^k (all k right)', data: all, showLine: true, borderColor: ty.palette[3], backgroundColor: ty.palette[3], pointStyle: 'crossRot', borderDash: [4, 3] }
      ] },
      options: {
        plugins: {
          title: { display: true, text: 'Width vs depth' },
          tooltip: { callbacks: { label: c => c.raw.label + ': ' + c.raw.y.toFixed(1) + ' %, ' + Math.round(c.raw.x) + ' tokens' } }
        },
        scales: {
          x: { type: 'logarithmic', title: { display: true, text: 'tokens per prompt (log): T or k·T' } },
          y: { type: 'logarithmic', title: { display: true, text: 'accuracy % (log)' } }
        }
      }
    });
    if (!pts.length) ty.note('parallel-caption', 'No repeated samples yet.');
  }).catch(e => console.warn(e.message));

  ty.get('length', { model }).then(l => {
    const rates = [l.short_correct_rate, l.middle_correct_rate, l.long_correct_rate].map(v => v == null ? null : v * 100);
    if (rates.every(v => v == null)) { ty.empty('length-chart', 'length-caption', 'Not enough repeated runs yet.'); return; }
    ty.chart('length-chart', {
      type: 'bar',
      data: { labels: ['shortest third', 'middle third', 'longest third'],
        datasets: [{ label: 'correct rate (%)', data: rates, backgroundColor: [ty.palette[2], ty.palette[5], ty.palette[3]] }] },
      options: {
        plugins: { legend: { display: false }, title: { display: true, text: 'Length vs correctness' } },
        scales: { y: { min: 0, max: 100, title: { display: true, text: 'correct (%)' } } }
      }
    });
    const d = l.long_minus_short || {};
    ty.note('length-caption', d.value == null ? 'Not enough repeated runs yet.'
      : 'Long − short: ' + (d.value * 100).toFixed(1) + ' pt' + (d.ci_low != null ? ' [' + (d.ci_low * 100).toFixed(1) + ', ' + (d.ci_high * 100).toFixed(1) + ']' : '') + ' over ' + l.prompts + ' prompts.');
  }).catch(e => console.warn(e.message));

  ty.get('variance', { model }).then(v => {
    if (!(v.rows || []).length) { ty.empty('variance-chart', 'variance-caption', 'Needs at least 2 samples per prompt.'); return; }
    const edges = [0, 0.05, 0.1, 0.2, 0.3, 0.5, 0.75, 1];
    const counts = new Array(edges.length).fill(0);
    (v.rows || []).forEach(r => {
      let i = edges.length - 1;
      while (i > 0 && r.cv < edges[i]) i--;
      counts[i]++;
    });
    const labels = edges.map((e, i) => i < edges.length - 1 ? e + '–' + edges[i + 1] : '≥ ' + e);
    ty.chart('variance-chart', {
      type: 'bar',
      data: { labels, datasets: [{ label: 'prompts', data: counts, backgroundColor: ty.palette[0] }] },
      options: {
        plugins: { legend: { display: false }, title: { display: true, text: 'Token variance between identical calls' } },
        scales: { x: { title: { display: true, text: 'CV of generated tokens per prompt' } }, y: { title: { display: true, text: 'prompts' }, beginAtZero: true } }
      }
    });
    ty.note('variance-caption', v.median_cv == null ? 'Needs at least 2 samples per prompt.'
      : 'Median CV ' + v.median_cv.toFixed(3) + '; max/min > 2 on ' + ty.pct(v.share_ratio_above_two) + ' of ' + v.prompts + ' prompts.');
  }).catch(e => console.warn(e.message));

  ty.get('timeline', { model }).then(t => {
    const weeks = t.weeks || [];
    if (!weeks.length) { ty.empty('timeline-chart', 'timeline-caption', 'No graded runs yet.'); return; }
    ty.chart('timeline-chart', {
      type: 'line',
      data: { labels: weeks.map(w => w.week), datasets: [
        { label: 'mean generated tokens', data: weeks.map(w => w.tokens), borderColor: ty.palette[0], backgroundColor: ty.palette[0], pointStyle: 'circle', yAxisID: 'y' },
        { label: 'accuracy (%)', data: weeks.map(w => w.accuracy == null ? null : w.accuracy * 100), borderColor: ty.palette[2], backgroundColor: ty.palette[2], pointStyle: 'triangle', borderDash: [6, 3], yAxisID: 'y1' }
      ] },
      options: {
        plugins: { title: { display: true, text: 'Drift over time (ISO weeks)' } },
        scales: {
          y: { position: 'left', title: { display: true, text: 'tokens' }, beginAtZero: true },
          y1: { position: 'right', min: 0, max: 100, grid: { drawOnChartArea: false }, title: { display: true, text: 'accuracy %' } }
        }
      }
    });
    const flags = [];
    if (t.tokens_changed) flags.push('tokens changed: ' + Math.round(t.tokens_change.value) + ' per prompt');
    if (t.accuracy_changed) flags.push('accuracy changed: ' + (t.accuracy_change.value * 100).toFixed(1) + ' pt');
    ty.note('timeline-caption', weeks.length < 2 ? 'Needs runs in at least two weeks.' : (flags.length ? 'Flagged: ' + flags.join('; ') + '.' : 'No change between the first and latest weeks.'));
  }).catch(e => console.warn(e.message));
})();
