/** What the token settings page and the server share about personal access tokens (no server code). */
import type { ApiTokenScope } from "../../db/schema";

/** Every personal access token starts with this, so it is told apart from a session token at a glance. */
export const API_TOKEN_PREFIX = "cxp_";
export const API_TOKEN_SCOPES = ["read", "write"] as const satisfies readonly ApiTokenScope[];
/** The lifetimes offered (days); “never” is offered too. */
export const API_TOKEN_EXPIRY_DAYS = [7, 30, 90, 365] as const;
export const API_TOKEN_NAME_MAX = 80;

export interface ApiTokenView {
  id: string;
  name: string;
  /** The first characters of the token, e.g. `cxp_AbCd1234`. */
  prefix: string;
  scope: ApiTokenScope;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
  status: "active" | "expired" | "revoked";
}
