/** Journey evidence on both databases: files (checks, download data), links, evidence links to map targets, permissions, audit. */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db, newId, nowIso } from "../../app/db.server";
import { insertFeedbackRecords } from "../../app/models/feedback-records.server";
import {
  addJourneyEvidenceFile,
  addJourneyEvidenceLink,
  deleteJourneyEvidence,
  linkEvidence,
  listEvidenceLinks,
  listJourneyEvidence,
  readJourneyEvidenceFile,
  unlinkEvidence,
} from "../../app/models/journey-evidence.server";
import { createJourneyMap, setJourneyMapArchived } from "../../app/models/journey-maps.server";
import { changeDoc } from "../../app/models/live-docs.server";
import { journeyDocName, putPainPoint } from "../../app/models/journey-doc";
import { dialects } from "../helpers/db";
import { refusal, setupVision, type VisionTestEnv } from "../helpers/vision";

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "cx-jevidence-data-"));
process.env.DATA_DIR = dataDir;

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
const WAV = new Uint8Array([...Buffer.from("RIFF"), 0, 0, 0, 0, ...Buffer.from("WAVE"), 1, 2]);
const MP3 = new Uint8Array([...Buffer.from("ID3"), 4, 0, 0, 0, 0, 0, 1]);

describe.each(dialects())("journey evidence on %s", (dialect) => {
  let env: VisionTestEnv;
  let mapId: string;
  let recordIds: string[];

  beforeAll(async () => {
    env = await setupVision(dialect);
    const lead = await env.actor("lead");
    mapId = (await createJourneyMap(lead, { name: "信用卡申请", persona: "年轻白领" }, "zh-CN")).id;
    const now = nowIso();
    // The projection's read model: one touchpoint and one pain point.
    await db().insertInto("journey_cards").values({ map_id: mapId, doc_object_id: "tp1", stage_id: "s1", lane: "touchpoints", channel: "web", text: "官网申请", position: 1, created_by: null, created_at: now, projected_at: now, deleted_at: null }).execute();
    await db().insertInto("journey_cards").values({ map_id: mapId, doc_object_id: "act1", stage_id: "s1", lane: "actions", channel: null, text: "比较卡片", position: 1, created_by: null, created_at: now, projected_at: now, deleted_at: null }).execute();
    await db()
      .insertInto("pain_points")
      .values({ map_id: mapId, doc_object_id: "pp1", program_id: env.demo.programId, touchpoint_id: "tp1", title: "进度不透明", description: "", severity: 4, reach: 3, impact: 4, effort: 2, source: "top_down", status: "open", created_by: null, created_at: now, projected_at: now, deleted_at: null })
      .execute();
    await db().transaction().execute(async (tx) => {
      await insertFeedbackRecords(
        tx,
        env.demo.programId,
        [1, 2, 3].map((i) => ({ occurredOn: `2024-05-0${i}`, channel: "web", segment: "白领", contactReason: "进度查询", score: i, scoreMin: 1, scoreMax: 5, text: `申请进度看不到 ${i}`, customerId: `C${i}` })),
        { source: "manual" },
      );
    });
    recordIds = (await db().selectFrom("feedback_records").select("id").orderBy("occurred_on").execute()).map((r) => r.id);
  });
  afterAll(async () => {
    await env?.cleanup();
  });

  it("stores recordings, images and documents after checking their content; refuses the rest", async () => {
    const team = await env.actor("team");
    const img = await addJourneyEvidenceFile(team, { filename: "网点照片.png", mime: "image/png", bytes: PNG });
    expect(img).toMatchObject({ kind: "file", filename: "网点照片.png", mime: "image/png", sizeBytes: PNG.byteLength });
    const wav = await addJourneyEvidenceFile(team, { filename: "call.wav", mime: "audio/wav", bytes: WAV, title: "客户来电录音" });
    expect(wav).toMatchObject({ title: "客户来电录音", mime: "audio/wav" });
    expect((await addJourneyEvidenceFile(team, { filename: "call.mp3", bytes: MP3 })).mime).toBe("audio/mpeg");
    const back = await readJourneyEvidenceFile(await env.actor("viewer"), wav.id);
    expect(back.body.equals(Buffer.from(WAV))).toBe(true);
    expect(back.mime).toBe("audio/wav");
    expect((await refusal(addJourneyEvidenceFile(team, { filename: "fake.png", bytes: WAV }))).key).toBe("evidence.errors.fileMismatch");
    expect((await refusal(addJourneyEvidenceFile(team, { filename: "run.exe", bytes: PNG }))).key).toBe("evidence.errors.fileType");
    expect((await refusal(addJourneyEvidenceFile(team, { filename: "x.png", mime: "text/html", bytes: PNG }))).key).toBe("evidence.errors.fileMismatch");
    expect((await refusal(addJourneyEvidenceLink(team, { title: "x", url: "javascript:alert(1)" }))).key).toBe("errors.invalid_input");
    const link = await addJourneyEvidenceLink(team, { title: "投诉帖", url: "https://weibo.com/123" });
    const list = await listJourneyEvidence(team);
    expect(list.map((e) => e.id)).toEqual(expect.arrayContaining([img.id, wav.id, link.id]));
    expect((await listJourneyEvidence(team, { q: "录音" })).map((e) => e.id)).toEqual([wav.id]);
  });

  it("links feedback, files and links to touchpoints, pain points and questions; lists them with details; unlinks", async () => {
    const rep = await env.actor("rep");
    const file = await addJourneyEvidenceFile(rep, { filename: "survey.png", bytes: PNG });
    const r1 = await linkEvidence(rep, mapId, { targetType: "pain_point", targetId: "pp1", evidenceType: "feedback", evidenceIds: recordIds });
    expect(r1.created).toBe(3);
    // Linking again adds nothing.
    expect((await linkEvidence(rep, mapId, { targetType: "pain_point", targetId: "pp1", evidenceType: "feedback", evidenceIds: [recordIds[0]] })).created).toBe(0);
    await linkEvidence(rep, mapId, { targetType: "touchpoint", targetId: "tp1", evidenceType: "file", evidenceIds: [file.id] });
    await linkEvidence(rep, mapId, { targetType: "question", targetId: "c", evidenceType: "file", evidenceIds: [file.id] });
    const links = await listEvidenceLinks(await env.actor("viewer"), mapId, { targetType: "pain_point", targetId: "pp1" });
    expect(links).toHaveLength(3);
    expect(links[0].feedback).toMatchObject({ channel: "web", contactReason: "进度查询" });
    const tp = await listEvidenceLinks(rep, mapId, { targetType: "touchpoint", targetId: "tp1" });
    expect(tp[0].evidence).toMatchObject({ filename: "survey.png", sizeBytes: PNG.byteLength });
    await unlinkEvidence(rep, mapId, links[0].id);
    expect(await listEvidenceLinks(rep, mapId, { targetType: "pain_point", targetId: "pp1" })).toHaveLength(2);
    const audit = await db().selectFrom("audit_log").select("action").where("entity_type", "=", "journey_evidence_link").execute();
    expect(audit.map((a) => a.action).sort()).toEqual(["link", "link", "link", "unlink"]);
    // Deleting the file removes its links.
    await deleteJourneyEvidence(rep, file.id);
    expect(await listEvidenceLinks(rep, mapId, { targetType: "touchpoint" })).toHaveLength(0);
    expect(await db().selectFrom("journey_evidence_links").select("id").where("evidence_id", "=", file.id).execute()).toHaveLength(0);
    expect(fs.existsSync(path.join(dataDir, "uploads", env.demo.programId, file.id))).toBe(false);
  });

  it("accepts a pain point that is in the live document but not yet projected", async () => {
    const rep = await env.actor("rep");
    const id = newId();
    await changeDoc(journeyDocName(mapId), (doc) =>
      putPainPoint(doc, { id, touchpointId: "tp1", title: "新痛点", description: "", severity: 3, reach: 3, impact: 3, effort: 3, source: "bottom_up", status: "open", createdBy: null, createdAt: nowIso() }),
    );
    expect((await linkEvidence(rep, mapId, { targetType: "pain_point", targetId: id, evidenceType: "feedback", evidenceIds: [recordIds[1]] })).created).toBe(1);
  });

  it("refuses unknown targets, foreign evidence, non-editors and archived maps", async () => {
    const team = await env.actor("team");
    const nope = (input: object) => refusal(linkEvidence(team, mapId, input));
    expect((await nope({ targetType: "pain_point", targetId: "ghost", evidenceType: "feedback", evidenceIds: [recordIds[0]] })).key).toBe("evidence.errors.targetNotFound");
    expect((await nope({ targetType: "touchpoint", targetId: "act1", evidenceType: "feedback", evidenceIds: [recordIds[0]] })).key).toBe("evidence.errors.targetNotFound");
    expect((await nope({ targetType: "question", targetId: "z", evidenceType: "feedback", evidenceIds: [recordIds[0]] })).key).toBe("evidence.errors.targetNotFound");
    expect((await nope({ targetType: "stage", targetId: "s1", evidenceType: "feedback", evidenceIds: [recordIds[0]] })).status).toBe(422);
    // Evidence of another program: a record and a file that belong elsewhere.
    const org = await db().selectFrom("programs").select(["org_id"]).where("id", "=", env.demo.programId).executeTakeFirstOrThrow();
    const otherProgram = newId();
    await db().insertInto("programs").values({ ...(await db().selectFrom("programs").selectAll().where("id", "=", env.demo.programId).executeTakeFirstOrThrow()), id: otherProgram, org_id: org.org_id }).execute();
    await db().transaction().execute((tx) => insertFeedbackRecords(tx, otherProgram, [{ occurredOn: "2024-05-01", channel: "web", segment: "x", contactReason: "y", score: null, scoreMin: null, scoreMax: null, text: "别处", customerId: null }]));
    const foreign = await db().selectFrom("feedback_records").select("id").where("program_id", "=", otherProgram).executeTakeFirstOrThrow();
    expect((await nope({ targetType: "pain_point", targetId: "pp1", evidenceType: "feedback", evidenceIds: [foreign.id] })).key).toBe("evidence.errors.notFound");
    const elsewhere = { ...team, program: { ...team.program, id: otherProgram } };
    const foreignFile = await addJourneyEvidenceFile(elsewhere, { filename: "x.png", bytes: PNG });
    expect((await nope({ targetType: "pain_point", targetId: "pp1", evidenceType: "file", evidenceIds: [foreignFile.id] })).key).toBe("evidence.errors.notFound");
    // A map of this program is not reachable from another program.
    expect((await refusal(listEvidenceLinks(elsewhere, mapId))).status).toBe(404);
    // Viewers and frontline staff may read but not add, link or delete.
    const mine = await addJourneyEvidenceLink(team, { title: "报告", url: "https://example.com/r" });
    for (const who of ["viewer", "frontline"] as const) {
      const actor = await env.actor(who);
      expect((await refusal(linkEvidence(actor, mapId, { targetType: "question", targetId: "a", evidenceType: "link", evidenceIds: [mine.id] }))).status).toBe(403);
      expect((await refusal(addJourneyEvidenceFile(actor, { filename: "x.png", bytes: PNG }))).status).toBe(403);
      expect((await refusal(addJourneyEvidenceLink(actor, { title: "t", url: "https://example.com" }))).status).toBe(403);
      expect((await refusal(deleteJourneyEvidence(actor, mine.id))).status).toBe(403);
      expect(await listEvidenceLinks(actor, mapId)).toBeDefined();
    }
    const l = await linkEvidence(team, mapId, { targetType: "question", targetId: "a", evidenceType: "link", evidenceIds: [mine.id] });
    expect((await refusal(unlinkEvidence(await env.actor("viewer"), mapId, l.links[0].id))).status).toBe(403);
    // Archived maps are read-only.
    await setJourneyMapArchived(await env.actor("lead"), mapId, true);
    expect((await refusal(linkEvidence(team, mapId, { targetType: "question", targetId: "b", evidenceType: "link", evidenceIds: [mine.id] }))).key).toBe("journey.errors.mapArchived");
  });
});
