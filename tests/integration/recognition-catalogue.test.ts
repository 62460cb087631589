/**
 * The recognition catalogue on both databases: create with reward and workshop agreement (who
 * agreed, with their role at the time), the agreement rule (leadership side AND frontline side),
 * the guideline link, duplicate names among active types, edit, archive / restore, the
 * permission refusals, the audit trail and the read API.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { db } from "../../app/db.server";
import { createApiToken } from "../../app/models/api-tokens.server";
import { createGuideline, setGuidelineArchived } from "../../app/models/guidelines.server";
import { changeMemberRole } from "../../app/models/membership.server";
import {
  catalogueFormOptions,
  createRecognitionType,
  listRecognitionTypes,
  setRecognitionTypeArchived,
  updateRecognitionType,
} from "../../app/models/recognition-catalogue.server";
import { publishVision } from "../../app/models/vision-versions.server";
import { loader as typesApi } from "../../app/routes/api.v1.programs.$programId.recognition-types";
import { dialects } from "../helpers/db";
import { refusal, setupVision, type VisionTestEnv } from "../helpers/vision";

const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

describe.each(dialects())("the recognition catalogue on %s", (dialect) => {
  let env: VisionTestEnv;
  let guidelineId: string;
  beforeEach(async () => {
    env = await setupVision(dialect);
    await publishVision(await env.actor("exec"), {
      statement: "一次办成。",
      standards: [{ key: "fcr", title: "一次解决", description: "", measurableHint: "" }],
    });
    guidelineId = (await createGuideline(await env.actor("team"), { title: "首问负责，一次办结", standardKey: "fcr" })).id;
  });
  afterEach(async () => {
    await env.cleanup();
  });

  const audit = (id: string) =>
    db().selectFrom("audit_log").select(["action", "actor_id", "after_summary"]).where("entity_id", "=", id).orderBy("created_at").orderBy("id").execute();
  const input = (over: Record<string, unknown> = {}) => ({
    name: "首问负责、一次解决",
    description: "客户没有被转来转去。",
    guidelineId,
    rewardKind: "points",
    rewardText: "200 积分",
    rewardValue: "200",
    agreedOn: daysAgo(3),
    agreedNote: "网点与客服中心联合研讨会",
    agreedBy: [env.demo.users.exec, env.demo.users.frontline, env.demo.users.team],
    ...over,
  });

  it("creates a behaviour type with its reward, guideline and agreement (roles kept), audited", async () => {
    const team = await env.actor("team");
    const r = await createRecognitionType(team, input());
    expect(r).toMatchObject({
      name: "首问负责、一次解决",
      guideline: { id: guidelineId, title: "首问负责，一次办结", archived: false },
      reward: { kind: "points", text: "200 积分", value: 200 },
      agreedOn: daysAgo(3),
      agreedNote: "网点与客服中心联合研讨会",
      archivedAt: null,
    });
    // Leadership side first, then frontline, then the others.
    expect(r.agreedBy.map((a) => [a.userId, a.role])).toEqual([
      [env.demo.users.exec, "leadership"],
      [env.demo.users.frontline, "frontline"],
      [env.demo.users.team, "project_team"],
    ]);
    const logged = await audit(r.id);
    expect(logged.map((a) => [a.action, a.actor_id])).toEqual([["create", env.demo.users.team]]);
    expect(JSON.parse(logged[0].after_summary!)).toMatchObject({ name: "首问负责、一次解决", guideline: "首问负责，一次办结", rewardValue: 200, agreedBy: expect.any(Array) });
    expect((await listRecognitionTypes(env.demo.programId)).map((x) => x.id)).toEqual([r.id]);

    // The role is the one they had when they agreed, even after it changes.
    const program = await db().selectFrom("programs").selectAll().where("id", "=", env.demo.programId).executeTakeFirstOrThrow();
    await changeMemberRole(env.demo.users.lead, program, env.demo.users.frontline, "project_team");
    expect((await listRecognitionTypes(env.demo.programId))[0].agreedBy.find((a) => a.userId === env.demo.users.frontline)?.role).toBe("frontline");
  });

  it("needs someone from leadership (or the owner) AND a frontline colleague to have agreed, all of them members", async () => {
    const lead = await env.actor("lead");
    const none = await refusal(createRecognitionType(lead, input({ agreedBy: [] })));
    expect(none.fields).toEqual({ agreedBy: "catalogue.errors.agreedRequired" });
    const noFrontline = await refusal(createRecognitionType(lead, input({ agreedBy: [env.demo.users.exec, env.demo.users.team] })));
    expect(noFrontline.fields).toEqual({ agreedBy: "catalogue.errors.needsFrontline" });
    const noLeadership = await refusal(createRecognitionType(lead, input({ agreedBy: [env.demo.users.frontline, env.demo.users.rep] })));
    expect(noLeadership.fields).toEqual({ agreedBy: "catalogue.errors.needsLeadership" });
    // The CX office reads every program but is not a member of this one.
    const outsider = await refusal(createRecognitionType(lead, input({ agreedBy: [env.demo.users.office, env.demo.users.exec, env.demo.users.frontline] })));
    expect(outsider.fields).toEqual({ agreedBy: "catalogue.errors.agreedUnknown" });
    // The owner counts for the leadership side.
    const ok = await createRecognitionType(lead, input({ agreedBy: [env.demo.users.lead, env.demo.users.frontline] }));
    expect(ok.agreedBy.map((a) => a.role)).toEqual(["owner", "frontline"]);
    expect(await db().selectFrom("recognition_types").select("id").execute()).toHaveLength(1);
  });

  it("validates the reward, the date (not in the future) and the guideline", async () => {
    const lead = await env.actor("lead");
    const tomorrow = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
    const e = await refusal(createRecognitionType(lead, input({ name: "", rewardKind: "cash", rewardValue: "-5", agreedOn: tomorrow })));
    expect(e.status).toBe(422);
    expect(e.fields).toEqual({
      name: "validation.required",
      rewardKind: "catalogue.errors.rewardKindRequired",
      rewardValue: "catalogue.errors.valueNegative",
      agreedOn: "catalogue.errors.agreedInFuture",
    });
    expect((await refusal(createRecognitionType(lead, input({ guidelineId: "nope" })))).fields).toEqual({ guidelineId: "catalogue.errors.guidelineUnknown" });
    await setGuidelineArchived(await env.actor("team"), guidelineId, true);
    expect((await refusal(createRecognitionType(lead, input()))).fields).toEqual({ guidelineId: "catalogue.errors.guidelineUnknown" });
    const without = await createRecognitionType(lead, input({ guidelineId: "", rewardKind: "bonus", rewardValue: 500 }));
    expect(without).toMatchObject({ guideline: null, reward: { kind: "bonus", value: 500 } });
  });

  it("refuses a duplicate name among active types, without case; an archived one can be reused, but not restored over it", async () => {
    const team = await env.actor("team");
    const first = await createRecognitionType(team, input({ name: "Own the Problem" }));
    const dup = await refusal(createRecognitionType(team, input({ name: "  own the problem " })));
    expect(dup).toMatchObject({ status: 409, key: "catalogue.errors.duplicateName", fields: { name: "catalogue.errors.duplicateName" } });
    const other = await createRecognitionType(team, input({ name: "Keep customers informed" }));
    expect((await refusal(updateRecognitionType(team, other.id, input({ name: "OWN THE PROBLEM" })))).status).toBe(409);
    // Renaming itself (case only) is fine.
    expect((await updateRecognitionType(team, first.id, input({ name: "Own the problem" }))).name).toBe("Own the problem");

    await setRecognitionTypeArchived(team, first.id, true);
    const again = await createRecognitionType(team, input({ name: "own the problem" }));
    expect((await refusal(setRecognitionTypeArchived(team, first.id, false))).key).toBe("catalogue.errors.duplicateName");
    expect((await listRecognitionTypes(env.demo.programId)).map((x) => x.id)).toEqual([other.id, again.id]);
    expect((await listRecognitionTypes(env.demo.programId, { includeArchived: true })).map((x) => x.id)).toEqual([other.id, again.id, first.id]);
  });

  it("edits: fields, guideline and agreement (people who stay keep their recorded role); archived types are not edited", async () => {
    const team = await env.actor("team");
    const r = await createRecognitionType(team, input());
    await db().updateTable("recognition_agreements").set({ role: "leadership" }).where("type_id", "=", r.id).where("user_id", "=", env.demo.users.exec).execute();
    const edited = await updateRecognitionType(
      team,
      r.id,
      input({ name: "一次解决之星", rewardKind: "certificate", rewardValue: "", guidelineId: "", agreedBy: [env.demo.users.exec, env.demo.users.lead, env.demo.users.frontline] }),
    );
    expect(edited).toMatchObject({ name: "一次解决之星", guideline: null, reward: { kind: "certificate", value: 0 } });
    expect(edited.agreedBy.map((a) => [a.userId, a.role]).sort()).toEqual(
      [
        [env.demo.users.exec, "leadership"],
        [env.demo.users.lead, "owner"],
        [env.demo.users.frontline, "frontline"],
      ].sort(),
    );
    const rows = await db().selectFrom("recognition_agreements").select("user_id").where("type_id", "=", r.id).execute();
    expect(rows.map((x) => x.user_id).sort()).toEqual([env.demo.users.exec, env.demo.users.lead, env.demo.users.frontline].sort());
    // Dropping the last frontline person breaks the rule.
    expect((await refusal(updateRecognitionType(team, r.id, input({ agreedBy: [env.demo.users.exec] })))).fields).toEqual({ agreedBy: "catalogue.errors.needsFrontline" });

    await setRecognitionTypeArchived(team, r.id, true);
    expect((await refusal(updateRecognitionType(team, r.id, input()))).key).toBe("catalogue.errors.archived");
    await setRecognitionTypeArchived(team, r.id, false);
    expect((await audit(r.id)).map((a) => a.action)).toEqual(["create", "update", "archive", "restore"]);
    expect((await refusal(updateRecognitionType(team, "missing", input()))).status).toBe(404);
  });

  it("lets owner, leadership and project team edit; refuses frontline, viewer, functional rep and CX office (403), who still read", async () => {
    const r = await createRecognitionType(await env.actor("exec"), input());
    for (const who of ["frontline", "viewer", "rep", "office"] as const) {
      const a = await env.actor(who);
      expect((await refusal(createRecognitionType(a, input({ name: `x ${who}` })))).status, who).toBe(403);
      expect((await refusal(updateRecognitionType(a, r.id, input({ name: "y" })))).status, who).toBe(403);
      expect((await refusal(setRecognitionTypeArchived(a, r.id, true))).status, who).toBe(403);
    }
    expect((await listRecognitionTypes(env.demo.programId)).map((x) => x.name)).toEqual(["首问负责、一次解决"]);
    const options = await catalogueFormOptions(env.demo.programId);
    expect(options.guidelines).toEqual([{ id: guidelineId, title: "首问负责，一次办结", standard: "一次解决" }]);
    expect(options.members.map((m) => m.id)).toContain(env.demo.users.frontline);
  });

  it("serves the catalogue over the API to any member; another program's answers 404", async () => {
    const r = await createRecognitionType(await env.actor("team"), input());
    const { token } = await createApiToken(env.demo.users.viewer, { name: "read", scope: "read", expiresInDays: 1 });
    const call = async (programId: string) => {
      try {
        return await typesApi({
          request: new Request(`http://localhost/api/v1/programs/${programId}/recognition-types`, { headers: { authorization: `Bearer ${token}` } }),
          params: { programId },
          context: { clientIp: "127.0.0.1" },
        });
      } catch (thrown) {
        return thrown as Response;
      }
    };
    const res = await call(env.demo.programId);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { recognitionTypes: { id: string; guideline: { title: string }; agreedBy: unknown[]; reward: unknown }[] };
    expect(body.recognitionTypes).toEqual([
      expect.objectContaining({ id: r.id, guideline: expect.objectContaining({ title: "首问负责，一次办结" }), reward: { kind: "points", text: "200 积分", value: 200 } }),
    ]);
    expect(body.recognitionTypes[0].agreedBy).toHaveLength(3);
    expect((await call("not-a-program-of-theirs")).status).toBe(404);
  });
});
