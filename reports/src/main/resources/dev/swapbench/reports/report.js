/* swapbench comparative report: clicking a cell of the matrix opens its evidence. Inlined into report.html. */
(function () {
  'use strict';
  var doc = document;

  function open(id, scroll) {
    var ev = id ? doc.getElementById(id) : null;
    if (!ev || !ev.classList.contains('evidence')) {
      return false;
    }
    doc.querySelectorAll('.evidence.open').forEach(function (e) { e.classList.remove('open'); });
    doc.querySelectorAll('td.cell.selected').forEach(function (c) { c.classList.remove('selected'); });
    ev.classList.add('open');
    doc.querySelectorAll('td.cell[data-ev="' + id + '"]').forEach(function (c) { c.classList.add('selected'); });
    var hint = doc.getElementById('hint');
    if (hint) {
      hint.hidden = true;
    }
    if (scroll) {
      ev.scrollIntoView({block: 'start'});
    }
    return true;
  }

  function choose(cell) {
    var id = cell.getAttribute('data-ev');
    open(id, true);
    try {
      history.replaceState(null, '', '#' + id);
    } catch (e) {
      /* some browsers refuse history changes on file:// pages; the evidence is open all the same */
    }
  }

  doc.querySelectorAll('td.cell[data-ev]').forEach(function (cell) {
    cell.addEventListener('click', function (e) {
      e.preventDefault();
      choose(cell);
    });
    cell.addEventListener('keydown', function (e) {
      if (e.key === 'Enter' || e.key === ' ') {
        e.preventDefault();
        choose(cell);
      }
    });
  });
  doc.querySelectorAll('a[data-ev]').forEach(function (a) {
    a.addEventListener('click', function (e) {
      e.preventDefault();
      open(a.getAttribute('data-ev'), true);
    });
  });
  window.addEventListener('hashchange', function () {
    open(location.hash.slice(1), true);
  });

  // On load: the pair named in the address, else the first violated cell (row by row), so that a counterexample
  // is on screen without a click.
  if (!open(decodeURIComponent(location.hash.slice(1)), true)) {
    var first = doc.querySelector('td.cell.v-violated[data-ev]');
    if (first) {
      open(first.getAttribute('data-ev'), false);
    }
  }

  // The page is self-contained: its Content-Security-Policy forbids every fetch. Resource Timing lists each fetch
  // the page started (blocked ones too); the count is kept on <html> so that a reader (or a test) can check it is 0.
  var fetched = window.performance && performance.getEntriesByType
      ? performance.getEntriesByType('resource').length : -1;
  doc.documentElement.setAttribute('data-external-requests', String(fetched));
  doc.documentElement.setAttribute('data-ready', 'true');
})();
