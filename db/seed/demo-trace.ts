/**
 * Traceability demo: which quality standard of the published vision (demo-vision.ts, v1) each demo
 * quick win and KPI serves, so a KPI on the CEO's board traces back through its initiatives, pain
 * points and customer evidence to the vision. One quick win (the activation gift) and average
 * handle time are left unlinked on purpose: the trace view shows honestly what is missing.
 */
import type { Kysely } from "kysely";
import type { Database } from "../schema";
import type { DemoIds } from "./demo-foundation";

/** Initiative title (a part of it) → standard key. */
const INITIATIVES: [string, string][] = [
  ["审批进度主动推送", "proactive-information"],
  ["补件短信改写", "simple-to-do"],
  ["投诉受理后 24 小时内首次回电", "first-contact-resolution"],
];

/** KPI template (or, for custom KPIs, a part of the name) → standard key. */
const KPIS: { template?: string; name?: string; key: string }[] = [
  { template: "nps", key: "consistent-across-channels" },
  { template: "csat", key: "simple-to-do" },
  { template: "fcr", key: "first-contact-resolution" },
  { template: "repeat_contact", key: "proactive-information" },
  { template: "complaint_rate", key: "first-contact-resolution" },
  { name: "审批时长", key: "transparent-waiting" },
  { template: "self_service", key: "consistent-across-channels" },
];

export async function seedDemoTrace(db: Kysely<Database>, ids: DemoIds): Promise<void> {
  const published = await db
    .selectFrom("vision_standards as s")
    .innerJoin("vision_versions as v", "v.id", "s.version_id")
    .select("s.standard_key")
    .where("v.program_id", "=", ids.programId)
    .execute();
  const known = new Set(published.map((s) => s.standard_key));
  await db.transaction().execute(async (tx) => {
    for (const [title, key] of INITIATIVES) {
      if (!known.has(key)) continue;
      await tx.updateTable("initiatives").set({ standard_key: key }).where("program_id", "=", ids.programId).where("title", "like", `%${title}%`).execute();
    }
    for (const k of KPIS) {
      if (!known.has(k.key)) continue;
      let q = tx.updateTable("kpis").set({ standard_key: k.key }).where("program_id", "=", ids.programId);
      q = k.template ? q.where("template", "=", k.template) : q.where("name", "like", `%${k.name}%`);
      await q.execute();
    }
  });
}
