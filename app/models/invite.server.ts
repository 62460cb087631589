/**
 * Invitations by email. There is no mail server: creating an invite yields a link to copy.
 * Only the token's hash is stored; the link carries the token itself.
 */
import { randomBytes } from "node:crypto";
import type { Invite, Program } from "../../db/schema";
import { db, newId, nowIso } from "../db.server";
import { recordAudit } from "./audit.server";
import { putMember } from "./membership.server";
import type { ProgramRole } from "./permissions";
import { normaliseEmail, type PublicUser } from "./user.server";
import { hashToken } from "./token-hash.server";

const INVITE_DAYS = 14;

export type CreateInviteResult = { ok: true; token: string; invite: Invite } | { ok: false; reason: "already_member" };

export async function createInvite(
  actorId: string,
  program: Program,
  input: { email: string; role: ProgramRole },
): Promise<CreateInviteResult> {
  const email = normaliseEmail(input.email);
  return db()
    .transaction()
    .execute(async (tx) => {
      const existing = await tx
        .selectFrom("program_members")
        .innerJoin("users", "users.id", "program_members.user_id")
        .select("users.id")
        .where("program_members.program_id", "=", program.id)
        .where("users.email", "=", email)
        .executeTakeFirst();
      if (existing) return { ok: false as const, reason: "already_member" as const };
      // A new invite for the same address replaces any pending one.
      await tx
        .updateTable("invites")
        .set({ revoked_at: nowIso() })
        .where("program_id", "=", program.id)
        .where("email", "=", email)
        .where("accepted_at", "is", null)
        .where("revoked_at", "is", null)
        .execute();
      const token = randomBytes(24).toString("base64url");
      const now = Date.now();
      const invite: Invite = {
        id: newId(),
        token_hash: hashToken(token),
        org_id: program.org_id,
        program_id: program.id,
        email,
        role: input.role,
        invited_by: actorId,
        created_at: new Date(now).toISOString(),
        expires_at: new Date(now + INVITE_DAYS * 24 * 3600 * 1000).toISOString(),
        accepted_at: null,
        accepted_by: null,
        revoked_at: null,
      };
      await tx.insertInto("invites").values(invite).execute();
      await recordAudit(tx, {
        orgId: program.org_id,
        programId: program.id,
        actorId,
        entityType: "invite",
        entityId: invite.id,
        action: "create",
        after: { email, role: input.role },
      });
      return { ok: true as const, token, invite };
    });
}

export async function listPendingInvites(programId: string): Promise<Invite[]> {
  return db()
    .selectFrom("invites")
    .selectAll()
    .where("program_id", "=", programId)
    .where("accepted_at", "is", null)
    .where("revoked_at", "is", null)
    .where("expires_at", ">", nowIso())
    .orderBy("created_at", "desc")
    .execute();
}

export async function revokeInvite(actorId: string, program: Program, inviteId: string): Promise<boolean> {
  return db()
    .transaction()
    .execute(async (tx) => {
      const res = await tx
        .updateTable("invites")
        .set({ revoked_at: nowIso() })
        .where("id", "=", inviteId)
        .where("program_id", "=", program.id)
        .where("accepted_at", "is", null)
        .where("revoked_at", "is", null)
        .executeTakeFirst();
      if (Number(res.numUpdatedRows) === 0) return false;
      await recordAudit(tx, {
        orgId: program.org_id,
        programId: program.id,
        actorId,
        entityType: "invite",
        entityId: inviteId,
        action: "revoke",
      });
      return true;
    });
}

export type InviteStatus = "valid" | "expired" | "accepted" | "revoked";

export interface InviteDetails {
  invite: Invite;
  status: InviteStatus;
  programName: string;
  programNameEn: string | null;
  orgName: string;
  orgNameEn: string | null;
  inviterName: string;
}

export async function getInviteByToken(token: string): Promise<InviteDetails | null> {
  const row = await db()
    .selectFrom("invites")
    .innerJoin("programs", "programs.id", "invites.program_id")
    .innerJoin("organizations", "organizations.id", "invites.org_id")
    .innerJoin("users", "users.id", "invites.invited_by")
    .selectAll("invites")
    .select([
      "programs.name as program_name",
      "programs.name_en as program_name_en",
      "organizations.name as org_name",
      "organizations.name_en as org_name_en",
      "users.name as inviter_name",
    ])
    .where("invites.token_hash", "=", hashToken(token))
    .executeTakeFirst();
  if (!row) return null;
  const { program_name, program_name_en, org_name, org_name_en, inviter_name, ...invite } = row;
  const status: InviteStatus = invite.accepted_at
    ? "accepted"
    : invite.revoked_at
      ? "revoked"
      : invite.expires_at <= nowIso()
        ? "expired"
        : "valid";
  return {
    invite,
    status,
    programName: program_name,
    programNameEn: program_name_en,
    orgName: org_name,
    orgNameEn: org_name_en,
    inviterName: inviter_name,
  };
}

export type AcceptResult = { ok: true; programId: string } | { ok: false; reason: InviteStatus | "wrong_user" | "not_found" };

/** Accepts an invite for the signed-in user, whose email must be the invited one. */
export async function acceptInvite(token: string, user: PublicUser): Promise<AcceptResult> {
  const details = await getInviteByToken(token);
  if (!details) return { ok: false, reason: "not_found" };
  if (details.status !== "valid") return { ok: false, reason: details.status };
  const { invite } = details;
  if (normaliseEmail(user.email) !== invite.email) return { ok: false, reason: "wrong_user" };
  return db()
    .transaction()
    .execute(async (tx) => {
      const claimed = await tx
        .updateTable("invites")
        .set({ accepted_at: nowIso(), accepted_by: user.id })
        .where("id", "=", invite.id)
        .where("accepted_at", "is", null)
        .where("revoked_at", "is", null)
        .executeTakeFirst();
      if (Number(claimed.numUpdatedRows) === 0) return { ok: false as const, reason: "accepted" as const };
      await putMember(tx, invite.invited_by, { id: invite.program_id, org_id: invite.org_id }, user.id, invite.role);
      await tx.updateTable("users").set({ active_org_id: invite.org_id }).where("id", "=", user.id).execute();
      await recordAudit(tx, {
        orgId: invite.org_id,
        programId: invite.program_id,
        actorId: user.id,
        entityType: "invite",
        entityId: invite.id,
        action: "accept",
        after: { email: invite.email, role: invite.role },
      });
      return { ok: true as const, programId: invite.program_id };
    });
}
