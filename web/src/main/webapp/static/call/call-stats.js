// What this browser sends and receives, for tests and support (window.consiliumCall.stats()):
// the call's phase and people, and per participant the frames and samples decoded (getStats).
// Read when asked, from the call's live state; changes nothing.

/** Installs window.consiliumCall for the page's call; `views` are the page's tiles, adaptive media and recording. */
export function installCallStats(call, { tiles, adaptive, recording, layout, quality }) {
  // How this browser's shared screen goes out (screen-share.js), or null.
  function screenSending() {
    const sender = call.screen && call.peer && call.peer.screen ? call.peer.screen.sender : null;
    const encoding = sender ? sender.getParameters().encodings[0] : null;
    return encoding ? { contentHint: call.screen.contentHint, maxFramerate: encoding.maxFramerate ?? null,
      maxBitrate: encoding.maxBitrate ?? null } : null;
  }

  // For tests and support: what this browser receives, per participant (getStats).
  window.consiliumCall = {
    async stats() {
      const result = { phase: call.phase, ending: call.ending, me: call.me, participants: call.participants,
                       connection: call.peer && call.peer.pc ? call.peer.pc.connectionState : 'none',
                       answers: call.peer ? call.peer.answers : 0, received: {}, screens: {}, refusals: call.refusals,
                       screenSending: screenSending(), reconnects: call.reconnects, lastClose: call.lastClose,
                       iceRestarts: call.ice ? call.ice.restarts : 0, allocation: adaptive.lastAllocation || null,
                       cameraLayers: 0, recording: recording.state(), constraints: adaptive.lastConstraints(),
                       layout: { mode: layout.mode, stage: layout.stageParticipant(), pinned: layout.pinned },
                       quality: quality.reading,
                       devices: { microphone: call.microphone ? call.microphone.label : null,
                         camera: call.camera ? call.camera.label : null } };
      if (!call.peer || !call.peer.pc) {
        return result;
      }
      const bySsrc = new Map(call.peer.sources.map((source) => [source.ssrc, source]));
      const report = await call.peer.pc.getStats();
      report.forEach((stat) => {
        if (stat.type === 'outbound-rtp' && stat.kind === 'video' && stat.rid && stat.bytesSent > 0) {
          result.cameraLayers++; // simulcast layers going out
        }
        const source = stat.type === 'inbound-rtp' ? bySsrc.get(stat.ssrc) : undefined;
        if (!source) {
          return;
        }
        const participant = call.participants.find((p) => p.id === source.participant);
        const screen = participant && tiles.mediaOf(participant).screen === source;
        if (screen) {
          result.screens[source.participant] = (result.screens[source.participant] || 0) + (stat.framesDecoded || 0);
          return;
        }
        const entry = result.received[source.participant] ||= { frames: 0, samples: 0 };
        entry.frames += stat.kind === 'video' ? stat.framesDecoded || 0 : 0;
        entry.samples += stat.kind === 'audio' ? stat.totalSamplesReceived || 0 : 0;
      });
      return result;
    },
  };
}
