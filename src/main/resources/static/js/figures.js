// Shared helpers of the figure pages (palette and markers included): fetch the page's figures from the JSON API with the page's
// own filters, keep every chart in window.tyCharts (the browser tests look there), and say so
// in the caption when a figure has no data.
window.ty = (function () {
  window.tyCharts = window.tyCharts || {};
  const FILTERS = ['category', 'difficulty', 'setting', 'dataset'];

  function query(extra, withSetting) {
    const page = new URLSearchParams(window.location.search);
    const q = new URLSearchParams();
    FILTERS.forEach(f => {
      if (f === 'setting' && withSetting === false) return;
      const v = page.get(f);
      if (v) q.set(f, v);
    });
    Object.entries(extra || {}).forEach(([k, v]) => { if (v != null) q.set(k, v); });
    return q.toString();
  }

  function get(path, extra, withSetting) {
    return fetch('/api/v1/' + path + '?' + query(extra, withSetting), { headers: { Accept: 'application/json' } })
      .then(r => { if (!r.ok) throw new Error(path + ': HTTP ' + r.status); return r.json(); });
  }

  if (typeof Chart !== 'undefined') Chart.defaults.plugins.legend.labels.usePointStyle = true;

  function chart(id, config) {
    const canvas = document.getElementById(id);
    if (!canvas || typeof Chart === 'undefined') return null;
    config.options = Object.assign({ responsive: true, maintainAspectRatio: false, animation: false }, config.options || {});
    const c = new Chart(canvas, config);
    window.tyCharts[id] = c;
    canvas.setAttribute('data-rendered', 'true');
    return c;
  }

  function note(id, text) {
    const el = document.getElementById(id);
    if (!el) return;
    const span = document.createElement('span');
    span.className = 'figure-note';
    span.textContent = ' ' + text + ' ';
    el.insertBefore(span, el.firstChild ? el.firstChild.nextSibling : null);
  }

  function pct(v) { return v == null ? '–' : (v * 100).toFixed(1) + ' %'; }

  // Okabe-Ito: told apart by readers with any common colour-vision deficiency; every series also
  // gets its own marker, so no figure depends on colour alone
  const palette = ['#0072B2', '#E69F00', '#009E73', '#D55E00', '#CC79A7', '#56B4E9', '#000000', '#F0E442'];
  const markers = ['circle', 'triangle', 'rect', 'rectRot', 'star', 'crossRot', 'rectRounded', 'cross'];

  // a chart with nothing to draw is not drawn: the caption says why instead
  function empty(id, captionId, text) {
    const canvas = document.getElementById(id);
    if (canvas) canvas.setAttribute('data-empty', 'true');
    note(captionId, text);
  }

  const logTicks = { callback: v => { const s = String(v); return /^(1|2|5)/.test(s) ? Number(v).toLocaleString() : ''; } };

  return { query, get, chart, note, pct, logTicks, palette, markers, empty };
})();
