// Which of this browser's layers anybody watches (`publish-layers`, docs/signaling.md): the
// others are switched off at the sender ("dynacast"), so an unwatched 720p layer costs no uplink.

/**
 * The encodings with `active` set as the message says, by rid; a section with one encoding and
 * no rid (a shared screen) takes the one value given. Null when nothing changes.
 */
export function withActiveLayers(encodings, active) {
  const wanted = active || {};
  const values = Object.values(wanted);
  let changed = false;
  const next = encodings.map((encoding) => {
    let on;
    if (encoding.rid !== undefined && encoding.rid !== '' && typeof wanted[encoding.rid] === 'boolean') {
      on = wanted[encoding.rid];
    } else if ((encoding.rid === undefined || encoding.rid === '') && encodings.length === 1 && values.length === 1
               && typeof values[0] === 'boolean') {
      on = values[0];
    } else {
      return encoding;
    }
    if (encoding.active !== on) {
      changed = true;
      return { ...encoding, active: on };
    }
    return encoding;
  });
  return changed ? next : null;
}

/** Applies a `publish-layers` message to the transceiver of its mid, if this peer connection has one. */
export async function applyPublishLayers(pc, message) {
  if (!pc || typeof message.mid !== 'string') {
    return false;
  }
  const transceiver = pc.getTransceivers().find((t) => t.mid === message.mid && t.sender);
  if (!transceiver) {
    return false;
  }
  const parameters = transceiver.sender.getParameters();
  const encodings = withActiveLayers(parameters.encodings || [], message.active);
  if (!encodings) {
    return false;
  }
  parameters.encodings = encodings;
  await transceiver.sender.setParameters(parameters);
  return true;
}
