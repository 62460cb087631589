/**
 * Program export / import on both databases, with the real collaboration rooms: the full demo
 * (plus files, named versions and step 5/6 rows) exported, imported into a new organisation and
 * exported again gives the same content once ids are normalised (rows, members, people, files and
 * every live document's content); refused files (not JSON, not ours, another version, a reference
 * to nothing, a damaged document or file) and a failure injected mid-import change nothing; the
 * permissions of both sides; people unknown in the target organisation; the spec covers every
 * table and column the migrations create.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setDbHandle } from "../../app/db.server";
import { docService } from "../../app/models/doc.server";
import type { Actor } from "../../app/models/domain.server";
import { addJourneyEvidenceFile, linkEvidence } from "../../app/models/journey-evidence.server";
import { changeDoc } from "../../app/models/live-docs.server";
import { createOrganization } from "../../app/models/org.server";
import { getProgramAccess } from "../../app/models/program.server";
import { exportProgram } from "../../app/models/program-export.server";
import type { ImportResult, ImportSummary, ProgramExportFile } from "../../app/models/program-export-format";
import { EXPORT_TABLES, NOT_EXPORTED, PROGRAM_COLUMNS } from "../../app/models/program-export-spec";
import { importProgram, previewProgramImport } from "../../app/models/program-import.server";
import { createSession } from "../../app/models/session.server";
import { addVisionEvidenceFile } from "../../app/models/vision-evidence.server";
import { loader as exportLoader } from "../../app/routes/api.v1.programs.$programId.export";
import { action as importAction } from "../../app/routes/api.v1.orgs.$orgId.programs.import";
import type { DemoIds } from "../../db/seed/demo-foundation";
import { seedDemoIfEmpty } from "../../db/seed/index";
import type { CollabServer } from "../../server/collab/index";
import { canonicalExport, docContent } from "../helpers/program-canonical";
import { useCollabLiveDocs } from "../helpers/collab-live-docs";
import { createTestDb, dialects, type TestDb } from "../helpers/db";
import { refusal } from "../helpers/vision";

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "cx-export-data-"));
process.env.DATA_DIR = dataDir;

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 7, 7, 7, 7]);
const CSV = new TextEncoder().encode("渠道,满意度\n网点,4\n手机银行,5\n");

/** Tables that are no program's data (or are left out on purpose, see NOT_EXPORTED). */
const NOT_PROGRAM_DATA = [
  "users",
  "sessions",
  "login_throttle",
  "organizations",
  "org_members",
  "programs",
  "program_members",
  "doc_updates",
  "doc_snapshots",
  "api_tokens",
  "office_teams",
  "office_team_members",
];

describe.each(dialects())("program export and import on %s", (dialect) => {
  let t: TestDb;
  let collab: CollabServer;
  let demo: DemoIds;
  let first: ProgramExportFile;
  let imported: ImportResult;
  let targetOrgId: string;

  const actorIn = async (userId: string, programId: string): Promise<Actor> => {
    const found = await getProgramAccess(userId, programId);
    if (!found) throw new Error("no access");
    const u = await t.handle.db.selectFrom("users").select(["id", "name"]).where("id", "=", userId).executeTakeFirstOrThrow();
    return { program: found.program, access: found.access, user: u };
  };
  // Sessions are left out: each API call below signs in anew.
  // This test database's own tables (Kysely's introspection lists every schema of a Postgres
  // database, where other test files create and drop theirs at the same time).
  const tableNames = async () => {
    const rows =
      dialect === "postgres"
        ? await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(t.handle.db)
        : await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(t.handle.db);
    return rows.rows.map((x) => x.name).filter((n) => !n.startsWith("kysely_") && n !== "sessions").sort();
  };
  /** Rows in every table, and the files under the uploads folder: what "nothing changed" means. */
  const snapshot = async () => {
    const counts: Record<string, number> = {};
    for (const name of await tableNames()) {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      const r = await (t.handle.db as any).selectFrom(name).select((eb: any) => eb.fn.countAll().as("n")).executeTakeFirst();
      counts[name] = Number(r.n);
    }
    const uploads = path.join(dataDir, "uploads");
    const files = fs.existsSync(uploads) ? fs.readdirSync(uploads, { recursive: true }).map(String).sort() : [];
    return { counts, files };
  };
  const bearer = async (userId: string) => `Bearer ${await createSession(userId, null)}`;
  const post = async (userId: string, orgId: string, body: string, query = "") =>
    importAction({
      request: new Request(`http://x/api/v1/orgs/${orgId}/programs/import${query}`, { method: "POST", headers: { authorization: await bearer(userId), "content-type": "application/json" }, body }),
      params: { orgId },
      context: {},
    } as never).catch((e: unknown) => {
      if (e instanceof Response) return e;
      throw e;
    });

  beforeAll(async () => {
    t = await createTestDb(dialect);
    setDbHandle(t.handle);
    collab = useCollabLiveDocs(t.handle);
    const ids = await seedDemoIfEmpty(t.handle.db, changeDoc);
    if (!ids) throw new Error("seed skipped");
    demo = ids;
    const db = t.handle.db;
    const now = new Date().toISOString();
    const lead = await actorIn(demo.users.lead, demo.programId);

    // Uploaded files: workshop evidence (an image and a survey CSV) and journey evidence linked to a pain point.
    const board = await db.selectFrom("vision_boards").select("id").where("program_id", "=", demo.programId).executeTakeFirstOrThrow();
    await addVisionEvidenceFile(lead, board.id, { filename: "网点照片.png", mime: "image/png", bytes: PNG });
    await addVisionEvidenceFile(lead, board.id, { filename: "survey.csv", mime: "text/csv", bytes: CSV });
    const evidence = await addJourneyEvidenceFile(lead, { filename: "录屏截图.png", bytes: PNG, title: "申请页截图" });
    const pain = await db.selectFrom("pain_points").select(["map_id", "doc_object_id"]).where("program_id", "=", demo.programId).where("deleted_at", "is", null).executeTakeFirstOrThrow();
    await linkEvidence(lead, pain.map_id, { targetType: "pain_point", targetId: pain.doc_object_id, evidenceType: "file", evidenceIds: [evidence.id] });
    // A named version of a journey map.
    await docService().createVersion(`journey:${pain.map_id}`, "工作坊前", demo.users.lead);

    // Step 5 and 6 rows (their features fill these tables; here directly, so every table holds something).
    const standard = await db.selectFrom("vision_standards").select(["standard_key"]).executeTakeFirstOrThrow();
    const initiative = await db.selectFrom("initiatives").select("id").where("program_id", "=", demo.programId).executeTakeFirstOrThrow();
    const kpi = await db.selectFrom("kpis").select("id").where("program_id", "=", demo.programId).executeTakeFirstOrThrow();
    const cycle = await db.selectFrom("loop_cycles").select("id").where("program_id", "=", demo.programId).executeTakeFirstOrThrow();
    const touchpoint = await db.selectFrom("journey_cards").select(["map_id", "doc_object_id"]).where("map_id", "=", pain.map_id).where("lane", "=", "touchpoints").executeTakeFirstOrThrow();
    const note = await db.selectFrom("vision_notes").select(["doc_object_id"]).where("board_id", "=", board.id).executeTakeFirstOrThrow();
    for (const org of [demo.orgId]) {
      const has = await db.selectFrom("office_teams").select("id").where("org_id", "=", org).where("key", "=", "new_cx").executeTakeFirst();
      if (!has) await db.insertInto("office_teams").values({ id: crypto.randomUUID(), org_id: org, key: "new_cx", description: "", position: 0, created_at: now }).execute();
    }
    const team = await db.selectFrom("office_teams").select("id").where("org_id", "=", demo.orgId).where("key", "=", "new_cx").executeTakeFirstOrThrow();
    await db.updateTable("initiatives").set({ owning_team_id: team.id, standard_key: standard.standard_key }).where("id", "=", initiative.id).execute();
    const guideline = crypto.randomUUID();
    await db.insertInto("guidelines").values({ id: guideline, program_id: demo.programId, title: "主动告知进度", body: "每一步都告诉客户下一步。", do_examples: '["短信告知"]', dont_examples: '["让客户等电话"]', standard_key: standard.standard_key, standard_version: 1, standard_snapshot: '{"title":"x"}', position: 1, reviewed_by: demo.users.lead, reviewed_at: now, created_by: demo.users.lead, created_at: now, updated_at: now, archived_at: null }).execute();
    const type = crypto.randomUUID();
    await db.insertInto("recognition_types").values({ id: type, program_id: demo.programId, name: "进度守护者", description: "", guideline_id: guideline, reward_kind: "points", reward_text: "100 积分", reward_value: 100, agreed_on: "2026-11-01", agreed_note: "", created_by: demo.users.lead, created_at: now, updated_at: now, archived_at: null }).execute();
    await db.insertInto("recognition_agreements").values([
      { type_id: type, user_id: demo.users.lead, role: "owner", created_at: now },
      { type_id: type, user_id: demo.users.frontline, role: "frontline", created_at: now },
    ]).execute();
    const nomination = crypto.randomUUID();
    await db.insertInto("nominations").values({ id: nomination, program_id: demo.programId, type_id: type, nominee_id: demo.users.frontline, nominator_id: demo.users.team, story: "主动回电告知审批进度。", story_hash: "h1", status: "approved", reviewer_id: demo.users.exec, review_reason: "符合准则", reviewed_at: now, reward_text: null, reward_value: null, rewarded_by: null, rewarded_at: null, created_at: now, updated_at: now }).execute();
    await db.insertInto("nomination_events").values([
      { id: crypto.randomUUID(), nomination_id: nomination, from_status: null, to_status: "submitted", actor_id: demo.users.team, note: "", created_at: now },
      { id: crypto.randomUUID(), nomination_id: nomination, from_status: "submitted", to_status: "approved", actor_id: demo.users.exec, note: "符合准则", created_at: now },
    ]).execute();
    const record = crypto.randomUUID();
    await db.insertInto("feedback_records").values({ id: record, program_id: demo.programId, import_id: null, source: "idea", occurred_on: "2026-11-20", channel: "branch", segment: "", contact_reason: "", score: null, score_min: null, score_max: null, text: "排号屏加上预计等待时间", customer_id: null, created_by: demo.users.frontline, created_at: now, origin: "frontline" }).execute();
    const { storeUpload } = await import("../../app/models/upload-store.server");
    const photoId = crypto.randomUUID();
    const photo = await storeUpload(demo.programId, photoId, PNG);
    await db.insertInto("ideas").values({ record_id: record, program_id: demo.programId, author_id: demo.users.frontline, title: "等待时间可见", map_id: touchpoint.map_id, touchpoint_id: touchpoint.doc_object_id, cycle_id: cycle.id, photo_path: photo, photo_type: "image/png", photo_size: PNG.byteLength, created_at: now }).execute();
    await db.insertInto("leaderboard_opt_outs").values({ program_id: demo.programId, user_id: demo.users.viewer, created_at: now }).execute();
    await db.insertInto("kpi_alerts").values({ id: crypto.randomUUID(), org_id: demo.orgId, program_id: demo.programId, kpi_id: kpi.id, kind: "threshold", period_key: "2026-11-20", value: 1, threshold: 2, status: "open", detected_at: now, acknowledged_by: null, acknowledged_at: null, ack_note: null }).execute();
    const thread = crypto.randomUUID();
    await db.insertInto("comments").values([
      { id: thread, org_id: demo.orgId, program_id: demo.programId, target_type: "initiative", target_id: initiative.id, target_context: null, thread_id: null, author_id: demo.users.lead, body: `请 @[王芳](user:${demo.users.team}) 跟进`, created_at: now, edited_at: null, resolved_at: null, resolved_by: null },
      { id: crypto.randomUUID(), org_id: demo.orgId, program_id: demo.programId, target_type: "initiative", target_id: initiative.id, target_context: null, thread_id: thread, author_id: demo.users.team, body: "收到", created_at: now, edited_at: null, resolved_at: null, resolved_by: null },
      { id: crypto.randomUUID(), org_id: demo.orgId, program_id: demo.programId, target_type: "sticky", target_id: note.doc_object_id, target_context: board.id, thread_id: null, author_id: demo.users.exec, body: "好想法", created_at: now, edited_at: null, resolved_at: null, resolved_by: null },
      { id: crypto.randomUUID(), org_id: demo.orgId, program_id: demo.programId, target_type: "kpi", target_id: kpi.id, target_context: null, thread_id: null, author_id: demo.users.office, body: "本月偏低", created_at: now, edited_at: null, resolved_at: null, resolved_by: null },
    ]).execute();
    await db.insertInto("comment_mentions").values({ comment_id: thread, user_id: demo.users.team }).execute();

    // Every document written, projected and compacted, as after a quiet moment on the server.
    await collab.close();
    collab = useCollabLiveDocs(t.handle);

    // The target: a new organisation with everyone of the demo in it (accounts are per installation).
    targetOrgId = (await createOrganization(demo.users.lead, { name: "新集团", name_en: "New Group" })).id;
    for (const m of await db.selectFrom("org_members").select(["user_id", "role"]).where("org_id", "=", demo.orgId).execute()) {
      if (m.user_id === demo.users.lead) continue;
      await db.insertInto("org_members").values({ org_id: targetOrgId, user_id: m.user_id, role: m.role === "cx_office" ? "cx_office" : "member", created_at: now }).execute();
    }
    // …and the office teams of the source (matched by key).
    for (const team of await db.selectFrom("office_teams").select(["key", "position"]).where("org_id", "=", demo.orgId).execute()) {
      const has = await db.selectFrom("office_teams").select("id").where("org_id", "=", targetOrgId).where("key", "=", team.key).executeTakeFirst();
      if (!has) await db.insertInto("office_teams").values({ id: crypto.randomUUID(), org_id: targetOrgId, key: team.key, description: "", position: team.position, created_at: now }).execute();
    }
  }, 300_000);

  afterAll(async () => {
    await collab?.close();
    setDbHandle(undefined);
    await t?.cleanup();
  });

  it("the spec covers every table the migrations create, column for column", async () => {
    const tables = await t.handle.db.introspection.getTables();
    const exported = new Set(EXPORT_TABLES.map((s) => s.table as string));
    for (const table of tables) {
      if (table.name.startsWith("kysely_")) continue;
      const known = exported.has(table.name) || table.name in NOT_EXPORTED || NOT_PROGRAM_DATA.includes(table.name);
      expect(known, `${table.name} is neither exported nor deliberately left out`).toBe(true);
      if (table.columns.some((c) => c.name === "program_id") && !(table.name in NOT_EXPORTED) && table.name !== "program_members") {
        expect(exported.has(table.name), `${table.name} has a program_id but is not exported`).toBe(true);
      }
      const spec = EXPORT_TABLES.find((s) => s.table === table.name);
      if (spec) expect(Object.keys(spec.columns).sort(), table.name).toEqual(table.columns.map((c) => c.name).sort());
      if (table.name === "programs") expect(Object.keys(PROGRAM_COLUMNS).sort()).toEqual(table.columns.map((c) => c.name).sort());
    }
  });

  it("exports the whole program: rows of every step, members as emails, people, documents and files", async () => {
    const res = await exportLoader({ request: new Request(`http://x/api/v1/programs/${demo.programId}/export`, { headers: { authorization: await bearer(demo.users.lead) } }), params: { programId: demo.programId }, context: {} } as never);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="cx-program-retail-banking-cx-transformation-\d{8}\.json"/);
    first = (await res.json()) as ProgramExportFile;
    expect(first).toMatchObject({ format: "cx-workspace.program", version: 1, source: { programId: demo.programId, orgId: demo.orgId } });
    expect(first.members.map((m) => `${m.email}:${m.role}`)).toEqual(
      expect.arrayContaining(["exec@demo.test:leadership", "frontline@demo.test:frontline", "lead@demo.test:owner", "rep@demo.test:functional_rep", "team@demo.test:project_team", "viewer@demo.test:viewer"]),
    );
    const memberCount = await t.handle.db.selectFrom("program_members").select("user_id").where("program_id", "=", demo.programId).execute();
    expect(first.members).toHaveLength(memberCount.length);
    // Every table of every step holds rows (the demo plus the rows added above).
    for (const table of ["vision_boards", "vision_notes", "vision_votes", "vision_versions", "vision_standards", "journey_maps", "journey_cards", "pain_points", "feedback_records", "journey_evidence_links", "initiatives", "initiative_pain_points", "kpis", "kpi_measurements", "loop_cycles", "cycle_items", "guidelines", "recognition_types", "nominations", "nomination_events", "ideas", "comments", "comment_mentions", "kpi_alerts", "doc_versions", "vision_evidence", "journey_evidence"]) {
      expect(first.tables[table].length, table).toBeGreaterThan(0);
    }
    expect(first.tables.feedback_records.length).toBeGreaterThanOrEqual(2001);
    // No secrets and nothing per installation.
    const text = JSON.stringify(first);
    expect(text).not.toMatch(/password_hash|token_hash|scrypt/);
    expect(Object.keys(first.tables)).not.toContain("audit_log");
    expect(Object.keys(first.tables)).not.toContain("invites");
    expect(first.people.every((p) => Object.keys(p).sort().join() === "email,id,name")).toBe(true);
    // Documents: the brief, the board and its control document, every journey map.
    const kinds = first.docs.map((d) => d.name.split(":")[0]);
    expect(kinds.filter((k) => k === "brief")).toHaveLength(1);
    expect(kinds.filter((k) => k === "journey")).toHaveLength(first.tables.journey_maps.length);
    expect(kinds.filter((k) => k === "vision-control")).toHaveLength(first.tables.vision_boards.length);
    const journey = first.docs.find((d) => d.name.startsWith("journey:"))!;
    expect((docContent("journey", Buffer.from(journey.state, "base64")) as { cards: unknown[] }).cards.length).toBeGreaterThan(0);
    // Files travel with their checksum: among them 2 workshop files, 1 journey file, 1 idea photo.
    const stored = [...first.tables.vision_evidence.map((r) => r.storage_path), ...first.tables.journey_evidence.map((r) => r.storage_path), ...first.tables.ideas.map((r) => r.photo_path)];
    expect(first.files.map((f) => f.path).sort()).toEqual(stored.filter((p) => p !== null).sort());
    expect(first.files.length).toBeGreaterThanOrEqual(4);
    expect(Buffer.from(first.files.find((f) => f.size === CSV.byteLength)!.data, "base64").equals(Buffer.from(CSV))).toBe(true);
    // Exporting is audited in the source program.
    const audit = await t.handle.db.selectFrom("audit_log").select(["action"]).where("program_id", "=", demo.programId).where("entity_type", "=", "program").where("action", "=", "export").execute();
    expect(audit.length).toBeGreaterThan(0);
  });

  it("only owners and the organisation's CX office and admins export", async () => {
    for (const who of ["viewer", "team", "exec", "frontline"] as const) {
      expect((await refusal(exportProgram(await actorIn(demo.users[who], demo.programId)))).status, who).toBe(403);
    }
    const office = await exportProgram(await actorIn(demo.users.office, demo.programId));
    expect(office.file.tables.kpis.length).toBe(first.tables.kpis.length);
    // Through the API: a viewer gets 403 in JSON; someone outside the organisation 404.
    const denied = await exportLoader({ request: new Request(`http://x/api/v1/programs/${demo.programId}/export`, { headers: { authorization: await bearer(demo.users.viewer) } }), params: { programId: demo.programId }, context: {} } as never).catch((e: Response) => e);
    expect(denied.status).toBe(403);
    expect(((await denied.json()) as { error: { code: string } }).error.code).toBe("forbidden");
  });

  it("previews an import without writing anything", async () => {
    const before = await snapshot();
    const res = await post(demo.users.lead, targetOrgId, JSON.stringify(first), "?dryRun=1");
    expect(res.status).toBe(200);
    const summary = (await res.json()) as ImportSummary;
    expect(summary.program.name).toBe("零售银行客户体验转型");
    expect(summary.tables.feedback_records).toBe(first.tables.feedback_records.length);
    expect(summary.members.filter((m) => m.outcome === "skipped")).toEqual([]);
    expect(summary.members.find((m) => m.email === "lead@demo.test")?.outcome).toBe("owner");
    expect(summary.files).toBe(first.files.length);
    expect(await snapshot()).toEqual(before);
  });

  it("imports into another organisation with new ids; exporting the import gives the same content", async () => {
    const res = await post(demo.users.lead, targetOrgId, JSON.stringify(first));
    expect(res.status).toBe(201);
    imported = (await res.json()) as ImportResult;
    expect(imported.programId).not.toBe(demo.programId);
    expect(imported.dropped).toEqual({});
    const program = await t.handle.db.selectFrom("programs").selectAll().where("id", "=", imported.programId).executeTakeFirstOrThrow();
    expect(program.org_id).toBe(targetOrgId);

    const second = (await exportProgram(await actorIn(demo.users.lead, imported.programId))).file;
    expect(second.source).toEqual({ programId: imported.programId, orgId: targetOrgId, orgName: "新集团" });
    // No id of the source survives in the import's rows (documents' internal object ids aside).
    const sourceIds = new Set<string>([demo.programId, demo.orgId]);
    for (const spec of EXPORT_TABLES) if ("id" in spec.columns) for (const r of first.tables[spec.table]) sourceIds.add(String(r.id));
    for (const spec of EXPORT_TABLES) {
      for (const r of second.tables[spec.table]) {
        for (const [col, c] of Object.entries(spec.columns)) {
          if (["id", "ref", "program", "org", "poly"].includes(c.k) && typeof r[col] === "string") expect(sourceIds.has(r[col] as string), `${spec.table}.${col}`).toBe(false);
        }
      }
    }
    expect(second.docs.map((d) => d.name).some((n) => n.includes(demo.programId))).toBe(false);

    const a = canonicalExport(first);
    const b = canonicalExport(second);
    expect(b.program).toEqual(a.program);
    expect(b.members).toEqual(a.members);
    expect(b.people).toEqual(a.people);
    for (const spec of EXPORT_TABLES) expect(b.tables[spec.table], spec.table).toEqual(a.tables[spec.table]);
    expect(Object.keys(b.docs).sort()).toEqual(Object.keys(a.docs).sort());
    for (const name of Object.keys(a.docs)) expect(b.docs[name], name).toEqual(a.docs[name]);
    expect(second.files.map((f) => f.sha256).sort()).toEqual(first.files.map((f) => f.sha256).sort());

    // The source's history stays at home: one "imported" entry, and the export of the import after it.
    const audit = await t.handle.db.selectFrom("audit_log").select(["entity_type", "action", "actor_id"]).where("program_id", "=", imported.programId).execute();
    expect(audit.filter((e) => e.action !== "export")).toEqual([{ entity_type: "program", action: "import", actor_id: demo.users.lead }]);
    // The imported documents are live documents of the new program (read through the rooms).
    const map = second.tables.journey_maps[0];
    const live = await t.handle.db.selectFrom("doc_snapshots").select("doc_name").where("doc_name", "=", `journey:${String(map.id)}`).executeTakeFirst();
    expect(live).toBeDefined();
  });

  it("refuses a file that is not JSON, not ours, of another version or tampered with, and writes nothing", async () => {
    const before = await snapshot();
    const bad = async (body: string) => {
      const res = await post(demo.users.lead, targetOrgId, body);
      return { status: res.status, error: ((await res.json()) as { error: { code: string; message: string; fields?: Record<string, string> } }).error };
    };
    expect(await bad(JSON.stringify(first).slice(0, 5000))).toMatchObject({ status: 400, error: { code: "not_json" } });
    expect(await bad(JSON.stringify({ ...first, format: "miro.board" }))).toMatchObject({ status: 422, error: { code: "program_export_not_ours" } });
    expect(await bad(JSON.stringify({ hello: "world" }))).toMatchObject({ status: 422, error: { code: "program_export_not_ours" } });
    const v2 = await bad(JSON.stringify({ ...first, version: 2 }));
    expect(v2).toMatchObject({ status: 422, error: { code: "program_export_unsupported_version" } });
    expect(v2.error.message).toContain("2");

    const tamper = (change: (f: ProgramExportFile) => void) => {
      const copy = JSON.parse(JSON.stringify(first)) as ProgramExportFile;
      change(copy);
      return bad(JSON.stringify(copy));
    };
    // A foreign key to nothing.
    const broken = await tamper((f) => (f.tables.kpi_measurements[3].kpi_id = crypto.randomUUID()));
    expect(broken).toMatchObject({ status: 422, error: { code: "program_export_corrupted", fields: { "tables.kpi_measurements.3.kpi_id": expect.any(String) } } });
    // A polymorphic reference to nothing, a person who is not in the file, a wrong value type, an unknown column.
    expect((await tamper((f) => (f.tables.journey_evidence_links[0].evidence_id = crypto.randomUUID()))).status).toBe(422);
    expect((await tamper((f) => (f.tables.initiatives[0].owner_id = crypto.randomUUID()))).error.fields).toHaveProperty(["tables.initiatives.0.owner_id"]);
    expect((await tamper((f) => (f.tables.kpis[0].baseline = "high"))).error.fields).toHaveProperty(["tables.kpis.0.baseline"]);
    expect((await tamper((f) => ((f.tables.kpis[0] as Record<string, unknown>).password_hash = "x"))).status).toBe(422);
    expect((await tamper((f) => (f.tables.kpis[1].program_id = crypto.randomUUID()))).status).toBe(422);
    // Duplicate rows, a damaged document, a damaged file, a document of nothing.
    expect((await tamper((f) => f.tables.kpis.push(f.tables.kpis[0]))).status).toBe(422);
    expect((await tamper((f) => (f.docs[0].state = Buffer.from("not a yjs update at all").toString("base64")))).error.fields).toHaveProperty(["docs.0.state"]);
    expect((await tamper((f) => (f.files[0].data = Buffer.from("other bytes").toString("base64")))).error.fields).toHaveProperty(["files.0"]);
    expect((await tamper((f) => (f.docs[1].name = `journey:${crypto.randomUUID()}`))).status).toBe(422);
    // A table missing altogether.
    expect((await tamper((f) => delete (f.tables as Record<string, unknown>).kpis)).status).toBe(422);
    expect(await snapshot()).toEqual(before);
  });

  it("a failure in the middle of an import leaves nothing behind: no rows, no documents, no files", async () => {
    const before = await snapshot();
    const failing = importProgram({ id: demo.users.lead }, targetOrgId, JSON.parse(JSON.stringify(first)), {
      afterTable: (table) => {
        if (table === "kpi_measurements") throw new Error("injected failure");
      },
    });
    await expect(failing).rejects.toThrow("injected failure");
    expect(await snapshot()).toEqual(before);
  });

  it("only admins of the target organisation import", async () => {
    const body = JSON.stringify(first);
    // team@ is a plain member of the target organisation; exec@ is not in a third one.
    expect((await post(demo.users.team, targetOrgId, body)).status).toBe(403);
    expect((await post(demo.users.office, targetOrgId, body)).status).toBe(403);
    const third = await createOrganization(demo.users.viewer, { name: "第三方", name_en: null });
    expect((await post(demo.users.exec, third.id, body)).status).toBe(404);
    expect((await refusal(previewProgramImport(demo.users.team, targetOrgId, first))).status).toBe(403);
  });

  it("people without an account in the target organisation are skipped and reported; rows that need them are left out", async () => {
    // A fresh organisation with nobody but its creator (viewer@).
    const lonely = await createOrganization(demo.users.viewer, { name: "单人组织", name_en: null });
    const result = await importProgram({ id: demo.users.viewer }, lonely.id, JSON.parse(JSON.stringify(first)));
    expect(result.members.find((m) => m.email === "viewer@demo.test")?.outcome).toBe("owner");
    expect(result.members.filter((m) => m.outcome === "skipped").map((m) => m.email).sort()).toEqual(
      first.members.map((m) => m.email).filter((e) => e !== "viewer@demo.test").sort(),
    );
    expect(result.members.filter((m) => m.outcome === "skipped").map((m) => m.email)).toEqual(expect.arrayContaining(["exec@demo.test", "lead@demo.test", "team@demo.test"]));
    expect(result.unknownPeople.map((p) => p.email)).toContain("lead@demo.test");
    // What must be left out: nominations of or by someone unknown (with their history), mentions of them, their votes.
    const email = new Map(first.people.map((p) => [p.id, p.email]));
    const known = (id: unknown) => email.get(String(id)) === "viewer@demo.test";
    const lostNominations = first.tables.nominations.filter((n) => !known(n.nominee_id) || !known(n.nominator_id));
    const lostIds = new Set(lostNominations.map((n) => String(n.id)));
    expect(lostNominations.length).toBeGreaterThan(0);
    expect(result.dropped.nominations).toBe(lostNominations.length);
    expect(result.dropped.nomination_events).toBe(first.tables.nomination_events.filter((e) => lostIds.has(String(e.nomination_id))).length);
    expect(result.dropped.comment_mentions).toBe(first.tables.comment_mentions.filter((m) => !known(m.user_id)).length);
    expect(result.dropped.vision_votes ?? 0).toBe(first.tables.vision_votes.filter((v) => !known(v.user_id)).length);
    expect(result.tables.nominations).toBe(first.tables.nominations.length - lostNominations.length);
    const members = await t.handle.db.selectFrom("program_members").select(["user_id", "role"]).where("program_id", "=", result.programId).execute();
    expect(members).toEqual([{ user_id: demo.users.viewer, role: "owner" }]);
    // References to unknown people are cleared; mention tokens of them become plain text.
    const owners = await t.handle.db.selectFrom("initiatives").select("owner_id").where("program_id", "=", result.programId).execute();
    expect(owners.every((o) => o.owner_id === null)).toBe(true);
    const comment = await t.handle.db.selectFrom("comments").select("body").where("program_id", "=", result.programId).where("body", "like", "请 %").executeTakeFirstOrThrow();
    expect(comment.body).toBe("请 @王芳 跟进");
    // The office team is matched by key only where the organisation has one.
    const teams = await t.handle.db.selectFrom("initiatives").select("owning_team_id").where("program_id", "=", result.programId).where("owning_team_id", "is not", null).execute();
    expect(teams).toEqual([]);
  });
});
