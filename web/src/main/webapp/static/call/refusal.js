// What the call page says when the server refused and closed the connection (docs/signaling.md,
// "Errors"): the reason the server gave, not "Connection lost". Before the call began the
// person could not join; during it, the call could not go on.
export function refusalEnding(phase, reason) {
  return {
    title: phase === 'call' ? 'The call could not go on' : 'You could not join the call',
    reason: sentence(reason),
  };
}

/** The server's reasons are lower-case phrases: shown on their own, they read as a sentence. */
function sentence(text) {
  const trimmed = String(text).trim();
  return trimmed.charAt(0).toUpperCase() + trimmed.slice(1) + (/[.!?]$/.test(trimmed) ? '' : '.');
}
