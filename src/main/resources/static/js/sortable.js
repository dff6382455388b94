// Click a column header of a table.sortable to sort by it; click again to reverse. Numeric
// columns sort on the cell's data-value (the raw number), blanks last. No build step.
(function () {
  document.querySelectorAll('table.sortable').forEach(table => {
    const headers = table.querySelectorAll('thead th');
    headers.forEach((th, col) => {
      if (!th.dataset.sort) return;
      th.tabIndex = 0;
      th.classList.add('sort-header');
      th.setAttribute('aria-sort', 'none');
      const sort = () => {
        const ascending = th.getAttribute('aria-sort') !== 'ascending';
        headers.forEach(h => h.dataset.sort && h.setAttribute('aria-sort', 'none'));
        th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
        const body = table.tBodies[0];
        const rows = Array.from(body.rows);
        const numeric = th.dataset.sort === 'num';
        const key = row => {
          const cell = row.cells[col];
          if (!cell) return null;
          if (numeric) {
            const raw = cell.dataset.value;
            const v = raw === undefined || raw === '' ? NaN : parseFloat(raw);
            return isNaN(v) ? null : v;
          }
          return cell.textContent.trim().toLowerCase();
        };
        rows.sort((a, b) => {
          const x = key(a), y = key(b);
          if (x === null && y === null) return 0;
          if (x === null) return 1;   // blanks last either way
          if (y === null) return -1;
          const c = numeric ? x - y : x.localeCompare(y);
          return ascending ? c : -c;
        });
        rows.forEach(r => body.appendChild(r));
      };
      th.addEventListener('click', sort);
      th.addEventListener('keydown', e => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); sort(); } });
    });
  });
})();
