import { describe, expect, it } from "vitest";
import { diffVisions, DraftInputSchema, type VisionContent } from "../../app/models/vision-output";

const s = (key: string, title = key, description = "", measurableHint = "") => ({ key, title, description, measurableHint });

describe("diffVisions", () => {
  const v1: VisionContent = { statement: "一次办成", standards: [s("fcr", "一次解决"), s("wait", "透明等待"), s("simple", "简单办理")] };

  it("finds nothing between equal versions", () => {
    const d = diffVisions(v1, structuredClone(v1));
    expect(d.same).toBe(true);
    expect(d.unchanged).toEqual(["fcr", "wait", "simple"]);
  });

  it("reports a changed statement", () => {
    const d = diffVisions(v1, { ...v1, statement: "一次办成，心中有数" });
    expect(d.statementChanged).toBe(true);
    expect(d.same).toBe(false);
    expect(d.changed).toEqual([]);
  });

  it("matches standards by key: added, removed, and changed fields", () => {
    const v2: VisionContent = {
      statement: v1.statement,
      standards: [s("fcr", "一次解决", "First-contact resolution"), s("wait", "透明等待"), s("warm", "有温度")],
    };
    const d = diffVisions(v1, v2);
    expect(d.added.map((x) => x.key)).toEqual(["warm"]);
    expect(d.removed.map((x) => x.key)).toEqual(["simple"]);
    expect(d.changed).toEqual([
      { key: "fcr", before: v1.standards[0], after: v2.standards[0], fields: ["description"], moved: false },
    ]);
    expect(d.unchanged).toEqual(["wait"]);
  });

  it("a renamed standard keeps its key, so it is changed rather than removed and added", () => {
    const d = diffVisions(v1, { ...v1, standards: [s("fcr", "首问负责"), v1.standards[1], v1.standards[2]] });
    expect(d.added).toEqual([]);
    expect(d.removed).toEqual([]);
    expect(d.changed.map((c) => [c.key, c.fields])).toEqual([["fcr", ["title"]]]);
  });

  it("reports reordering as moved, but not the shift caused by an insertion", () => {
    const reordered = diffVisions(v1, { ...v1, standards: [v1.standards[1], v1.standards[0], v1.standards[2]] });
    expect(reordered.changed.map((c) => [c.key, c.moved])).toEqual([
      ["wait", true],
      ["fcr", true],
    ]);
    const inserted = diffVisions(v1, { ...v1, standards: [s("new"), ...v1.standards] });
    expect(inserted.changed).toEqual([]);
    expect(inserted.added.map((x) => x.key)).toEqual(["new"]);
  });
});

describe("DraftInputSchema", () => {
  it("refuses a standard without a title, with an i18n key", () => {
    const r = DraftInputSchema.safeParse({ statement: "x", standards: [{ title: " " }] });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0].message).toBe("validation.required");
    expect(r.error!.issues[0].path).toEqual(["standards", 0, "title"]);
  });
});
