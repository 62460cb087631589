import * as Y from "yjs";
import { describe, expect, it } from "vitest";
import {
  boardHasTarget,
  EMPTY_CONTROL,
  mergeClusters,
  NoteTextSchema,
  patchNote,
  putCluster,
  putNote,
  putPrompt,
  readBoardContent,
  readControlState,
  removeCluster,
  timerRemaining,
  writeControlState,
  type VisionNote,
} from "../../app/models/vision-doc";

const note = (id: string, extra: Partial<VisionNote> = {}): VisionNote => ({
  id,
  text: `note ${id}`,
  promptId: "customer",
  colour: "yellow",
  clusterId: null,
  authorId: "u1",
  authorName: "陈明",
  createdAt: `2026-01-01T00:00:0${id.slice(-1)}Z`,
  ...extra,
});

describe("the board document", () => {
  it("round-trips prompts, notes and clusters as plain objects", () => {
    const doc = new Y.Doc();
    putPrompt(doc, { id: "scope", title: "", kind: "scope", position: 3 });
    putPrompt(doc, { id: "customer", title: "", kind: "customer", position: 0 });
    putCluster(doc, { id: "c1", name: "等待", promptId: "customer" });
    putNote(doc, note("n2", { clusterId: "c1" }));
    putNote(doc, note("n1", { colour: "pink" }));
    const board = readBoardContent(doc);
    expect(board.prompts.map((p) => p.id)).toEqual(["customer", "scope"]);
    expect(board.notes.map((n) => [n.id, n.colour, n.clusterId])).toEqual([
      ["n1", "pink", null],
      ["n2", "yellow", "c1"],
    ]);
    expect(board.clusters).toEqual([{ id: "c1", name: "等待", promptId: "customer" }]);
    expect(boardHasTarget(doc, "n1")).toBe("note");
    expect(boardHasTarget(doc, "c1")).toBe("cluster");
    expect(boardHasTarget(doc, "zz")).toBeNull();
  });

  it("survives malformed entries: skipped or given defaults, text capped at 500", () => {
    const doc = new Y.Doc();
    doc.getMap("prompts").set("p", "not an object");
    doc.getMap("notes").set("bad", "not a map" as never);
    const m = new Y.Map<unknown>();
    m.set("text", "x".repeat(600));
    m.set("promptId", "customer");
    m.set("colour", "<script>");
    m.set("clusterId", "no-such-cluster");
    doc.getMap("notes").set("odd", m as never);
    const board = readBoardContent(doc);
    expect(board.prompts).toEqual([]);
    expect(board.notes).toHaveLength(1);
    expect(board.notes[0].text).toHaveLength(500);
    expect(board.notes[0].colour).toBe("yellow");
    expect(board.notes[0].clusterId).toBeNull();
  });

  it("patches, merges and removes clusters", () => {
    const doc = new Y.Doc();
    putCluster(doc, { id: "a", name: "A", promptId: "customer" });
    putCluster(doc, { id: "b", name: "B", promptId: "customer" });
    putNote(doc, note("n1", { clusterId: "a" }));
    putNote(doc, note("n2", { clusterId: "b" }));
    expect(patchNote(doc, "n1", { text: "改了", colour: "blue" })).toBe(true);
    expect(patchNote(doc, "missing", { text: "x" })).toBe(false);
    mergeClusters(doc, "a", "b");
    let board = readBoardContent(doc);
    expect(board.clusters.map((c) => c.id)).toEqual(["b"]);
    expect(board.notes.map((n) => [n.text, n.colour, n.clusterId])).toEqual([
      ["改了", "blue", "b"],
      ["note n2", "yellow", "b"],
    ]);
    removeCluster(doc, "b");
    board = readBoardContent(doc);
    expect(board.clusters).toEqual([]);
    expect(board.notes.every((n) => n.clusterId === null)).toBe(true);
  });

  it("sticky text must be 1–500 characters after trimming", () => {
    expect(NoteTextSchema.safeParse("  ").error?.issues[0].message).toBe("vision.errors.noteEmpty");
    expect(NoteTextSchema.safeParse("x".repeat(501)).error?.issues[0].message).toBe("vision.errors.noteTooLong");
    expect(NoteTextSchema.parse("  <b>好</b>  ")).toBe("<b>好</b>");
  });
});

describe("the control document", () => {
  it("reads defaults from an empty document", () => {
    expect(readControlState(new Y.Doc())).toEqual(EMPTY_CONTROL);
  });

  it("round-trips the state and writes only the keys that changed", () => {
    const doc = new Y.Doc();
    const state = {
      ...EMPTY_CONTROL,
      locked: true,
      agenda: [{ id: "s1", title: "客户心声", minutes: 15 }],
      currentSectionId: "s1",
      timer: { running: true, endsAtMs: 1000, remainingMs: null },
      done: { s1: ["u1", "u2"] },
      vote: { roundId: "r1", status: "revealed" as const, budget: 5, results: [{ targetId: "n1", votes: 3 }] },
    };
    writeControlState(doc, state);
    expect(readControlState(doc)).toEqual(state);
    const replay = new Y.Doc();
    Y.applyUpdate(replay, Y.encodeStateAsUpdate(doc));
    const sv = Y.encodeStateVector(doc);
    writeControlState(doc, { ...state, locked: false });
    const update = Y.encodeStateAsUpdate(doc, sv);
    let keys: string[] = [];
    replay.getMap("control").observe((e) => (keys = [...e.keysChanged]));
    Y.applyUpdate(replay, update);
    expect(keys).toEqual(["locked"]);
    expect(update.byteLength).toBeLessThan(60);
    // Writing the same state again changes nothing.
    let updates = 0;
    doc.on("update", () => updates++);
    writeControlState(doc, { ...state, locked: false });
    expect(updates).toBe(0);
  });

  it("counts the timer down from its end, or shows what is left when paused", () => {
    expect(timerRemaining({ running: true, endsAtMs: 10_000, remainingMs: null }, 4_000)).toBe(6_000);
    expect(timerRemaining({ running: true, endsAtMs: 10_000, remainingMs: null }, 12_000)).toBe(0);
    expect(timerRemaining({ running: false, endsAtMs: null, remainingMs: 42_000 }, 99)).toBe(42_000);
    expect(timerRemaining({ running: false, endsAtMs: null, remainingMs: null }, 99)).toBeNull();
  });
});
