// A room's colleagues (issue 20, item 4): find one by name through the server
// (GET /api/colleagues?q=, docs/api.md), invite them (the room is then on their home page; they
// join its calls through the waiting room when it is on) or, for the room's owner, make them
// co-host (PUT /api/rooms/{id}/hosts/{username}); take either back. The same panel sits in each
// room's entry on the home page and in the call's host panel. Every change is the server's to
// authorize and audit; its problem message is shown as it comes, and nothing changes on a refusal.

export const SHORTEST = 2;
export const LONGEST = 64;

/** Why {@code text} cannot be searched for yet, or null when it can. */
export function searchProblem(text) {
  const wanted = text.trim();
  if (wanted.length < SHORTEST) {
    return `Type at least ${SHORTEST} letters of your colleague's name.`;
  }
  return wanted.length > LONGEST ? `Type at most ${LONGEST} characters.` : null;
}

/** What the room's people are to it, for its list: [{ username, part: 'co-host' | 'invited' }], co-hosts first. */
export function roomColleagues(room) {
  return [...(room.hosts || []).map((username) => ({ username, part: 'co-host' })),
    ...(room.colleagues || []).map((username) => ({ username, part: 'invited' }))];
}

/** What may be done with someone found, in this room, by the one who looks: the buttons' actions. */
export function offers(room, username) {
  const owner = room.yourRole === 'owner';
  if (username === room.owner || (room.hosts || []).includes(username)) {
    return [];
  }
  const invited = (room.colleagues || []).includes(username);
  return [...(invited ? [] : ['invite']), ...(owner ? ['co-host'] : [])];
}

const ACTIONS = {
  invite: { label: 'Invite', method: 'PUT', path: 'colleagues', done: (name) => `${name} is invited: the room is on their home page.` },
  'co-host': { label: 'Make co-host', method: 'PUT', path: 'hosts', done: (name) => `${name} is a co-host now.` },
  'take-back': { label: 'Take back invitation', method: 'DELETE', path: 'colleagues', done: (name) => `${name}'s invitation is taken back.` },
  'no-host': { label: 'Remove co-host', method: 'DELETE', path: 'hosts', done: (name) => `${name} is no longer a co-host.` },
};

/**
 * The "Colleagues and co-hosts" disclosure of a room.
 * @param room    the room as the API shows it (changes replace it)
 * @param request the page's API call (method, path, body) → payload, throwing with .message
 * @param changed called with the room as changed
 */
export function colleaguesPanel(room, request, changed = () => {}) {
  const details = element('details', 'colleagues');
  const summary = element('summary', '', 'Colleagues and co-hosts');
  summary.setAttribute('aria-label', `Colleagues and co-hosts: ${room.displayName}`);
  const id = `colleagues-${room.id}`;
  const current = element('ul', 'colleague-list');
  current.setAttribute('aria-label', 'Invited colleagues and co-hosts');
  const form = element('form', 'colleague-search');
  form.setAttribute('role', 'search');
  form.noValidate = true;
  const input = element('input');
  input.type = 'search';
  input.id = `${id}-q`;
  input.maxLength = LONGEST;
  input.autocomplete = 'off';
  const label = element('label', '', 'Find a colleague by name');
  label.htmlFor = input.id;
  const search = element('button', '', 'Search');
  search.type = 'submit';
  const found = element('ul', 'colleague-results');
  found.setAttribute('aria-label', 'Colleagues found');
  const status = element('p', 'hint colleague-status');
  status.setAttribute('role', 'status');
  let results = [];

  const act = async (action, person, button) => {
    button.disabled = true;
    try {
      room = await request(ACTIONS[action].method,
        `/rooms/${encodeURIComponent(room.id)}/${ACTIONS[action].path}/${encodeURIComponent(person.username)}`);
      status.textContent = ACTIONS[action].done(person.displayName || person.username);
      render();
      changed(room);
    } catch (problem) {
      status.textContent = problem.message;
      button.disabled = false;
    }
  };
  const entry = (person, text, actions) => {
    const item = element('li');
    item.dataset.username = person.username;
    item.append(element('span', 'colleague-name', text));
    for (const action of actions) {
      const button = element('button', action === 'take-back' || action === 'no-host' ? 'secondary' : '', ACTIONS[action].label);
      button.type = 'button';
      button.dataset.action = action;
      button.setAttribute('aria-label', `${ACTIONS[action].label}: ${person.displayName || person.username}`);
      button.addEventListener('click', () => act(action, person, button));
      item.append(button);
    }
    return item;
  };
  const render = () => {
    const owner = room.yourRole === 'owner';
    current.replaceChildren(...roomColleagues(room).map(({ username, part }) =>
      entry({ username }, `${username}, ${part}`,
        part === 'co-host' ? (owner ? ['no-host'] : []) : [...(owner ? ['co-host'] : []), 'take-back'])));
    current.hidden = current.children.length === 0;
    found.replaceChildren(...results.map((person) => entry(person, `${person.displayName} (${person.username})`,
      offers(room, person.username))));
  };
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const problem = searchProblem(input.value);
    if (problem) {
      status.textContent = problem;
      input.setAttribute('aria-invalid', 'true');
      input.focus();
      return;
    }
    input.removeAttribute('aria-invalid');
    search.disabled = true;
    try {
      results = await request('GET', `/colleagues?q=${encodeURIComponent(input.value.trim())}`);
      status.textContent = results.length === 0 ? 'Nobody of that name: try part of their surname, or their user name.'
        : `${results.length} found.`;
      render();
    } catch (problem) {
      status.textContent = problem.message;
    } finally {
      search.disabled = false;
    }
  });
  const hint = element('p', 'hint', 'Invited colleagues see the room on their home page; when its waiting room is on, '
    + 'a host lets them in. Co-hosts let people in and out, and can close the room.');
  form.append(label, input, search);
  details.append(summary, hint, current, form, status, found);
  render();
  return details;
}

function element(tag, className = '', text = '') {
  const node = document.createElement(tag);
  if (className) {
    node.className = className;
  }
  if (text) {
    node.textContent = text;
  }
  return node;
}
