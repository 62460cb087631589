/**
 * The demo organisation: "示例集团 / Demo Group", one program with every role filled.
 * Later steps add their own demo content in sibling files (demo-vision.ts, …), called from index.ts.
 */
import type { Kysely } from "kysely";
import { hashPassword } from "../../app/models/password.server";
import type { Database, OrgRole, ProgramRole } from "../schema";

export const DEMO_PASSWORD = "demo-password";

export interface DemoIds {
  orgId: string;
  programId: string;
  users: Record<DemoUserKey, string>;
}

type DemoUserKey = "lead" | "exec" | "team" | "rep" | "office" | "frontline" | "viewer";

const USERS: { key: DemoUserKey; email: string; name: string; org: OrgRole; program: ProgramRole | null }[] = [
  { key: "lead", email: "lead@demo.test", name: "陈明", org: "admin", program: "owner" },
  { key: "exec", email: "exec@demo.test", name: "周华", org: "member", program: "leadership" },
  { key: "team", email: "team@demo.test", name: "王芳", org: "member", program: "project_team" },
  { key: "rep", email: "rep@demo.test", name: "刘洋", org: "member", program: "functional_rep" },
  { key: "office", email: "office@demo.test", name: "李静", org: "cx_office", program: null },
  { key: "frontline", email: "frontline@demo.test", name: "张伟", org: "member", program: "frontline" },
  { key: "viewer", email: "viewer@demo.test", name: "赵磊", org: "member", program: "viewer" },
];

export async function seedDemoFoundation(db: Kysely<Database>): Promise<DemoIds> {
  const now = new Date().toISOString();
  const orgId = crypto.randomUUID();
  const programId = crypto.randomUUID();
  const users = {} as Record<DemoUserKey, string>;
  const hash = await hashPassword(DEMO_PASSWORD);

  await db.transaction().execute(async (tx) => {
    await tx
      .insertInto("organizations")
      .values({ id: orgId, name: "示例集团", name_en: "Demo Group", created_by: null, created_at: now })
      .execute();
    for (const u of USERS) {
      const id = crypto.randomUUID();
      users[u.key] = id;
      await tx
        .insertInto("users")
        .values({ id, email: u.email, name: u.name, password_hash: hash, locale: null, active_org_id: orgId, created_at: now })
        .execute();
      await tx.insertInto("org_members").values({ org_id: orgId, user_id: id, role: u.org, created_at: now }).execute();
    }
    await tx
      .insertInto("programs")
      .values({
        id: programId,
        org_id: orgId,
        name: "零售银行客户体验转型",
        name_en: "Retail banking CX transformation",
        description: "以客户为中心重塑信用卡申请、开户与客服旅程：从愿景工作坊到一线授权与持续改进。",
        description_en:
          "Reshape the credit-card application, account opening and service journeys around the customer: from the vision workshop to frontline empowerment and continuous improvement.",
        created_by: users.lead,
        created_at: now,
        archived_at: null,
      })
      .execute();
    for (const u of USERS) {
      if (!u.program) continue;
      await tx
        .insertInto("program_members")
        .values({ program_id: programId, user_id: users[u.key], role: u.program, created_at: now })
        .execute();
    }
    await tx
      .insertInto("audit_log")
      .values({
        id: crypto.randomUUID(),
        org_id: orgId,
        program_id: programId,
        actor_id: users.lead,
        entity_type: "program",
        entity_id: programId,
        action: "create",
        before_summary: null,
        after_summary: JSON.stringify({ name: "零售银行客户体验转型", name_en: "Retail banking CX transformation" }),
        created_at: now,
      })
      .execute();
  });
  return { orgId, programId, users };
}
