// What guests see of a room instead of its name (docs/security.md, "What guests see"): the
// room's entry on the home page says it, and its owner and hosts change it here
// (PUT /api/rooms/{id}/guest-label, or DELETE for the default). The API's problem message is
// shown next to the field; nothing changes on a refusal.

/**
 * The "Change what guests see" disclosure of a room's entry.
 * @param room the room as the API shows it
 * @param request the page's API call (method, path, body) → payload, throwing with .message
 * @param saved called with the room as changed
 */
export function guestLabelForm(room, request, saved) {
  const details = document.createElement('details');
  details.className = 'guest-label';
  const summary = document.createElement('summary');
  summary.textContent = 'Change what guests see';
  summary.setAttribute('aria-label', `Change what guests see: ${room.displayName}`);
  const form = document.createElement('form');
  form.noValidate = true;
  const id = `guest-label-${room.id}`;
  const field = document.createElement('div');
  field.className = 'field';
  const label = document.createElement('label');
  label.htmlFor = id;
  label.textContent = 'Name shown to guests';
  const hint = document.createElement('p');
  hint.className = 'hint';
  hint.id = `${id}-hint`;
  hint.textContent = 'Guests never see the room\'s own name. For example "Dr. Ortiz\'s clinic"; up to 80 characters.';
  const input = document.createElement('input');
  input.type = 'text';
  input.id = id;
  input.maxLength = 80;
  input.autocomplete = 'off';
  input.value = room.guestLabel || '';
  const error = document.createElement('p');
  error.className = 'notice error';
  error.id = `${id}-error`;
  error.setAttribute('role', 'alert');
  error.hidden = true;
  input.setAttribute('aria-describedby', `${hint.id} ${error.id}`);
  field.append(label, hint, input);
  const save = document.createElement('button');
  save.type = 'submit';
  save.textContent = 'Save';
  const reset = document.createElement('button');
  reset.type = 'button';
  reset.className = 'secondary';
  reset.textContent = 'Use the default';
  const change = async (method, body) => {
    save.disabled = true;
    reset.disabled = true;
    try {
      const changed = await request(method, `/rooms/${encodeURIComponent(room.id)}/guest-label`, body);
      error.hidden = true;
      input.removeAttribute('aria-invalid');
      saved(changed);
    } catch (problem) {
      error.textContent = problem.message;
      error.hidden = false;
      input.setAttribute('aria-invalid', 'true');
      input.focus();
    } finally {
      save.disabled = false;
      reset.disabled = false;
    }
  };
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    change('PUT', { guestLabel: input.value });
  });
  reset.addEventListener('click', () => change('DELETE'));
  form.append(field, error, save, reset);
  details.append(summary, form);
  return details;
}

/** The sentence of a room's entry that says what guests see. */
export function shownToGuests(room) {
  return `Guests see it as “${room.shownToGuests}”.`;
}
