// The grading rule's fields: show only those of the chosen type (a static file, so the content
// policy can forbid inline scripts).
(function () {
  const select = document.getElementById('graderType');
  if (!select) return;
  const show = () => document.querySelectorAll('.grader-fields [data-for]').forEach(el => {
    el.hidden = !el.dataset.for.split(' ').includes(select.value);
  });
  select.addEventListener('change', show);
  show();
})();
