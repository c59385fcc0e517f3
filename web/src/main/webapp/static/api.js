// The JSON API (docs/api.md) as the pages call it: same-origin, the session's cookie, the
// server's problem message as the error's message (and .field, the field it names). A 401
// means the session ended: the page reloads, and the sign-in page comes back.

/** @returns async (method, path, body) => payload (null for 204) */
export function apiRequest(base) {
  return async function request(method, path, body) {
    const response = await fetch(base + path, {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? { Accept: 'application/json' } : { Accept: 'application/json', 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (response.status === 401) {
      location.reload();
      throw new Error('Your session has ended. Please sign in again.');
    }
    const payload = response.status === 204 ? null : await response.json().catch(() => null);
    if (!response.ok) {
      const problem = new Error((payload && payload.error) || `The server answered ${response.status}.`);
      problem.field = payload && payload.field;
      throw problem;
    }
    return payload;
  };
}
