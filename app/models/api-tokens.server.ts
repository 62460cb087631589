/**
 * Personal access tokens for the REST API: a BI tool or a survey platform sends
 * `Authorization: Bearer cxp_…` instead of signing in. The raw token is shown exactly once, when
 * it is created; only its SHA-256 is stored (with a short prefix to recognise it in the list).
 * A token acts as the user who created it, limited by its scope: `read` answers GET and HEAD only,
 * `write` may also change data. Revoked or expired tokens stop working at once.
 * Creating and revoking are audited in every organisation the user belongs to (a token reaches
 * all of them), with no program (tokens are per user).
 */
import { randomBytes } from "node:crypto";
import type { Kysely } from "kysely";
import { z } from "zod";
import type { ApiTokenScope, Database } from "../../db/schema";
import { db, newId, nowIso } from "../db.server";
import { recordAudit } from "./audit.server";
import { DomainError, parseInput } from "./domain.server";
import { hashToken } from "./token-hash.server";
import { findUserById, type PublicUser } from "./user.server";
import { API_TOKEN_NAME_MAX, API_TOKEN_PREFIX, API_TOKEN_SCOPES, type ApiTokenView } from "./api-tokens";

export { API_TOKEN_EXPIRY_DAYS, API_TOKEN_NAME_MAX, API_TOKEN_PREFIX, API_TOKEN_SCOPES, type ApiTokenView } from "./api-tokens";

/** Characters of the raw token kept (in clear) to recognise it in the list: `cxp_` + 8. */
const DISPLAY_PREFIX_CHARS = API_TOKEN_PREFIX.length + 8;
/** Active (not revoked, not expired) tokens one person may hold. */
export const MAX_ACTIVE_TOKENS = 50;
/** last_used_at is written at most this often per token, so a busy integration does not write on every call. */
const LAST_USED_EVERY_MS = 60_000;

export const ApiTokenInputSchema = z.object({
  name: z
    .string({ error: "validation.required" })
    .trim()
    .min(1, "validation.required")
    .max(API_TOKEN_NAME_MAX, "validation.tooLong"),
  scope: z.enum(API_TOKEN_SCOPES, { error: "tokens.errors.scope" }),
  /** Days until the token expires (1–3650); absent, empty or null: it never expires. */
  expiresInDays: z.preprocess(
    (v) => (v === "" || v === "never" || v === undefined ? null : v),
    z.coerce.number({ error: "tokens.errors.expiry" }).int("tokens.errors.expiry").min(1, "tokens.errors.expiry").max(3650, "tokens.errors.expiry").nullable(),
  ),
});
export type ApiTokenInput = z.input<typeof ApiTokenInputSchema>;

type TokenRow = Database["api_tokens"];

function view(row: Omit<TokenRow, "token_hash" | "user_id">, now = nowIso()): ApiTokenView {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    scope: row.scope,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    expiresAt: row.expires_at,
    revokedAt: row.revoked_at,
    status: row.revoked_at ? "revoked" : row.expires_at && row.expires_at <= now ? "expired" : "active",
  };
}

export function isPersonalAccessToken(raw: string): boolean {
  return raw.startsWith(API_TOKEN_PREFIX);
}

/** Records a token event in the audit log of every organisation the user belongs to. */
async function auditToken(tx: Kysely<Database>, userId: string, tokenId: string, action: string, summary: { before?: unknown; after?: unknown }) {
  const orgs = await tx.selectFrom("org_members").select("org_id").where("user_id", "=", userId).execute();
  for (const { org_id } of orgs) {
    await recordAudit(tx, { orgId: org_id, programId: null, actorId: userId, entityType: "api_token", entityId: tokenId, action, ...summary });
  }
}

/**
 * Creates a token for the user. Returns the raw token — the only time it exists outside the
 * caller's hands — and its list entry. 422 on bad input, 409 past MAX_ACTIVE_TOKENS.
 */
export async function createApiToken(userId: string, input: unknown): Promise<{ token: string; apiToken: ApiTokenView }> {
  const data = parseInput(ApiTokenInputSchema, input);
  const token = `${API_TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;
  const now = new Date();
  const row: TokenRow = {
    id: newId(),
    user_id: userId,
    name: data.name,
    token_hash: hashToken(token),
    prefix: token.slice(0, DISPLAY_PREFIX_CHARS),
    scope: data.scope,
    created_at: now.toISOString(),
    last_used_at: null,
    expires_at: data.expiresInDays === null ? null : new Date(now.getTime() + data.expiresInDays * 24 * 3600 * 1000).toISOString(),
    revoked_at: null,
  };
  await db()
    .transaction()
    .execute(async (tx) => {
      const active = await tx
        .selectFrom("api_tokens")
        .select((eb) => eb.fn.countAll<number | string>().as("n"))
        .where("user_id", "=", userId)
        .where("revoked_at", "is", null)
        .where((eb) => eb.or([eb("expires_at", "is", null), eb("expires_at", ">", row.created_at)]))
        .executeTakeFirstOrThrow();
      if (Number(active.n) >= MAX_ACTIVE_TOKENS) throw new DomainError(409, "tokens.errors.tooMany", undefined, { max: MAX_ACTIVE_TOKENS });
      await tx.insertInto("api_tokens").values(row).execute();
      await auditToken(tx, userId, row.id, "create", { after: { name: row.name, prefix: row.prefix, scope: row.scope, expiresAt: row.expires_at } });
    });
  return { token, apiToken: view(row) };
}

/** The user's tokens, newest first (revoked and expired ones too, marked so). */
export async function listApiTokens(userId: string): Promise<ApiTokenView[]> {
  const rows = await db()
    .selectFrom("api_tokens")
    .select(["id", "name", "prefix", "scope", "created_at", "last_used_at", "expires_at", "revoked_at"])
    .where("user_id", "=", userId)
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .execute();
  const now = nowIso();
  return rows.map((r) => view(r, now));
}

/** Revokes one of the user's own tokens (404 for anyone else's); revoking twice changes nothing. */
export async function revokeApiToken(userId: string, tokenId: unknown): Promise<ApiTokenView> {
  if (typeof tokenId !== "string" || tokenId.length === 0 || tokenId.length > 100) throw new DomainError(404, "tokens.errors.notFound");
  return db()
    .transaction()
    .execute(async (tx) => {
      const row = await tx
        .selectFrom("api_tokens")
        .select(["id", "name", "prefix", "scope", "created_at", "last_used_at", "expires_at", "revoked_at"])
        .where("id", "=", tokenId)
        .where("user_id", "=", userId)
        .executeTakeFirst();
      if (!row) throw new DomainError(404, "tokens.errors.notFound");
      if (row.revoked_at) return view(row);
      const revokedAt = nowIso();
      await tx.updateTable("api_tokens").set({ revoked_at: revokedAt }).where("id", "=", row.id).execute();
      await auditToken(tx, userId, row.id, "revoke", { before: { name: row.name, prefix: row.prefix, scope: row.scope } });
      return view({ ...row, revoked_at: revokedAt });
    });
}

export interface ResolvedApiToken {
  user: PublicUser;
  tokenId: string;
  scope: ApiTokenScope;
}

/**
 * The user and scope behind a raw personal access token, or null when it is unknown, revoked or
 * expired. Notes the use (last_used_at) at most once a minute.
 */
export async function resolveApiToken(raw: string | null | undefined): Promise<ResolvedApiToken | null> {
  if (!raw || !isPersonalAccessToken(raw) || raw.length > 200) return null;
  const row = await db()
    .selectFrom("api_tokens")
    .select(["id", "user_id", "scope", "expires_at", "revoked_at", "last_used_at"])
    .where("token_hash", "=", hashToken(raw))
    .executeTakeFirst();
  if (!row || row.revoked_at) return null;
  const now = new Date();
  const nowText = now.toISOString();
  if (row.expires_at && row.expires_at <= nowText) return null;
  const user = await findUserById(row.user_id);
  if (!user) return null;
  if (!row.last_used_at || now.getTime() - Date.parse(row.last_used_at) >= LAST_USED_EVERY_MS) {
    // Conditional, so concurrent requests of one integration write it once.
    const staleBefore = new Date(now.getTime() - LAST_USED_EVERY_MS).toISOString();
    await db()
      .updateTable("api_tokens")
      .set({ last_used_at: nowText })
      .where("id", "=", row.id)
      .where((eb) => eb.or([eb("last_used_at", "is", null), eb("last_used_at", "<=", staleBefore)]))
      .execute();
  }
  return { user, tokenId: row.id, scope: row.scope };
}
