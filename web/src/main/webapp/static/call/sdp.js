// Just enough SDP reading for the client: per media section, its mid, kind, direction,
// msid and primary SSRC. The bridge's answer names each received source's participant in
// the msid stream (docs/signaling.md, "Media").

export function mediaSections(sdp) {
  const sections = [];
  let current = null;
  for (const line of sdp.split(/\r?\n/)) {
    if (line.startsWith('m=')) {
      current = { kind: line.slice(2).split(' ')[0], mid: null, direction: 'sendrecv', msid: null, ssrcs: [], fid: null };
      sections.push(current);
    } else if (current === null) {
      continue;
    } else if (line.startsWith('a=mid:')) {
      current.mid = line.slice(6).trim();
    } else if (/^a=(sendrecv|sendonly|recvonly|inactive)$/.test(line)) {
      current.direction = line.slice(2);
    } else if (line.startsWith('a=msid:')) {
      const [stream, track] = line.slice(7).trim().split(' ');
      current.msid = { stream, track };
    } else if (line.startsWith('a=ssrc-group:FID ')) {
      current.fid = Number(line.slice(17).trim().split(' ')[0]);
    } else if (line.startsWith('a=ssrc:')) {
      const ssrc = Number(line.slice(7).split(' ')[0]);
      if (!current.ssrcs.includes(ssrc)) {
        current.ssrcs.push(ssrc);
      }
    }
  }
  for (const section of sections) {
    section.ssrc = section.fid ?? section.ssrcs[0] ?? null;
  }
  return sections;
}
