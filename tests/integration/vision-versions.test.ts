/** The vision's output on both databases: drafts, immutable numbered versions, concurrent publishes, comparison, the API body, the demo seed. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { saveVisionBoardProjection } from "../../app/models/vision-projection.server";
import * as Y from "yjs";
import { listAudit } from "../../app/models/audit.server";
import { changeDoc } from "../../app/models/live-docs.server";
import { programApiExtras } from "../../app/models/program-api.server";
import { programStepStatuses } from "../../app/models/steps.server";
import type { VisionError } from "../../app/models/vision-common.server";
import { readBoardContent, readControlState, visionBoardDocName, visionControlDocName } from "../../app/models/vision-doc";
import { getVisionOverview } from "../../app/models/vision-overview.server";
import { rankResults } from "../../app/models/vision-results";
import {
  compareVisionVersions,
  getPublishedVision,
  getVisionDraft,
  getVisionVersion,
  listVisionVersions,
  publishVision,
  saveVisionDraft,
} from "../../app/models/vision-versions.server";
import { createOrganization } from "../../app/models/org.server";
import { createProgram } from "../../app/models/program.server";
import { seedDemoVision } from "../../db/seed/demo-vision";
import { dialects } from "../helpers/db";
import { refusal, setupVision, type VisionTestEnv } from "../helpers/vision";

const standard = (title: string, extra: Record<string, string> = {}) => ({ title, description: `${title} desc`, measurableHint: "≥ 85%", ...extra });

describe.each(dialects())("vision versions on %s", (dialect) => {
  let env: VisionTestEnv;

  beforeAll(async () => {
    env = await setupVision(dialect);
  });
  afterAll(async () => {
    await env?.cleanup();
  });

  it("drafts need vision.edit, publishing needs vision.publish (owner and leadership)", async () => {
    const team = await env.actor("team");
    const viewer = await env.actor("viewer");
    expect((await refusal(saveVisionDraft(team, { statement: "x" }))).status).toBe(403);
    expect((await refusal(publishVision(team, { statement: "x", standards: [standard("一次解决")] }))).status).toBe(403);
    expect((await refusal(publishVision(viewer))).status).toBe(403);
    const exec = await env.actor("exec");
    expect((await refusal(publishVision(exec))).key).toBe("vision.errors.noDraft");
    const invalid = await refusal(saveVisionDraft(exec, { statement: "x", standards: [{ title: "" }] }));
    expect(invalid.fields).toEqual({ "standards.0.title": "validation.required" });
  });

  it("publishes immutable, numbered versions; later edits change only the draft", async () => {
    const exec = await env.actor("exec");
    const lead = await env.actor("lead");
    const draft = await saveVisionDraft(exec, { statement: "一次办成", standards: [standard("一次解决"), standard("透明等待")] });
    expect(draft.changed).toBe(true);
    expect(draft.basedOnVersion).toBeNull();
    const [fcr, wait] = draft.standards.map((s) => s.key);

    const empty = await refusal(publishVision(exec, { statement: " ", standards: [] }));
    expect(empty.fields).toEqual({ statement: "vision.errors.statementRequired", standards: "vision.errors.standardsRequired" });

    const v1 = await publishVision(exec);
    expect(v1.version).toBe(1);
    expect(v1.publishedBy).toBe(exec.user.id);
    expect(v1.publishedByName).toBe("周华");
    expect(v1.standards.map((s) => s.key)).toEqual([fcr, wait]);
    expect((await getVisionDraft(env.demo.programId))?.changed).toBe(false);
    expect((await refusal(publishVision(exec))).key).toBe("vision.errors.nothingToPublish");

    // Edit the draft: v1 does not move.
    const edited = await saveVisionDraft(lead, {
      statement: "一次办成，心中有数",
      standards: [{ key: fcr, ...standard("一次解决", { measurableHint: "≥ 90%" }) }, standard("简单办理")],
    });
    expect(edited.changed).toBe(true);
    expect(edited.basedOnVersion).toBe(1);
    expect((await getVisionVersion(env.demo.programId, 1))?.statement).toBe("一次办成");
    expect((await getPublishedVision(env.demo.programId))?.version).toBe(1);

    const v2 = await publishVision(lead);
    expect(v2.version).toBe(2);
    const cmp = await compareVisionVersions(env.demo.programId, 1, 2);
    expect(cmp.diff.statementChanged).toBe(true);
    expect(cmp.diff.removed.map((s) => s.key)).toEqual([wait]);
    expect(cmp.diff.added.map((s) => s.title)).toEqual(["简单办理"]);
    expect(cmp.diff.changed.map((c) => [c.key, c.fields])).toEqual([[fcr, ["measurableHint"]]]);
    expect((await refusal(compareVisionVersions(env.demo.programId, 1, 9))).status).toBe(404);

    const audit = await listAudit({ programId: env.demo.programId, entityType: "vision_version" });
    expect(audit.map((a) => a.action)).toEqual(["publish", "publish"]);
  });

  it("concurrent publishes get unique, consecutive numbers; the same content publishes once", async () => {
    const lead = await env.actor("lead");
    const exec = await env.actor("exec");
    const start = (await getPublishedVision(env.demo.programId))!.version;
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) => publishVision(i % 2 ? lead : exec, { statement: `并发发布 ${i}`, standards: [standard(`标准 ${i}`)] })),
    );
    expect(results.map((r) => r.version).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6].map((n) => start + n));
    const versions = await listVisionVersions(env.demo.programId);
    expect(versions.map((v) => v.version)).toEqual(Array.from({ length: start + 6 }, (_, i) => start + 6 - i));
    // Every published statement is stored exactly as it was published.
    for (const r of results) expect((await getVisionVersion(env.demo.programId, r.version))?.statement).toBe(r.statement);

    const same = { statement: "同一内容", standards: [{ key: "same-key", ...standard("同一标准") }] };
    const outcomes = await Promise.allSettled(Array.from({ length: 4 }, () => publishVision(lead, same)));
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
    for (const o of outcomes) if (o.status === "rejected") expect((o.reason as VisionError).key).toBe("vision.errors.nothingToPublish");
  });

  it("answers the API body: published version with stable standard ids, versions, boards; the draft only to editors", async () => {
    const lead = await env.actor("lead");
    const viewer = await env.actor("viewer");
    const body = await getVisionOverview(env.demo.programId, lead.access);
    expect(body.published?.version).toBe(body.versions[0].version);
    expect(body.published?.standards[0]).toEqual({ id: "same-key", title: "同一标准", description: "同一标准 desc", measurableHint: "≥ 85%" });
    expect(body.published?.publishedBy).toEqual({ id: lead.user.id, name: "陈明" });
    expect(body.draft?.statement).toBe("同一内容");
    expect((await getVisionOverview(env.demo.programId, viewer.access)).draft).toBeNull();
  });
});

describe.each(dialects())("the vision demo seed on %s", (dialect) => {
  let env: VisionTestEnv;

  beforeAll(async () => {
    env = await setupVision(dialect);
  });
  afterAll(async () => {
    await env?.cleanup();
  });

  it("reports not started before, then seeds a finished workshop through changeDoc", async () => {
    const program = (await env.t.handle.db.selectFrom("programs").selectAll().where("id", "=", env.demo.programId).executeTakeFirstOrThrow());
    expect((await programStepStatuses(program))[0]).toEqual({ key: "vision", state: "not_started", outputs: [] });
    expect((await programApiExtras(program)).visionBoard).toBeNull();

    const ids = await seedDemoVision(env.t.handle.db, env.demo, changeDoc);
    const board = readBoardContent(env.live.doc(visionBoardDocName(ids.boardId)));
    expect(board.notes).toHaveLength(40);
    for (const kind of ["customer", "frontline", "leadership", "scope"]) expect(board.notes.filter((n) => n.promptId === kind)).toHaveLength(10);
    expect(board.clusters).toHaveLength(8);
    expect(board.notes.every((n) => /[\u4e00-\u9fff]/.test(n.text))).toBe(true);

    const control = readControlState(env.live.doc(visionControlDocName(ids.boardId)));
    expect(control.vote?.status).toBe("revealed");
    expect(control.agenda).toHaveLength(7);
    const ranked = rankResults(control.vote!.results!, board);
    expect(ranked.totalVotes).toBe(10);
    expect(ranked.orphanVotes).toBe(0);
    expect(ranked.clusters[0].cluster.name).toBe("进度与等待不透明");

    const published = await getPublishedVision(env.demo.programId);
    expect(published?.version).toBe(1);
    expect(published?.standards.map((s) => s.title)).toEqual(["一次解决", "透明等待", "简单办理", "主动告知", "全渠道一致"]);
    const draft = await getVisionDraft(env.demo.programId);
    expect(draft?.changed).toBe(true);
    expect(draft?.standards).toHaveLength(6);

    // The collaboration room projects the board into the read model (here by hand: the docs are in memory).
    await env.t.handle.db.transaction().execute((tx) => saveVisionBoardProjection(tx, ids.boardId, board));
    const status = (await programStepStatuses(program))[0];
    expect(status.state).toBe("done");
    expect(status.outputs).toEqual([
      { labelKey: "vision.outputs.notes", count: 40 },
      { labelKey: "vision.outputs.standards", count: 5 },
      { labelKey: "vision.outputs.version", count: 1 },
    ]);
    expect((await programApiExtras(program)).visionBoard).toEqual({ id: ids.boardId, docName: `vision:${ids.boardId}` });
    // The seed's updates went through the live-docs bridge (logged like any update).
    expect(env.live.log.get(visionBoardDocName(ids.boardId))?.length).toBeGreaterThan(0);
    expect(Y.encodeStateAsUpdate(env.live.doc(visionControlDocName(ids.boardId))).byteLength).toBeGreaterThan(10);
  });

  it("another organisation's program stays not started", async () => {
    const lead = await env.actor("lead");
    const org = await createOrganization(lead.user.id, { name: "另一家", name_en: null });
    const p = await createProgram(lead.user.id, org.id, { name: "P", name_en: null, description: "" });
    expect((await programStepStatuses(p))[0].state).toBe("not_started");
  });
});
