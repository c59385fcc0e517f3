/* The console's dashboard (docs/admin-console.md): polls dashboard.json every 5 s and puts
   its strings into the page's elements (textContent only, never markup). The live region
   #dashboard-summary changes only when its sentence changes. A poll is not activity: it
   says active=1 only when a key was pressed or the pointer used since the previous one, so
   an unattended console still signs out after the idle timeout. Stops, and says so, when an
   answer is not the dashboard's JSON (session ended, second factor asked again). */
(function () {
  'use strict';
  var root = document.getElementById('dashboard');
  if (!root) {
    return;
  }
  var source = root.getAttribute('data-source');
  var PERIOD = 5000;
  var timer = null;
  var stopped = false;
  var active = false;
  ['keydown', 'pointerdown', 'pointermove', 'wheel', 'touchstart'].forEach(function (type) {
    document.addEventListener(type, function () { active = true; }, { passive: true, capture: true });
  });

  function text(id, value) {
    var element = document.getElementById(id);
    if (element && element.textContent !== value) {
      element.textContent = value;
    }
  }

  function cell(row, className, value) {
    var td = document.createElement('td');
    td.className = className;
    td.textContent = String(value);
    row.appendChild(td);
  }

  function render(data) {
    text('dashboard-updated', data.updated);
    text('dashboard-summary', data.summary);
    data.checks.forEach(function (check) {
      var state = document.getElementById('health-' + check.name + '-state');
      if (state) {
        state.className = 'state state-' + (check.up ? 'up' : 'down');
      }
      text('health-' + check.name + '-state', check.state);
      text('health-' + check.name + '-detail', check.detail);
    });
    showRows('visits-rows', 'visit-row', data.visits, [['room wrap', 'room'], ['kind', 'kind'],
      ['started', 'started'], ['present', 'present'], ['by-role', 'presentByRole'], ['node', 'node']]);
    document.getElementById('visits-table').hidden = data.visits.length === 0;
    document.getElementById('visits-empty').hidden = data.visits.length !== 0;
    showFigures('media', 'media-', data.media);
    showFigures('port-drops', 'drop-', data.portDrops);
    showFigures('endpoint-drops', 'drop-', data.endpointDrops);
    text('media-state', data.mediaState);
    document.getElementById('media-state').hidden = data.mediaState === '';
    text('node-name', data.node.name);
    text('node-id', data.node.id);
    text('node-cluster', data.node.cluster);
    text('node-new-calls', data.node.newCalls);
    showRows('members-rows', 'member-row', data.node.members, [['member', 'name'], ['role', 'role'],
      ['media', 'media'], ['conferences', 'conferences'], ['endpoints', 'connections'], ['packets', 'packets'],
      ['load', 'load']]);
    document.getElementById('members-table').hidden = data.node.members.length === 0;
    showChanges(data.node.changes);
    text('node-refused-egress', data.node.refusedEgress);
  }

  /** The cluster's changes as this node saw them, newest first: one list item each. */
  function showChanges(changes) {
    var items = document.createDocumentFragment();
    changes.forEach(function (change) {
      var item = document.createElement('li');
      item.className = 'cluster-change';
      item.textContent = change;
      items.appendChild(item);
    });
    document.getElementById('cluster-change-rows').replaceChildren(items);
    document.getElementById('cluster-changes').hidden = changes.length === 0;
  }

  /** Replaces the rows of table body `bodyId`: one row per item, one cell per [class, field]. */
  function showRows(bodyId, rowClass, items, columns) {
    var fresh = document.createDocumentFragment();
    items.forEach(function (item) {
      var row = document.createElement('tr');
      row.className = rowClass;
      columns.forEach(function (column) {
        cell(row, column[0], item[column[1]]);
      });
      fresh.appendChild(row);
    });
    document.getElementById(bodyId).replaceChildren(fresh);
  }

  function showFigures(listId, idPrefix, list) {
    var figures = document.createDocumentFragment();
    list.forEach(function (figure) {
      var group = document.createElement('div');
      var dt = document.createElement('dt');
      dt.textContent = figure.label;
      var dd = document.createElement('dd');
      dd.id = idPrefix + figure.key;
      dd.textContent = figure.value;
      if (figure.value !== '0' && idPrefix === 'drop-') {
        dd.className = 'nonzero';
      }
      group.appendChild(dt);
      group.appendChild(dd);
      figures.appendChild(group);
    });
    document.getElementById(listId).replaceChildren(figures);
  }

  function stop(why) {
    stopped = true;
    window.clearTimeout(timer);
    text('dashboard-refresh', why);
  }

  function poll() {
    if (stopped) {
      return;
    }
    if (document.hidden) {
      timer = window.setTimeout(poll, PERIOD);
      return;
    }
    var url = source + (active ? '?active=1' : '');
    active = false;
    fetch(url, { credentials: 'same-origin', headers: { 'Accept': 'application/json' }, cache: 'no-store',
                    redirect: 'manual' })
      .then(function (response) {
        var type = response.headers.get('Content-Type') || '';
        if (!response.ok || type.indexOf('application/json') !== 0) {
          throw new Error('not the dashboard');
        }
        return response.json();
      })
      .then(function (data) {
        render(data);
        timer = window.setTimeout(poll, PERIOD);
      })
      .catch(function () {
        stop('live updates stopped (signed out, or the server did not answer): reload the page.');
      });
  }

  text('dashboard-refresh', 'updated every 5 seconds.');
  timer = window.setTimeout(poll, PERIOD);
}());
