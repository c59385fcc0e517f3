// The pre-call network check (REQUIREMENTS C7, docs/signaling.md "Network check"): a short
// loopback through the appliance's bridge over the same path a call takes (ICE over UDP, or
// TCP where UDP is blocked; DTLS; SRTP). One peer connection sends a test picture and sound,
// a second receives them back from the bridge; the page measures the round trip, the loss and
// the bitrate that came back, and says in plain words whether video will work. It joins no
// room: nobody sees it. Figures → verdict is `verdictFor`, unit-tested; the rest drives the browser.

// Where the words change (the call's own connection indicator uses the same loss and round trip:
// connection-quality.js). The bitrate is what came back in the last 2 s of a 5 s check: like a
// call's first seconds, the bridge starts each receiver at 300 kbit/s and probes upwards, so it is
// what a call gets at once, not all the path carries. 150 kbit/s back is the test picture's lower
// layer whole (a call's smallest camera layer is 150 kbit/s too): video works, small at first;
// under 60 kbit/s no picture keeps moving.
export const LIMITS = {
  goodKbps: 150, videoKbps: 60,
  fairLossPercent: 3, poorLossPercent: 10,
  fairRttMs: 300, poorRttMs: 800,
};

const MEASURE_MS = 5000;
const CONNECT_MS = 8000;
// The picture comes back after the bridge's keyframe request is answered: the 5 s are counted from
// then (or from here, if it does not come: the figures then say so), within the server's 10 s.
const FIRST_PICTURE_MS = 2500;
const SAMPLE_MS = 500;
const RATE_WINDOW_MS = 2000;
// Two layers of the test picture (the call's camera sends three: peer.js), so the bridge chooses
// per receiver what the path carries, as in a call.
const TEST_ENCODINGS = [
  { rid: 'l', scaleResolutionDownBy: 2, maxBitrate: 150_000 },
  { rid: 'h', maxBitrate: 700_000 },
];

const WHY = {
  loss: (f) => `some of the picture is lost on the way (${percent(f.lossPercent)} loss)`,
  rtt: (f) => `the connection is slow to answer (${Math.round(f.rttMs)} ms round trip)`,
  kbps: (f) => `the connection carries little (${Math.round(f.kbps)} kbit/s)`,
};

/**
 * The verdict on what a check measured.
 * @param f {outcome: 'measured'|'no-connection'|'nothing-back'|'refused', transport: 'udp'|'tcp'|null,
 *           rttMs, lossPercent, kbps, reason (the server's, when refused)}
 * @returns {level: 'good'|'choppy'|'audio-only'|'blocked'|'not-run', verdict, advice, figures}
 */
export function verdictFor(f) {
  if (f.outcome === 'refused') {
    return { level: 'not-run', verdict: `The connection check could not run: ${sentence(f.reason)}`,
      advice: 'You can still join the call.', figures: '' };
  }
  if (f.outcome === 'no-connection' || f.outcome === 'nothing-back') {
    return { level: 'blocked',
      verdict: f.outcome === 'no-connection'
        ? 'Your network blocks the video connection: nothing got through to the hospital\'s video system.'
        : 'Your network blocks the video connection: no sound or picture came back from the hospital\'s video system.',
      advice: 'Try another network (for example mobile data instead of the Wi-Fi), or ask the hospital\'s IT to '
        + 'allow video calls. You can still try to join.',
      figures: figuresText(f) };
  }
  const poor = reasons(f, LIMITS.poorLossPercent, LIMITS.poorRttMs, LIMITS.videoKbps);
  const fair = reasons(f, LIMITS.fairLossPercent, LIMITS.fairRttMs, LIMITS.goodKbps);
  const tcp = f.transport === 'tcp'
    ? ' Your network blocks the faster route for video (UDP), so the call will use a slower one (TCP).' : '';
  if (poor.length > 0) {
    return { level: 'audio-only',
      verdict: `Video will probably not work on this connection: ${poor.join(', and ')}. Audio should work.`,
      advice: 'You can join with your camera off. A cable, or moving closer to the Wi-Fi access point, may help.' + tcp,
      figures: figuresText(f) };
  }
  if (fair.length > 0) {
    return { level: 'choppy', verdict: `Video may be choppy: ${fair.join(', and ')}. Audio will work.`,
      advice: 'Moving closer to the Wi-Fi access point, or a cable, may help.' + tcp, figures: figuresText(f) };
  }
  return { level: 'good', verdict: 'Your connection to the hospital\'s video system is good: video will work.',
    advice: tcp.trim(), figures: figuresText(f) };
}

function reasons(f, lossPercent, rttMs, kbps) {
  const found = [];
  if (f.lossPercent >= lossPercent) {
    found.push(WHY.loss(f));
  }
  if (f.rttMs !== null && f.rttMs >= rttMs) {
    found.push(WHY.rtt(f));
  }
  if (f.kbps < kbps) {
    found.push(WHY.kbps(f));
  }
  return found;
}

/** The figures in small print: "Round trip 12 ms · loss 0.0 % · 1,234 kbit/s received · UDP". */
export function figuresText(f) {
  const parts = [];
  if (typeof f.rttMs === 'number') {
    parts.push(`Round trip ${Math.round(f.rttMs)} ms`);
  }
  if (typeof f.lossPercent === 'number') {
    parts.push(`loss ${percent(f.lossPercent)}`);
  }
  if (typeof f.kbps === 'number') {
    parts.push(`${Math.round(f.kbps).toLocaleString('en')} kbit/s received`);
  }
  if (f.transport) {
    parts.push(f.transport.toUpperCase());
  }
  if (parts.length > 0) {
    parts[0] = parts[0][0].toUpperCase() + parts[0].slice(1);
  }
  return parts.join(' · ');
}

function percent(value) {
  return `${value.toFixed(1)} %`;
}

function sentence(text) {
  const trimmed = String(text || 'the server gave no reason').trim();
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

/**
 * One reading of both connections' getStats(), reduced to what the check needs.
 * @param sent the sending connection's report, received the receiving one's (RTCStatsReport or
 *             any iterable of stats objects)
 */
export function readSample(at, sent, received) {
  const sample = { at, rttMs: null, transport: null, bytes: 0, videoBytes: 0, packets: 0, lost: 0, remoteLoss: null };
  const sentStats = [...values(sent)];
  const pair = selectedPair(sentStats);
  if (pair) {
    if (typeof pair.currentRoundTripTime === 'number') {
      sample.rttMs = pair.currentRoundTripTime * 1000;
    }
    const local = sentStats.find((s) => s.id === pair.localCandidateId);
    if (local) {
      sample.transport = local.protocol || null;
    }
  }
  for (const s of sentStats) {
    if (s.type === 'remote-inbound-rtp' && typeof s.fractionLost === 'number') {
      sample.remoteLoss = Math.max(sample.remoteLoss ?? 0, s.fractionLost * 100);
    }
  }
  for (const s of values(received)) {
    if (s.type === 'inbound-rtp') {
      const bytes = (s.bytesReceived || 0) + (s.headerBytesReceived || 0);
      sample.bytes += bytes;
      sample.videoBytes += s.kind === 'video' ? bytes : 0;
      sample.packets += s.packetsReceived || 0;
      sample.lost += Math.max(0, s.packetsLost || 0);
    }
  }
  return sample;
}

/**
 * The check's figures from its samples (oldest first): median round trip, loss over the run, and
 * the best 2 s of bitrate (what the path carried once the bridge's estimate had grown; a moment
 * the sender's encoder was busy does not count against the network).
 */
export function figuresFrom(samples, outcome = 'measured') {
  const last = samples[samples.length - 1];
  if (!last) {
    return { outcome, transport: null, rttMs: null, lossPercent: null, kbps: null };
  }
  const rtts = samples.map((s) => s.rttMs).filter((v) => typeof v === 'number').sort((a, b) => a - b);
  const kbps = bestRate(samples);
  const endToEnd = last.packets + last.lost > 0 ? (100 * last.lost) / (last.packets + last.lost) : 0;
  const lossPercent = Math.max(endToEnd, ...samples.map((s) => s.remoteLoss ?? 0));
  const nothingBack = outcome === 'measured' && last.packets === 0;
  return { outcome: nothingBack ? 'nothing-back' : outcome,
    transport: last.transport || [...samples].reverse().find((s) => s.transport)?.transport || null,
    rttMs: rtts.length ? rtts[Math.floor(rtts.length / 2)] : null,
    lossPercent, kbps };
}

/** kbit/s over the best window of about 2 s (at least 1.5 s), else over all the samples. */
function bestRate(samples) {
  const rate = (from, to) => ((to.bytes - from.bytes) * 8) / (to.at - from.at);
  let best = null;
  for (const end of samples) {
    const start = samples.find((s) => s.at >= end.at - RATE_WINDOW_MS);
    if (end.at - start.at >= RATE_WINDOW_MS - SAMPLE_MS) {
      best = Math.max(best ?? 0, rate(start, end));
    }
  }
  const first = samples[0];
  const last = samples[samples.length - 1];
  return best ?? (last.at > first.at ? rate(first, last) : 0);
}

function* values(report) {
  if (!report) {
    return;
  }
  yield* (typeof report.values === 'function' ? report.values() : report);
}

function selectedPair(stats) {
  const transport = stats.find((s) => s.type === 'transport' && s.selectedCandidatePairId);
  if (transport) {
    return stats.find((s) => s.id === transport.selectedCandidatePairId) || null;
  }
  return stats.find((s) => s.type === 'candidate-pair' && s.nominated && s.state === 'succeeded') || null;
}

// --- running one check in the browser ----------------------------------------------------------

/** A refusal or failure of the check itself (not of the network): shown as "could not run". */
class CheckNotRun extends Error {}

/**
 * Runs one check against `url` (wss://…/signaling/network-check) and resolves to its figures
 * (for `verdictFor`); never rejects.
 */
export async function runNetworkCheck(url, { measureMs = MEASURE_MS, connectMs = CONNECT_MS } = {}) {
  const source = testStream();
  const pcs = [];
  let socket = null;
  const samples = [];
  try {
    socket = await ProbeSocket.open(url);
    const config = { bundlePolicy: 'max-bundle', rtcpMuxPolicy: 'require', iceServers: [] };
    const send = new RTCPeerConnection(config);
    const receive = new RTCPeerConnection(config);
    pcs.push(send, receive);
    send.addTransceiver(source.audio, { direction: 'sendonly', streams: [source.stream] });
    send.addTransceiver(source.video, { direction: 'sendonly', streams: [source.stream],
      sendEncodings: TEST_ENCODINGS.map((e) => ({ ...e })) });
    receive.addTransceiver('audio', { direction: 'recvonly' });
    receive.addTransceiver('video', { direction: 'recvonly' });
    await exchange(socket, send, 'send'); // the sender first: the receiver's answer places what it sends
    await exchange(socket, receive, 'receive');
    if (!await connected([send, receive], connectMs, () => socket.over)) {
      return figuresFrom(samples, 'no-connection');
    }
    const sample = async () => readSample(performance.now(), await send.getStats(), await receive.getStats());
    const connectedAt = performance.now();
    let first = await sample();
    while (first.videoBytes === 0 && performance.now() - connectedAt < FIRST_PICTURE_MS && !socket.over) {
      await pause(SAMPLE_MS / 2);
      first = await sample();
    }
    samples.push(first);
    while (performance.now() - first.at < measureMs && !socket.over) {
      await pause(SAMPLE_MS);
      samples.push(await sample());
    }
    return figuresFrom(samples);
  } catch (failure) {
    if (failure instanceof CheckNotRun) {
      return { ...figuresFrom([], 'refused'), reason: failure.message };
    }
    return samples.length ? figuresFrom(samples) : figuresFrom([], 'no-connection');
  } finally {
    pcs.forEach((pc) => pc.close());
    if (socket) {
      socket.leave();
    }
    source.stop();
  }
}

async function exchange(socket, pc, connection) {
  await pc.setLocalDescription(await pc.createOffer());
  const answer = await socket.offer(connection, pc.localDescription.sdp);
  await pc.setRemoteDescription({ type: 'answer', sdp: answer });
}

function connected(pcs, deadlineMs, over) {
  return new Promise((resolve) => {
    const started = performance.now();
    const look = () => {
      if (pcs.every((pc) => pc.connectionState === 'connected')) {
        resolve(true);
      } else if (pcs.some((pc) => pc.connectionState === 'failed') || over()
          || performance.now() - started > deadlineMs) {
        resolve(false);
      } else {
        setTimeout(look, 100);
      }
    };
    look();
  });
}

function pause(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The check's WebSocket: `ready` when the server started it, an `answer` per offer, `over` at its limit. */
class ProbeSocket {
  static open(url) {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url);
      const socket = new ProbeSocket(ws);
      ws.addEventListener('message', (event) => {
        const message = JSON.parse(event.data);
        if (message.type === 'ready') {
          resolve(socket);
        } else if (message.type === 'error' && !socket.opened) {
          reject(new CheckNotRun(message.message || message.code));
        }
      });
      ws.addEventListener('close', () => reject(new CheckNotRun('the connection to the appliance closed')));
      ws.addEventListener('error', () => reject(new CheckNotRun('the appliance could not be reached')));
    });
  }

  constructor(ws) {
    this.ws = ws;
    this.over = false;
    this.opened = false;
    this.waiting = null;
    ws.addEventListener('message', (event) => {
      const message = JSON.parse(event.data);
      if (message.type === 'ready') {
        this.opened = true;
      } else if (message.type === 'over') {
        this.over = true;
      } else if (this.waiting && (message.type === 'answer' || message.type === 'error')) {
        const { resolve, reject } = this.waiting;
        this.waiting = null;
        if (message.type === 'answer') {
          resolve(message.sdp);
        } else {
          reject(new CheckNotRun(message.message || message.code));
        }
      }
    });
    ws.addEventListener('close', () => {
      this.over = true;
      if (this.waiting) {
        this.waiting.reject(new CheckNotRun('the connection to the appliance closed'));
        this.waiting = null;
      }
    });
  }

  offer(connection, sdp) {
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject };
      this.ws.send(JSON.stringify({ type: 'offer', connection, sdp }));
    });
  }

  leave() {
    if (this.ws.readyState === WebSocket.OPEN) {
      this.ws.send(JSON.stringify({ type: 'leave' }));
    }
    this.ws.close(1000);
  }
}

/**
 * A test picture (moving blocks that keep the encoder busy, like a face that moves) and a quiet
 * tone: the check never opens the camera or microphone (a phone may allow one user of its camera,
 * and the check must not depend on the device check).
 */
function testStream() {
  const canvas = document.createElement('canvas');
  canvas.width = 640;
  canvas.height = 360;
  const context = canvas.getContext('2d');
  let frame = 0;
  const draw = () => {
    frame += 1;
    context.fillStyle = `hsl(${(frame * 7) % 360} 40% 30%)`;
    context.fillRect(0, 0, canvas.width, canvas.height);
    for (let i = 0; i < 40; i += 1) {
      context.fillStyle = `hsl(${Math.floor(Math.random() * 360)} 70% 55%)`;
      context.fillRect(Math.random() * canvas.width, Math.random() * canvas.height, 24 + Math.random() * 60, 24 + Math.random() * 60);
    }
  };
  draw();
  const timer = setInterval(draw, 1000 / 30);
  const stream = canvas.captureStream(30);
  const audioContext = new AudioContext();
  const tone = audioContext.createOscillator();
  const quiet = audioContext.createGain();
  quiet.gain.value = 0.05;
  const out = audioContext.createMediaStreamDestination();
  tone.connect(quiet).connect(out);
  tone.start();
  const audio = out.stream.getAudioTracks()[0];
  const video = stream.getVideoTracks()[0];
  return {
    stream: new MediaStream([audio, video]), audio, video,
    stop() {
      clearInterval(timer);
      video.stop();
      audio.stop();
      tone.stop();
      audioContext.close();
    },
  };
}

// --- the pre-join page --------------------------------------------------------------------------

/**
 * The check's part of the preview: runs once when the page opens and again on "Test again"; the
 * result goes into a polite live region. Joining never waits for it.
 */
export class NetworkCheckView {
  constructor({ result, verdict, advice, figures, again }, url, run = runNetworkCheck) {
    Object.assign(this, { result, verdict, advice, figures, again, url, run });
    again.addEventListener('click', () => this.check());
  }

  async check() {
    if (this.running) {
      return;
    }
    this.running = true;
    this.again.disabled = true;
    this.result.dataset.level = 'checking';
    this.result.setAttribute('aria-busy', 'true');
    this.verdict.textContent = 'Checking your connection to the hospital\'s video system…';
    this.advice.textContent = '';
    this.figures.textContent = '';
    try {
      const shown = verdictFor(await this.run(this.url));
      this.result.dataset.level = shown.level;
      this.verdict.textContent = shown.verdict;
      this.advice.textContent = shown.advice;
      this.advice.hidden = !shown.advice;
      this.figures.textContent = shown.figures;
      this.figures.hidden = !shown.figures;
    } finally {
      this.result.removeAttribute('aria-busy');
      this.running = false;
      this.again.disabled = false;
    }
  }
}

/** Wires the check into the pre-join page of client.xhtml (loaded as a module of its own). */
export function installNetworkCheck(document) {
  const root = document.getElementById('call-client');
  const $ = (id) => document.getElementById(id);
  if (!root || !$('network-check') || typeof RTCPeerConnection === 'undefined') {
    return null;
  }
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  const url = `${scheme}//${location.host}${root.dataset.signaling}network-check`;
  const view = new NetworkCheckView({ result: $('network-check-result'), verdict: $('network-check-verdict'),
    advice: $('network-check-advice'), figures: $('network-check-figures'), again: $('network-check-again') }, url);
  $('network-check').hidden = false;
  view.check();
  return view;
}
