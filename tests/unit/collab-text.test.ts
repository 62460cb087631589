import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { diffText, replaceText, transformIndex } from "../../app/collab/text-diff";

describe("diffText: the smallest single splice", () => {
  it.each([
    ["hello world", "hello brave world", { index: 6, remove: 0, insert: "brave " }],
    ["hello brave world", "hello world", { index: 6, remove: 6, insert: "" }],
    ["abc", "axc", { index: 1, remove: 1, insert: "x" }],
    ["", "new", { index: 0, remove: 0, insert: "new" }],
    ["aaa", "aaaa", { index: 3, remove: 0, insert: "a" }],
  ])("%j → %j", (before, after, edit) => {
    expect(diffText(before, after)).toEqual(edit);
  });

  it("returns null when nothing changed", () => {
    expect(diffText("same", "same")).toBeNull();
  });

  it("never splits a surrogate pair", () => {
    const edit = diffText("a😀b", "a😃b")!;
    expect(edit.insert).toBe("😃");
    expect(edit.remove).toBe(2);
  });
});

describe("replaceText", () => {
  it("keeps concurrent edits outside the changed range", () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    a.getText("t").insert(0, "The quick fox");
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    replaceText(a.getText("t"), "The quick brown fox");
    b.getText("t").insert(b.getText("t").length, " jumps");
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(a.getText("t").toString()).toBe("The quick brown fox jumps");
    expect(b.getText("t").toString()).toBe("The quick brown fox jumps");
  });
});

describe("transformIndex: carets through remote deltas", () => {
  it("moves right for an insertion before it and stays for one after", () => {
    expect(transformIndex(5, [{ insert: "abc" }])).toBe(8);
    expect(transformIndex(5, [{ retain: 6 }, { insert: "abc" }])).toBe(5);
  });
  it("an insertion exactly at the caret stays left unless it sticks right", () => {
    expect(transformIndex(5, [{ retain: 5 }, { insert: "x" }])).toBe(5);
    expect(transformIndex(5, [{ retain: 5 }, { insert: "x" }], true)).toBe(6);
  });
  it("moves left for deletions before it and clamps into a deleted range", () => {
    expect(transformIndex(10, [{ retain: 2 }, { delete: 3 }])).toBe(7);
    expect(transformIndex(4, [{ retain: 2 }, { delete: 5 }])).toBe(2);
    expect(transformIndex(1, [{ retain: 2 }, { delete: 5 }])).toBe(1);
  });
  it("agrees with a real Y.Text observer delta", () => {
    const doc = new Y.Doc();
    const text = doc.getText("t");
    text.insert(0, "0123456789");
    let caret = 7;
    text.observe((e) => (caret = transformIndex(caret, e.delta as never)));
    doc.transact(() => {
      text.delete(1, 2);
      text.insert(0, "ab");
    });
    expect(text.toString().slice(caret)).toBe("789");
  });
});
