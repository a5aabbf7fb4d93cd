/* swapbench comparative report: clicking a cell of the matrix opens its evidence in a row under the cell's row; "back
   to the matrix" (or Esc) closes it and returns to the cell. Inlined into report.html. */
(function () {
  'use strict';
  var doc = document;
  var store = doc.getElementById('evidence');

  function close() {
    doc.querySelectorAll('.evidence.open').forEach(function (e) {
      e.classList.remove('open');
      if (store) {
        store.appendChild(e);
      }
    });
    doc.querySelectorAll('tr.ev-row').forEach(function (r) { r.parentNode.removeChild(r); });
    doc.querySelectorAll('td.cell.selected').forEach(function (c) { c.classList.remove('selected'); });
  }

  // Opens a pair's evidence under its cell's row (or where it is, for a pair not in the matrix).
  function open(id, scroll) {
    var ev = id ? doc.getElementById(id) : null;
    if (!ev || !ev.classList.contains('evidence')) {
      return false;
    }
    close();
    var cell = doc.querySelector('#matrix td.cell[data-ev="' + id + '"]');
    if (cell) {
      var row = cell.parentNode;
      var evRow = doc.createElement('tr');
      evRow.className = 'ev-row';
      var td = doc.createElement('td');
      td.colSpan = row.children.length;
      evRow.appendChild(td);
      row.parentNode.insertBefore(evRow, row.nextSibling);
      td.appendChild(ev);
      cell.classList.add('selected');
    }
    ev.classList.add('open');
    var hint = doc.getElementById('hint');
    if (hint) {
      hint.hidden = true;
    }
    if (scroll) {
      var top = (cell ? cell.parentNode : ev).getBoundingClientRect().top;
      window.scrollTo(0, window.pageYOffset + top - 8);
    }
    return true;
  }

  function remember(hash) {
    try {
      history.replaceState(null, '', hash);
    } catch (e) {
      /* some browsers refuse history changes on file:// pages; the evidence is open all the same */
    }
  }

  function back(id) {
    close();
    remember('#verdicts');
    var cell = doc.querySelector('#matrix td.cell[data-ev="' + id + '"]');
    if (cell) {
      cell.scrollIntoView({block: 'nearest'});
      cell.focus();
    }
  }

  function choose(cell) {
    var id = cell.getAttribute('data-ev');
    if (cell.classList.contains('selected')) {
      back(id);
      return;
    }
    open(id, false);
    remember('#' + id);
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
  doc.querySelectorAll('a[data-back]').forEach(function (a) {
    a.addEventListener('click', function (e) {
      e.preventDefault();
      back(a.getAttribute('data-back'));
    });
  });
  doc.addEventListener('keydown', function (e) {
    var opened = doc.querySelector('.evidence.open');
    if (e.key === 'Escape' && opened) {
      back(opened.id);
    }
  });
  window.addEventListener('hashchange', function () {
    open(location.hash.slice(1), true);
  });

  // On load: the pair named in the address, if any (the matrix stays whole otherwise).
  open(decodeURIComponent(location.hash.slice(1)), true);

  // The page is self-contained: its Content-Security-Policy forbids every fetch. Resource Timing lists each fetch
  // the page started (blocked ones too); the count is kept on <html> so that a reader (or a test) can check it is 0.
  var fetched = window.performance && performance.getEntriesByType
      ? performance.getEntriesByType('resource').length : -1;
  doc.documentElement.setAttribute('data-external-requests', String(fetched));
  doc.documentElement.setAttribute('data-ready', 'true');
})();
