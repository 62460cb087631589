/**
 * What the CX office sets on an initiative from the portfolio: its owning office team and a RAG
 * health override with a required reason (who and when are kept; clearing it restores the
 * computed health). Needs `initiative.status` in the initiative's program (owner, project team,
 * CX office) → 403 otherwise. An initiative the caller cannot see, or a team of another
 * organisation → 404; a closed (done or dropped) initiative takes no override → 409; no reason →
 * 422. Audited on the `initiative` entity: `owning_team`, `health_override`, `health_clear`.
 */
import { db, nowIso } from "../db.server";
import { auditAs, DomainError, parseInput, requireCan, type Actor } from "./domain.server";
import { InitiativeOfficeInputSchema } from "./portfolio";
import { listPortfolio, type PortfolioItem } from "./portfolio.server";
import { getProgramAccess } from "./program.server";
import { isClosedStatus } from "./rag-health";
import type { Locale } from "../i18n/config";

/** Finds the initiative and the caller's standing in its program; 404 when either is missing. */
async function officeActorFor(user: { id: string; name: string }, initiativeId: unknown): Promise<{ actor: Actor; initiativeId: string }> {
  const notFound = () => new DomainError(404, "initiatives.errors.notFound");
  if (typeof initiativeId !== "string" || !initiativeId || initiativeId.length > 100) throw notFound();
  const row = await db().selectFrom("initiatives").select(["id", "program_id"]).where("id", "=", initiativeId).executeTakeFirst();
  if (!row) throw notFound();
  const found = await getProgramAccess(user.id, row.program_id);
  if (!found || found.program.archived_at) throw notFound();
  return { actor: { program: found.program, access: found.access, user }, initiativeId: row.id };
}

async function portfolioItem(user: { id: string }, orgId: string, id: string, locale?: Locale): Promise<PortfolioItem> {
  const found = await listPortfolio({ userId: user.id, orgId, locale }, {}, { initiativeIds: [id] });
  const item = found.items[0];
  if (!item) throw new DomainError(404, "initiatives.errors.notFound");
  return item;
}

/** One initiative as the portfolio shows it, for anyone who sees its program; 404 otherwise. */
export async function getPortfolioItem(user: { id: string; name: string }, initiativeId: unknown, locale?: Locale): Promise<PortfolioItem> {
  const { actor, initiativeId: id } = await officeActorFor(user, initiativeId);
  return portfolioItem(user, actor.program.org_id, id, locale);
}

/**
 * Sets the owning team and/or the health override (`null` clears either). Returns the
 * initiative as the portfolio shows it afterwards.
 */
export async function updateInitiativeOffice(
  user: { id: string; name: string },
  initiativeId: unknown,
  input: unknown,
  locale?: Locale
): Promise<PortfolioItem> {
  const { actor, initiativeId: id } = await officeActorFor(user, initiativeId);
  requireCan(actor, "initiative.status");
  const data = parseInput(InitiativeOfficeInputSchema, input);
  await db()
    .transaction()
    .execute(async (tx) => {
      const row = await tx.selectFrom("initiatives").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
      const now = nowIso();
      const teams = await tx.selectFrom("office_teams").select(["id", "key"]).where("org_id", "=", actor.program.org_id).execute();
      const keyOf = (teamId: string | null) => (teamId ? teams.find((t) => t.id === teamId)?.key ?? null : null);

      if (data.owningTeamId !== undefined && data.owningTeamId !== row.owning_team_id) {
        if (data.owningTeamId !== null && !teams.some((t) => t.id === data.owningTeamId)) throw new DomainError(404, "office.errors.teamNotFound");
        await tx.updateTable("initiatives").set({ owning_team_id: data.owningTeamId, updated_at: now }).where("id", "=", row.id).execute();
        await auditAs(tx, actor, {
          entityType: "initiative",
          entityId: row.id,
          action: "owning_team",
          before: { team: keyOf(row.owning_team_id) },
          after: { title: row.title, team: keyOf(data.owningTeamId) },
        });
      }

      if (data.healthOverride) {
        if (isClosedStatus(row.status)) throw new DomainError(409, "office.errors.closedHealth");
        const { health, reason } = data.healthOverride;
        await tx
          .updateTable("initiatives")
          .set({ health_override: health, health_override_reason: reason, health_override_by: user.id, health_override_at: now, updated_at: now })
          .where("id", "=", row.id)
          .execute();
        await auditAs(tx, actor, {
          entityType: "initiative",
          entityId: row.id,
          action: "health_override",
          before: row.health_override ? { health: row.health_override, reason: row.health_override_reason } : { health: null },
          after: { title: row.title, health, reason },
        });
      } else if (data.healthOverride === null && row.health_override) {
        await tx
          .updateTable("initiatives")
          .set({ health_override: null, health_override_reason: null, health_override_by: null, health_override_at: null, updated_at: now })
          .where("id", "=", row.id)
          .execute();
        await auditAs(tx, actor, {
          entityType: "initiative",
          entityId: row.id,
          action: "health_clear",
          before: { health: row.health_override, reason: row.health_override_reason },
          after: { title: row.title, health: null },
        });
      }
    });
  return portfolioItem(user, actor.program.org_id, id, locale);
}
