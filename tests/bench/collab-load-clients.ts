/**
 * Load clients for the collaboration benchmark, run in their own process. N raw y-websocket
 * clients on one doc each send a small Yjs update R times a second for S seconds; every client
 * records when each other client's update reached it (from the state vector of each received
 * update). Prints one JSON line: latency p50/p95/p99 (send → every other client applied it),
 * delivered share, messages/s received. The url may be a comma-separated list (several instances
 * serving one doc): clients, observers included, are spread over them in turn.
 */
import WebSocket from "ws";
import * as Y from "yjs";
import * as encoding from "lib0/encoding";
import * as decoding from "lib0/decoding";

const [urlArg, countArg, rateArg, secondsArg, cookie] = process.argv.slice(2);
const URLS = urlArg.split(",");
const COUNT = Number(countArg);
const RATE = Number(rateArg);
const SECONDS = Number(secondsArg);
/**
 * Receivers that account for latency. Parsing every update at every one of 500 clients costs the
 * load process more than the server spends; beyond OBSERVERS (default 100) the other clients
 * receive everything (same server work) but only the first OBSERVERS record when updates arrive.
 */
const OBSERVERS = Math.min(COUNT, Number(process.env.BENCH_OBSERVERS ?? 100));

interface Sent {
  at: number;
  remaining: number;
  lastAt: number;
}

const sent = new Map<number, Map<number, Sent>>(); // sender clientID → end clock → send record
const latencies: number[] = [];
let received = 0;

function frame(update: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 0);
  encoding.writeVarUint(e, 2);
  encoding.writeVarUint8Array(e, update);
  return encoding.toUint8Array(e);
}

class LoadClient {
  constructor(
    readonly observer: boolean,
    readonly url: string,
  ) {}
  readonly doc = new Y.Doc();
  readonly seen = new Map<number, number>(); // sender → highest clock applied here
  ws!: WebSocket;
  n = 0;

  open(): Promise<void> {
    this.ws = new WebSocket(this.url, { headers: cookie ? { cookie } : {}, perMessageDeflate: false });
    this.ws.binaryType = "nodebuffer";
    this.ws.on("message", (data: Buffer) => this.onMessage(new Uint8Array(data.buffer, data.byteOffset, data.byteLength)));
    return new Promise((resolve, reject) => {
      this.ws.on("open", () => resolve());
      this.ws.on("error", reject);
    });
  }

  onMessage(data: Uint8Array): void {
    received++;
    if (!this.observer) return;
    const d = decoding.createDecoder(data);
    if (decoding.readVarUint(d) !== 0) return;
    const step = decoding.readVarUint(d);
    if (step !== 2 && step !== 1) return;
    const update = decoding.readVarUint8Array(d);
    const now = performance.now();
    // parseUpdateMeta: per client, the clock range the update covers (it need not start at 0).
    Y.parseUpdateMeta(update).to.forEach((clock, client) => {
      if (client === this.doc.clientID) return;
      const before = this.seen.get(client) ?? 0;
      if (clock <= before) return;
      this.seen.set(client, clock);
      const records = sent.get(client);
      if (!records) return;
      for (let c = before + 1; c <= clock; c++) {
        const r = records.get(c);
        if (!r) continue;
        r.remaining--;
        r.lastAt = now;
        if (r.remaining === 0) {
          latencies.push(now - r.at);
          records.delete(c);
        }
      }
    });
  }

  send(): void {
    if (this.ws.readyState !== WebSocket.OPEN) return;
    let update: Uint8Array | null = null;
    const capture = (u: Uint8Array) => (update = u);
    this.doc.once("update", capture);
    this.doc.getArray<number>("a").push([this.n++]);
    const end = Y.getState(this.doc.store, this.doc.clientID);
    let records = sent.get(this.doc.clientID);
    if (!records) sent.set(this.doc.clientID, (records = new Map()));
    records.set(end, { at: performance.now(), remaining: this.observer ? OBSERVERS - 1 : OBSERVERS, lastAt: 0 });
    this.ws.send(frame(update!));
  }
}

async function main() {
  const clients: LoadClient[] = [];
  for (let i = 0; i < COUNT; i++) {
    const c = new LoadClient(i < OBSERVERS, URLS[i % URLS.length]);
    await c.open();
    clients.push(c);
  }
  await new Promise((r) => setTimeout(r, 500));
  received = 0;
  const timers: NodeJS.Timeout[] = [];
  const interval = 1000 / RATE;
  const start = performance.now();
  for (const c of clients) {
    const t = setTimeout(() => timers.push(setInterval(() => c.send(), interval)), Math.random() * interval);
    timers.push(t);
  }
  await new Promise((r) => setTimeout(r, SECONDS * 1000));
  for (const t of timers) clearInterval(t);
  const sendingMs = performance.now() - start;
  await new Promise((r) => setTimeout(r, 3000)); // let the tail arrive
  let total = 0;
  let pending = 0;
  for (const records of sent.values()) pending += records.size;
  total = latencies.length + pending;
  latencies.sort((a, b) => a - b);
  const q = (p: number) => (latencies.length ? latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] : NaN);
  console.log(
    JSON.stringify({
      clients: COUNT,
      observers: OBSERVERS,
      updates: total,
      delivered: total ? latencies.length / total : 0,
      p50: q(0.5),
      p95: q(0.95),
      p99: q(0.99),
      msgsPerSec: received / ((sendingMs + 3000) / 1000),
    }),
  );
  for (const c of clients) c.ws.terminate();
  process.exit(0);
}

void main();
