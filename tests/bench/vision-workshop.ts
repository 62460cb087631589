/**
 * `npm run bench:vision`: a live vision workshop of BENCH_PARTICIPANTS (60) people on one board,
 * through the real server the way users reach it (issue 5, Measure).
 *
 * Set-up: the real server (`startServer`: `node --import tsx server/start.ts`, fresh SQLite, demo seeded). The
 * participants are real accounts, written into the server's database with the models
 * (`createUser` + `putMember` in one transaction, alternating the project_team and frontline
 * roles, both of which may take part: `vision.participate`), then signed in through
 * `POST /api/v1/session`. The facilitator (lead@demo.test) creates a fresh board with the page
 * action (`intent=createBoard`). Every participant connects the stock y-websocket
 * WebsocketProvider (Node, `ws` with the session cookie and an Origin header) to
 * `vision:<boardId>` and `vision-control:<boardId>`.
 *
 *   1. Adding: every participant adds a sticky note every NOTE_INTERVAL_MS (2 s) for
 *      BENCH_SECONDS (20) by writing into the board doc exactly as the UI does (`putNote`).
 *      Latency = send → the last other participant applied it. Then: notes seen by every client,
 *      a fresh client's reload count, and the notes found in the server's SQLite update log.
 *   2. Voting: the facilitator opens a round (budget 5) through the page action; every participant
 *      tries BENCH_VOTE_ATTEMPTS (8) dots through the page action at once: a third one request
 *      after the other (one tab), a third from two tabs at once, a third all requests at once.
 *      Then the facilitator reveals. Checks: exactly min(attempts, budget) accepted per person,
 *      nobody over budget (responses, the page loader's ballot, the rows), and the revealed totals
 *      in every participant's `vision-control` doc equal the accepted dots per target.
 *
 * Baseline, same run: phase 1's load (same clients, same doc shape, same two docs per person)
 * against @y/websocket-server 0.1.1 (tests/bench/collab-baseline-server.ts, in memory, no auth).
 *
 * Prints a markdown table and writes it to tests/bench/results/vision-workshop.md.
 * Exit code 1 when a correctness check fails (lost notes, wrong tally, budget exceeded).
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import WebSocket from "ws";
import * as Y from "yjs";
import { WebsocketProvider } from "y-websocket";
import { setDbHandle } from "../../app/db.server";
import { putMember } from "../../app/models/membership.server";
import { createUser } from "../../app/models/user.server";
import { putNote, readBoardContent, readControlState, visionBoardDocName, visionControlDocName, type VisionControlState } from "../../app/models/vision-doc";
import { openDatabase, type DbHandle } from "../../db/dialect";
import { signIn, startServer, type RunningServer } from "../helpers/server";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

const PARTICIPANTS = Number(process.env.BENCH_PARTICIPANTS ?? 60);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const NOTE_INTERVAL_MS = Number(process.env.BENCH_NOTE_INTERVAL_MS ?? 2000);
const BUDGET = Number(process.env.BENCH_BUDGET ?? 5);
const ATTEMPTS = Number(process.env.BENCH_VOTE_ATTEMPTS ?? 8);
/** Notes that receive the dots (the first ones on the board), so targets collect many votes. */
const VOTE_TARGETS = 24;
const TAIL_MS = 5000;
/** Notes per participant: one every NOTE_INTERVAL_MS for BENCH_SECONDS. */
const NOTES_EACH = Math.max(1, Math.round((SECONDS * 1000) / NOTE_INTERVAL_MS));
const HARD_LIMIT_MS = Number(process.env.BENCH_HARD_LIMIT_MS ?? 300_000);
const PROMPTS = ["customer", "frontline", "leadership", "scope"] as const;
const COLOURS = ["yellow", "pink", "blue", "green", "orange", "purple"] as const;
const DATA_ROUTE = "routes%2Fprograms.%24programId.vision";

// ---- clean-up: every process and socket we start is stopped on any exit path ------------------

const cleanups: (() => Promise<void> | void)[] = [];
let cleaning: Promise<void> | null = null;
function cleanupAll(): Promise<void> {
  cleaning ??= (async () => {
    for (const fn of cleanups.splice(0).reverse()) {
      try {
        await fn();
      } catch {
        // best effort
      }
    }
  })();
  return cleaning;
}
async function exit(code: number): Promise<never> {
  await cleanupAll();
  process.exit(code);
}
// Every WebsocketProvider adds a process "exit" listener (awareness): 2 per participant, plus fresh clients.
process.setMaxListeners(0);
for (const sig of ["SIGINT", "SIGTERM"] as const) process.on(sig, () => void exit(130));
const hardLimit = setTimeout(() => {
  console.error(`bench exceeded ${HARD_LIMIT_MS / 1000} s: stopping`);
  void exit(1);
}, HARD_LIMIT_MS);
hardLimit.unref();

// ---- small helpers -----------------------------------------------------------------------------

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function quantiles(values: number[]) {
  const s = [...values].sort((a, b) => a - b);
  const q = (p: number) => (s.length ? s[Math.min(s.length - 1, Math.floor(p * s.length))] : NaN);
  return { n: s.length, p50: q(0.5), p95: q(0.95), p99: q(0.99), max: s.length ? s[s.length - 1] : NaN };
}
type Quantiles = ReturnType<typeof quantiles>;

const fmt = (n: number, d = 1) => (Number.isFinite(n) ? n.toFixed(d) : "—");

async function waitUntil(check: () => boolean, timeoutMs: number, what: string): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (check()) return true;
    await sleep(20);
  }
  const ok = check();
  if (!ok) console.warn(`  (gave up waiting for ${what} after ${timeoutMs} ms)`);
  return ok;
}

function webSocketWithHeaders(headers: Record<string, string>): typeof WebSocket {
  return class extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols, { headers, perMessageDeflate: false });
    }
  } as typeof WebSocket;
}

interface Live {
  doc: Y.Doc;
  provider: WebsocketProvider;
  synced: Promise<void>;
  disconnects: number;
  destroy(): void;
}

/** The stock y-websocket provider in Node; `serverUrl` + "/" + docName is the socket URL. */
function connect(serverUrl: string, docName: string, headers: Record<string, string>): Live {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(serverUrl, docName, doc, {
    WebSocketPolyfill: webSocketWithHeaders(headers) as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  const live: Live = {
    doc,
    provider,
    disconnects: 0,
    synced: new Promise<void>((resolve) => {
      if (provider.synced) resolve();
      provider.on("sync", (s: boolean) => s && resolve());
    }),
    destroy() {
      provider.destroy();
      doc.destroy();
    },
  };
  let wasConnected = false;
  provider.on("status", ({ status }: { status: string }) => {
    if (status === "connected") wasConnected = true;
    else if (status === "disconnected" && wasConnected) live.disconnects++;
  });
  return live;
}

// ---- servers -----------------------------------------------------------------------------------

async function startBaseline(): Promise<{ wsUrl: string; stop(): Promise<void> }> {
  const proc: ChildProcess = spawn(process.execPath, ["--import", "tsx", "tests/bench/collab-baseline-server.ts"], { cwd: root, stdio: ["ignore", "pipe", "inherit"] });
  const exited = new Promise<void>((r) => proc.once("exit", () => r()));
  const stop = async () => {
    if (proc.exitCode === null) proc.kill("SIGTERM");
    await Promise.race([exited, sleep(5000)]);
    if (proc.exitCode === null) proc.kill("SIGKILL");
  };
  cleanups.push(stop);
  const port = await new Promise<number>((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => reject(new Error("baseline server did not start")), 30_000);
    proc.stdout!.on("data", (c: Buffer) => {
      out += c.toString();
      const m = /listening on (\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
    proc.once("exit", (code) => reject(new Error(`baseline server exited with ${code}`)));
  });
  return { wsUrl: `ws://127.0.0.1:${port}`, stop };
}

// ---- HTTP, as the page does it (a fetcher posting to the route's action) ---------------------

interface ActionResult {
  status: number;
  body: Record<string, unknown>;
  ms: number;
}

async function pageAction(server: RunningServer, programId: string, cookie: string, fields: Record<string, string>): Promise<ActionResult> {
  const t0 = performance.now();
  const res = await fetch(`${server.url}/programs/${programId}/vision?_data=${DATA_ROUTE}`, {
    method: "POST",
    headers: { cookie, origin: server.url, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields),
  });
  const text = await res.text();
  const ms = performance.now() - t0;
  let body: Record<string, unknown> = {};
  try {
    body = JSON.parse(text) as Record<string, unknown>;
  } catch {
    body = { raw: text.slice(0, 300) };
  }
  return { status: res.status, body, ms };
}

async function pageLoader(server: RunningServer, programId: string, cookie: string, boardId: string): Promise<Record<string, unknown>> {
  const res = await fetch(`${server.url}/programs/${programId}/vision?board=${boardId}&_data=${DATA_ROUTE}`, { headers: { cookie } });
  if (res.status !== 200) throw new Error(`vision loader answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
  return (await res.json()) as Record<string, unknown>;
}

// ---- phase 1: adding notes -------------------------------------------------------------------

interface Participant {
  id: string;
  name: string;
  email: string;
  cookie: string;
  board?: Live;
  control?: Live;
}

interface AddingResult {
  expected: number;
  sent: number;
  deliveredToAll: number;
  latency: Quantiles;
  /** Per client: how many of the sent notes it holds at the end. */
  minSeen: number;
  clientsWithAll: number;
  freshReload: number;
  disconnects: number;
  connectMs: number;
}

interface SentNote {
  at: number;
  sender: number;
  remaining: number;
}

async function runAdding(
  label: string,
  participants: Participant[],
  open: (p: Participant) => { board: Live; control: Live },
  freshClient: () => Live,
): Promise<AddingResult & { noteIds: string[] }> {
  console.log(`[${label}] connecting ${participants.length} participants (board + control doc each)…`);
  const t0 = performance.now();
  for (const p of participants) Object.assign(p, open(p));
  const allSynced = Promise.all(participants.flatMap((p) => [p.board!.synced, p.control!.synced]));
  const syncedInTime = await Promise.race([allSynced.then(() => true), sleep(60_000).then(() => false)]);
  if (!syncedInTime) throw new Error(`[${label}] not every client synced within 60 s`);
  const connectMs = performance.now() - t0;

  const sent = new Map<string, SentNote>();
  const latencies: number[] = [];
  const others = participants.length - 1;
  participants.forEach((p, idx) => {
    p.board!.doc.getMap("notes").observe((event) => {
      const now = performance.now();
      event.changes.keys.forEach((change, key) => {
        if (change.action !== "add") return;
        const r = sent.get(key);
        if (!r || r.sender === idx) return;
        r.remaining--;
        if (r.remaining === 0) latencies.push(now - r.at);
      });
    });
  });

  console.log(`[${label}] adding: every participant adds a note every ${NOTE_INTERVAL_MS} ms for ${SECONDS} s…`);
  const timers: NodeJS.Timeout[] = [];
  const counters = participants.map(() => 0);
  const send = (idx: number) => {
    const p = participants[idx];
    const n = ++counters[idx];
    const id = crypto.randomUUID();
    const wallMs = Date.now();
    // The send time and the note id are in the note itself (what a reader of the log would see);
    // the observers use the in-process record for a monotonic clock.
    sent.set(id, { at: performance.now(), sender: idx, remaining: others });
    putNote(p.board!.doc, {
      id,
      text: `${p.name} #${n} · bench ${id.slice(0, 8)} · t=${wallMs}`,
      promptId: PROMPTS[(idx + n) % PROMPTS.length],
      colour: COLOURS[(idx + n) % COLOURS.length],
      clusterId: null,
      authorId: p.id,
      authorName: p.name,
      createdAt: new Date(wallMs).toISOString(),
    });
  };
  // A fixed schedule: each participant adds NOTES_EACH notes, NOTE_INTERVAL_MS apart, from a random
  // offset within the first interval (timer drift under load cannot change how many are sent).
  participants.forEach((_, idx) => {
    const offset = Math.random() * NOTE_INTERVAL_MS;
    for (let k = 0; k < NOTES_EACH; k++) timers.push(setTimeout(() => send(idx), offset + k * NOTE_INTERVAL_MS));
  });
  const expected = participants.length * NOTES_EACH;
  await sleep(NOTES_EACH * NOTE_INTERVAL_MS);
  await waitUntil(() => sent.size === expected, 10_000, `[${label}] every scheduled note sent`);
  for (const t of timers) clearTimeout(t);

  const ids = [...sent.keys()];
  const holds = (p: Participant) => {
    const notes = p.board!.doc.getMap("notes");
    let n = 0;
    for (const id of ids) if (notes.has(id)) n++;
    return n;
  };
  await waitUntil(() => participants.every((p) => holds(p) === ids.length), TAIL_MS, `[${label}] every note at every client`);
  const seen = participants.map(holds);

  // A fresh client, connected after the phase: what the server hands a newcomer (or a reload).
  const fresh = freshClient();
  await Promise.race([fresh.synced, sleep(15_000)]);
  const freshNotes = fresh.doc.getMap("notes");
  const freshReload = ids.filter((id) => freshNotes.has(id)).length;
  fresh.destroy();

  return {
    expected,
    sent: ids.length,
    deliveredToAll: latencies.length,
    latency: quantiles(latencies),
    minSeen: Math.min(...seen),
    clientsWithAll: seen.filter((n) => n === ids.length).length,
    freshReload,
    disconnects: participants.reduce((s, p) => s + p.board!.disconnects + p.control!.disconnects, 0),
    connectMs,
    noteIds: ids,
  };
}

/** The notes of `vision:<boardId>` as the server's SQLite log holds them (snapshot + updates, one read transaction). */
function notesInLog(handle: DbHandle, docName: string): Set<string> {
  const sqlite = handle.sqlite!;
  const read = sqlite.transaction(() => {
    const snap = sqlite.prepare("select state from doc_snapshots where doc_name = ?").get(docName) as { state: Buffer } | undefined;
    const updates = sqlite.prepare("select update_data from doc_updates where doc_name = ? order by seq").all(docName) as { update_data: Buffer }[];
    return { snap, updates };
  });
  const { snap, updates } = read();
  const doc = new Y.Doc();
  if (snap) Y.applyUpdate(doc, new Uint8Array(snap.state));
  for (const u of updates) Y.applyUpdate(doc, new Uint8Array(u.update_data));
  const ids = new Set(doc.getMap("notes").keys());
  doc.destroy();
  return ids;
}

// ---- phase 2: voting ---------------------------------------------------------------------------

type TabMode = "one tab" | "two tabs" | "all at once";
const modeOf = (idx: number): TabMode => (["one tab", "two tabs", "all at once"] as const)[idx % 3];

interface VoteAttempt {
  participant: number;
  targetId: string;
  status: number;
  key: string | null;
  ms: number;
  used: number | null;
}

/** Resolves when every participant's control doc satisfies `pred`; per-client time (ms after `since`). */
function whenAllControl(participants: Participant[], pred: (s: VisionControlState) => boolean, since: number, timeoutMs: number) {
  const at: (number | null)[] = participants.map(() => null);
  const listeners: (() => void)[] = [];
  participants.forEach((p, i) => {
    const check = () => {
      if (at[i] === null && pred(readControlState(p.control!.doc))) at[i] = performance.now() - since;
    };
    check();
    p.control!.doc.on("update", check);
    listeners.push(() => p.control!.doc.off("update", check));
  });
  return (async () => {
    await waitUntil(() => at.every((t) => t !== null), timeoutMs, "every control doc");
    for (const off of listeners) off();
    return { all: at.every((t) => t !== null), maxMs: Math.max(...at.map((t) => t ?? Infinity)), at };
  })();
}

interface VotingResult {
  attempts: VoteAttempt[];
  latency: Quantiles;
  accepted: number;
  refusedOverBudget: number;
  otherStatuses: Record<string, number>;
  openVisibleMs: number;
  revealVisibleMs: number;
  problems: string[];
  pageProblems: string[];
  pageBallots: number;
  perMode: Record<TabMode, { people: number; accepted: number; refused: number; latency: Quantiles }>;
  votingMs: number;
  targets: number;
  totalRevealed: number;
}

async function runVoting(
  server: RunningServer,
  programId: string,
  boardId: string,
  lead: { cookie: string },
  participants: Participant[],
  handle: DbHandle,
): Promise<VotingResult> {
  const problems: string[] = [];
  const board = readBoardContent(participants[0].board!.doc);
  const targets = board.notes.slice(0, VOTE_TARGETS).map((n) => n.id);
  if (targets.length === 0) throw new Error("no notes to vote on");

  console.log(`[voting] the facilitator opens a round with a budget of ${BUDGET}…`);
  let t0 = performance.now();
  const opened = await pageAction(server, programId, lead.cookie, { intent: "openRound", boardId, budget: String(BUDGET) });
  if (opened.status !== 200) throw new Error(`openRound answered ${opened.status}: ${JSON.stringify(opened.body)}`);
  const openSeen = await whenAllControl(participants, (s) => s.vote?.status === "open", t0, 15_000);
  if (!openSeen.all) problems.push("not every participant saw the round open");
  const vote = readControlState(participants[0].control!.doc).vote;
  if (!vote) throw new Error("no round in the control doc");
  const roundId = vote.roundId;
  if (vote.budget !== BUDGET) problems.push(`control doc budget ${vote.budget} ≠ ${BUDGET}`);

  // Privacy while open: no participant's control doc carries results.
  const leakWatch = participants.map((p) => {
    const check = () => {
      const v = readControlState(p.control!.doc).vote;
      if (v?.roundId === roundId && v.status === "open" && v.results) problems.push(`results visible to ${p.name} while the round is open`);
    };
    p.control!.doc.on("update", check);
    return () => p.control!.doc.off("update", check);
  });

  console.log(`[voting] ${participants.length} participants × ${ATTEMPTS} attempts (one tab / two tabs at once / all at once)…`);
  const attempts: VoteAttempt[] = [];
  const castOne = async (idx: number, k: number) => {
    const p = participants[idx];
    const targetId = targets[(idx * 5 + k * 7) % targets.length];
    const r = await pageAction(server, programId, p.cookie, { intent: "vote", roundId, targetId, delta: "1" });
    const err = (r.body.error ?? null) as { key?: string; code?: string } | null;
    const ballot = (r.body.ballot ?? null) as { used?: number } | null;
    attempts.push({ participant: idx, targetId, status: r.status, key: err?.code ?? err?.key ?? null, ms: r.ms, used: ballot?.used ?? null });
  };
  const range = (a: number, b: number) => Array.from({ length: Math.max(0, b - a) }, (_, i) => a + i);
  const sequential = async (idx: number, ks: number[]) => {
    for (const k of ks) await castOne(idx, k);
  };
  t0 = performance.now();
  await Promise.all(
    participants.map((_, idx) => {
      const mode = modeOf(idx);
      if (mode === "one tab") return sequential(idx, range(0, ATTEMPTS));
      if (mode === "two tabs") {
        const half = Math.ceil(ATTEMPTS / 2);
        return Promise.all([sequential(idx, range(0, half)), sequential(idx, range(half, ATTEMPTS))]);
      }
      return Promise.all(range(0, ATTEMPTS).map((k) => castOne(idx, k)));
    }),
  );
  const votingMs = performance.now() - t0;
  console.log(`[voting] ${attempts.length} requests in ${fmt(votingMs / 1000, 1)} s`);

  // Expected per person: exactly min(attempts, budget) accepted; refusals are over-budget only.
  const expectedEach = Math.min(ATTEMPTS, BUDGET);
  const expectedTally = new Map<string, number>();
  const otherStatuses: Record<string, number> = {};
  const modeLatency = (m: TabMode) => quantiles(attempts.filter((a) => modeOf(a.participant) === m).map((a) => a.ms));
  const perMode: VotingResult["perMode"] = {
    "one tab": { people: 0, accepted: 0, refused: 0, latency: modeLatency("one tab") },
    "two tabs": { people: 0, accepted: 0, refused: 0, latency: modeLatency("two tabs") },
    "all at once": { people: 0, accepted: 0, refused: 0, latency: modeLatency("all at once") },
  };
  participants.forEach((p, idx) => {
    const mine = attempts.filter((a) => a.participant === idx);
    const ok = mine.filter((a) => a.status === 200);
    const refused = mine.filter((a) => a.status === 409 && a.key === "vision_over_budget");
    const mode = perMode[modeOf(idx)];
    mode.people++;
    mode.accepted += ok.length;
    mode.refused += refused.length;
    if (ok.length !== expectedEach) problems.push(`${p.name} (${modeOf(idx)}): ${ok.length} dots accepted, expected ${expectedEach}`);
    const maxUsed = Math.max(0, ...ok.map((a) => a.used ?? 0));
    if (maxUsed > BUDGET) problems.push(`${p.name}: a response reported ${maxUsed} dots used > budget ${BUDGET}`);
    for (const a of ok) expectedTally.set(a.targetId, (expectedTally.get(a.targetId) ?? 0) + 1);
  });
  for (const a of attempts) {
    if (a.status === 200 || (a.status === 409 && a.key === "vision_over_budget")) continue;
    const k = `${a.status} ${a.key ?? ""}`.trim();
    otherStatuses[k] = (otherStatuses[k] ?? 0) + 1;
  }
  for (const [k, n] of Object.entries(otherStatuses)) problems.push(`${n} vote request(s) answered ${k}`);

  // What each participant's page says (the loader's ballot: the dots-left counter and the vote
  // buttons are drawn from it), and what the facilitator sees. Reported apart from the tally.
  const ballots = await Promise.all(
    participants.map(async (p) => ((await pageLoader(server, programId, p.cookie, boardId)).ballot ?? null) as { used: number; votes: Record<string, number> } | null),
  );
  const pageProblems: string[] = [];
  let pageBallots = 0;
  ballots.forEach((b, idx) => {
    if (!b) return;
    pageBallots++;
    const sum = Object.values(b.votes ?? {}).reduce((s, n) => s + n, 0);
    if (b.used > BUDGET || sum > BUDGET) problems.push(`${participants[idx].name}: page ballot used=${b.used}, dots=${sum} > budget ${BUDGET}`);
    else if (b.used !== expectedEach || sum !== b.used) pageProblems.push(`${participants[idx].name}: page ballot used=${b.used}, dots=${sum}, expected ${expectedEach}`);
  });
  if (pageBallots < participants.length) {
    pageProblems.unshift(
      `${participants.length - pageBallots} of ${participants.length} participants get no ballot from the vision page's loader while the round is open (so no vote buttons, no dots left), although the server accepts their votes`,
    );
  }
  const progress = ((await pageLoader(server, programId, lead.cookie, boardId)).progress ?? null) as { voters: number; dotsUsed: number } | null;
  if (progress?.voters !== participants.length || progress?.dotsUsed !== participants.length * expectedEach) {
    problems.push(`facilitator progress ${JSON.stringify(progress)}, expected ${participants.length} voters / ${participants.length * expectedEach} dots`);
  }

  // The rows (the server's final word).
  const ballotRows = await handle.db.selectFrom("vision_ballots").select(["user_id", "used"]).where("round_id", "=", roundId).execute();
  const voteRows = await handle.db.selectFrom("vision_votes").select(["user_id", "target_id", "count"]).where("round_id", "=", roundId).execute();
  for (const p of participants) {
    const used = ballotRows.find((b) => b.user_id === p.id)?.used ?? 0;
    const dots = voteRows.filter((v) => v.user_id === p.id).reduce((s, v) => s + v.count, 0);
    if (used > BUDGET || dots > BUDGET) problems.push(`${p.name}: rows say used=${used}, dots=${dots} > budget ${BUDGET}`);
    if (used !== dots) problems.push(`${p.name}: ballot used=${used} but vote rows sum to ${dots}`);
  }

  console.log("[voting] the facilitator reveals…");
  t0 = performance.now();
  const revealed = await pageAction(server, programId, lead.cookie, { intent: "revealRound", roundId });
  if (revealed.status !== 200) throw new Error(`revealRound answered ${revealed.status}: ${JSON.stringify(revealed.body)}`);
  const revealSeen = await whenAllControl(participants, (s) => s.vote?.roundId === roundId && s.vote.status === "revealed" && !!s.vote.results, t0, 15_000);
  for (const off of leakWatch) off();
  if (!revealSeen.all) problems.push("not every participant saw the results");

  // Revealed totals, at every participant, against the accepted dots and against the rows.
  const rowTally = new Map<string, number>();
  for (const v of voteRows) rowTally.set(v.target_id, (rowTally.get(v.target_id) ?? 0) + v.count);
  const same = (a: Map<string, number>, b: Map<string, number>) => a.size === b.size && [...a].every(([k, v]) => b.get(k) === v);
  if (!same(expectedTally, rowTally)) problems.push(`vote rows ${JSON.stringify([...rowTally])} ≠ accepted dots ${JSON.stringify([...expectedTally])}`);
  let totalRevealed = 0;
  participants.forEach((p, idx) => {
    const results = readControlState(p.control!.doc).vote?.results ?? [];
    const got = new Map(results.map((r) => [r.targetId, r.votes]));
    if (idx === 0) totalRevealed = results.reduce((s, r) => s + r.votes, 0);
    if (!same(got, expectedTally)) problems.push(`${p.name}: revealed totals differ from the accepted dots`);
  });
  if (totalRevealed !== participants.length * expectedEach) problems.push(`revealed ${totalRevealed} dots in all, expected ${participants.length * expectedEach}`);

  return {
    attempts,
    latency: quantiles(attempts.map((a) => a.ms)),
    accepted: attempts.filter((a) => a.status === 200).length,
    refusedOverBudget: attempts.filter((a) => a.status === 409 && a.key === "vision_over_budget").length,
    otherStatuses,
    openVisibleMs: openSeen.maxMs,
    revealVisibleMs: revealSeen.maxMs,
    problems: [...new Set(problems)],
    pageProblems,
    pageBallots,
    perMode,
    votingMs,
    targets: expectedTally.size,
    totalRevealed,
  };
}

// ---- main --------------------------------------------------------------------------------------

async function main() {
  const started = Date.now();
  console.log("[setup] starting the server (fresh SQLite, demo seeded)…");
  const server = await startServer({ env: { SEED_DEMO: "1" } });
  cleanups.push(() => server.stop());
  const lead = await signIn(server.url, "lead@demo.test");
  const programs = (await (await fetch(`${server.url}/api/v1/programs`, { headers: { cookie: lead.cookie } })).json()) as { programs: { id: string }[] };
  const programId = programs.programs[0]?.id;
  if (!programId) throw new Error("no demo program");

  // Participants: real accounts and memberships, written with the models into the server's database.
  console.log(`[setup] creating ${PARTICIPANTS} participants (createUser + putMember) and signing them in…`);
  const handle = openDatabase(server.databaseUrl);
  setDbHandle(handle);
  cleanups.push(async () => {
    setDbHandle(undefined);
    await handle.close();
  });
  const program = await handle.db.selectFrom("programs").select(["id", "org_id"]).where("id", "=", programId).executeTakeFirstOrThrow();
  const leadRow = await handle.db.selectFrom("users").select("id").where("email", "=", "lead@demo.test").executeTakeFirstOrThrow();
  const password = "bench-password-0123";
  const participants: Participant[] = [];
  for (let i = 0; i < PARTICIPANTS; i++) {
    const label = String(i + 1).padStart(2, "0");
    const email = `participant${label}@bench.test`;
    const name = `参与者 ${label}`;
    const role = i % 2 === 0 ? "project_team" : "frontline";
    // The server writes to the same file meanwhile: a deferred transaction that read first may
    // not upgrade to a writer (SQLITE_BUSY_SNAPSHOT); it rolled back, so try again (bounded).
    let user: Awaited<ReturnType<typeof createUser>> | null = null;
    for (let attempt = 1; !user; attempt++) {
      try {
        user = await handle.db.transaction().execute(async (tx) => {
          const u = await createUser({ email, name, password }, tx);
          await putMember(tx, leadRow.id, program, u.id, role);
          return u;
        });
      } catch (error) {
        if (attempt >= 10 || !/^SQLITE_BUSY/.test((error as { code?: string }).code ?? "")) throw error;
        await sleep(50 * attempt);
      }
    }
    participants.push({ id: user.id, name, email, cookie: "" });
  }
  for (let i = 0; i < participants.length; i += 4) {
    await Promise.all(participants.slice(i, i + 4).map(async (p) => (p.cookie = (await signIn(server.url, p.email, password)).cookie)));
  }

  console.log("[setup] the facilitator creates a board (page action)…");
  const created = await pageAction(server, programId, lead.cookie, { intent: "createBoard", title: "基准测试工作坊 · 60 人" });
  const boardId = created.body.boardId as string | undefined;
  if (created.status !== 200 || !boardId) throw new Error(`createBoard answered ${created.status}: ${JSON.stringify(created.body)}`);

  const ourOpen = (p: Participant) => {
    const headers = { cookie: p.cookie, origin: server.url };
    const live = { board: connect(`${server.wsUrl}/collab`, visionBoardDocName(boardId), headers), control: connect(`${server.wsUrl}/collab`, visionControlDocName(boardId), headers) };
    cleanups.push(() => (live.board.destroy(), live.control.destroy()));
    return live;
  };
  const ours = await runAdding("CX Workspace", participants, ourOpen, () =>
    connect(`${server.wsUrl}/collab`, visionBoardDocName(boardId), { cookie: lead.cookie, origin: server.url }),
  );
  const inLog = notesInLog(handle, visionBoardDocName(boardId));
  const notesInServerLog = ours.noteIds.filter((id) => inLog.has(id)).length;
  console.log(`[CX Workspace] p99 ${fmt(ours.latency.p99)} ms · ${ours.deliveredToAll}/${ours.sent} delivered to all · log holds ${notesInServerLog}`);

  const voting = await runVoting(server, programId, boardId, lead, participants, handle);
  console.log(
    `[voting] p99 ${fmt(voting.latency.p99)} ms · accepted ${voting.accepted} · refused ${voting.refusedOverBudget} · tally problems ${voting.problems.length} · page problems ${voting.pageProblems.length}`,
  );

  for (const p of participants) {
    p.board?.destroy();
    p.control?.destroy();
    p.board = p.control = undefined;
  }
  const serverOutput = server.output();
  await server.stop();

  // Baseline: the same adding load against @y/websocket-server 0.1.1.
  console.log("[baseline] starting @y/websocket-server 0.1.1…");
  const base = await startBaseline();
  const baseDoc = `vision:bench-${crypto.randomUUID()}`;
  const baseOpen = (_p: Participant) => {
    const live = { board: connect(base.wsUrl, baseDoc, {}), control: connect(base.wsUrl, `vision-control:${baseDoc.slice(7)}`, {}) };
    cleanups.push(() => (live.board.destroy(), live.control.destroy()));
    return live;
  };
  const baseline = await runAdding("baseline", participants.map((p) => ({ ...p, board: undefined, control: undefined })), baseOpen, () => connect(base.wsUrl, baseDoc, {}));
  console.log(`[baseline] p99 ${fmt(baseline.latency.p99)} ms · ${baseline.deliveredToAll}/${baseline.sent} delivered to all`);
  await cleanupAll();

  // ---- report ----
  const notesOk =
    ours.sent === ours.expected && ours.deliveredToAll === ours.sent && ours.clientsWithAll === PARTICIPANTS && ours.freshReload === ours.sent && notesInServerLog === ours.sent;
  const tallyOk = voting.problems.length === 0;
  const ratio = ours.latency.p99 / baseline.latency.p99;
  const lat = (q: Quantiles) => `${fmt(q.p50)} / ${fmt(q.p95)} / ${fmt(q.p99)}`;
  const expectedEach = Math.min(ATTEMPTS, BUDGET);
  const md = [
    `# Vision workshop benchmark`,
    ``,
    `${new Date().toISOString()} · ${PARTICIPANTS} participants on one board · ${SECONDS} s of adding (one note per participant every ${NOTE_INTERVAL_MS / 1000} s) · Node ${process.version} · ${os.cpus().length} cores · ${fmt((Date.now() - started) / 1000, 0)} s in all.`,
    `Ours: \`npm start\` server, fresh SQLite, participants are real members (project_team / frontline) signed in through \`POST /api/v1/session\`; each holds two stock y-websocket providers (\`vision:<board>\` and \`vision-control:<board>\`) with its session cookie; notes written as the UI writes them (\`putNote\`); rounds, votes and the reveal through the vision page's action, as the page posts them. Baseline: the same adding load against \`@y/websocket-server\` 0.1.1 (in memory, no auth, no log). Latency = note written → the last of the other ${PARTICIPANTS - 1} participants applied it.`,
    ``,
    `## Adding notes`,
    ``,
    `| measure | CX Workspace | baseline | ours / baseline |`,
    `|---|---:|---:|---:|`,
    `| propagation p50 / p95 / p99 ms | ${lat(ours.latency)} | ${lat(baseline.latency)} | ${fmt(ours.latency.p50 / baseline.latency.p50, 2)}× / ${fmt(ours.latency.p95 / baseline.latency.p95, 2)}× / **${fmt(ratio, 2)}×** |`,
    `| propagation max ms | ${fmt(ours.latency.max)} | ${fmt(baseline.latency.max)} | ${fmt(ours.latency.max / baseline.latency.max, 2)}× |`,
    `| notes expected (${PARTICIPANTS} × ${NOTES_EACH}) / sent | ${ours.expected} / ${ours.sent} | ${baseline.expected} / ${baseline.sent} | |`,
    `| notes that reached all ${PARTICIPANTS - 1} others | ${ours.deliveredToAll} | ${baseline.deliveredToAll} | |`,
    `| clients holding every note at the end | ${ours.clientsWithAll} / ${PARTICIPANTS} (fewest: ${ours.minSeen}) | ${baseline.clientsWithAll} / ${PARTICIPANTS} (fewest: ${baseline.minSeen}) | |`,
    `| notes a fresh client loads after the phase | ${ours.freshReload} | ${baseline.freshReload} | |`,
    `| notes in the server's SQLite update log | ${notesInServerLog} | n/a (stores nothing) | |`,
    `| connecting ${PARTICIPANTS * 2} sockets until all synced | ${fmt(ours.connectMs, 0)} ms | ${fmt(baseline.connectMs, 0)} ms | ${fmt(ours.connectMs / baseline.connectMs, 2)}× |`,
    `| socket disconnects during the run | ${ours.disconnects} | ${baseline.disconnects} | |`,
    ``,
    `## Dot voting (ours only: the baseline has no voting)`,
    ``,
    `Budget ${BUDGET}; every participant tries ${ATTEMPTS} dots at once with the others, on ${VOTE_TARGETS} shared notes: a third one request after another (one tab), a third from two tabs at once, a third all ${ATTEMPTS} requests at once. Everyone starts at the same instant, so the first moment holds ~${Math.round(PARTICIPANTS / 3) * (1 + 2 + ATTEMPTS)} requests in flight and the latency tail is the time to drain that burst (see the throughput row). The page's fetcher would also re-run the page loader after each vote; the benchmark posts the action only.`,
    ``,
    `| measure | value |`,
    `|---|---:|`,
    `| vote requests | ${voting.attempts.length} |`,
    `| accepted / refused over budget / other | ${voting.accepted} / ${voting.refusedOverBudget} / ${Object.values(voting.otherStatuses).reduce((s, n) => s + n, 0)} |`,
    ...(["one tab", "two tabs", "all at once"] as const).map(
      (m) =>
        `| ${m}: people · accepted · refused · latency p50 / p99 ms | ${voting.perMode[m].people} · ${voting.perMode[m].accepted} · ${voting.perMode[m].refused} · ${fmt(voting.perMode[m].latency.p50)} / ${fmt(voting.perMode[m].latency.p99)} |`,
    ),
    `| vote request latency p50 / p95 / p99 ms (all requests) | ${lat(voting.latency)} |`,
    `| all ${voting.attempts.length} requests answered in · throughput | ${fmt(voting.votingMs / 1000, 1)} s · ${fmt(voting.attempts.length / (voting.votingMs / 1000), 0)} requests/s |`,
    `| round opened → every participant's control doc shows it | ${fmt(voting.openVisibleMs)} ms |`,
    `| reveal → every participant's control doc shows the results | ${fmt(voting.revealVisibleMs)} ms |`,
    `| participants whose page (loader) shows their ballot with ${expectedEach} dots used | ${voting.pageBallots} / ${PARTICIPANTS} |`,
    `| dots revealed (expected ${PARTICIPANTS} × ${expectedEach}) on ${voting.targets} targets | ${voting.totalRevealed} |`,
    `| **tally correct** (each person exactly ${expectedEach} accepted; nobody over ${BUDGET} in responses, page ballot or rows; revealed totals at every participant = accepted dots per target = rows) | **${tallyOk ? "yes" : "no"}** |`,
    ``,
    `Notes: ${notesOk ? "**no note lost**" : "**NOTES LOST**"} (sent = reached every participant = fresh reload = in the log).`,
    ...(voting.problems.length ? [``, `Tally problems:`, ...voting.problems.slice(0, 40).map((p) => `- ${p}`)] : []),
    ...(voting.pageProblems.length ? [``, `Page problems (not the tally):`, ...voting.pageProblems.slice(0, 10).map((p) => `- ${p}`)] : []),
    ``,
  ].join("\n");
  fs.mkdirSync(path.join(root, "tests/bench/results"), { recursive: true });
  fs.writeFileSync(path.join(root, "tests/bench/results/vision-workshop.md"), md);
  console.log(`\n${md}`);
  if (!notesOk || !tallyOk) {
    const errs = serverOutput.split("\n").filter((l) => /error|fail|refused/i.test(l)).slice(0, 20);
    if (errs.length) console.error(`server log (errors):\n${errs.join("\n")}`);
  }
  await exit(notesOk && tallyOk ? 0 : 1);
}

main().catch(async (err) => {
  console.error(err);
  await exit(1);
});
