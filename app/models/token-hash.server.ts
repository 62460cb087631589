/** Secret tokens (sessions, invites) are stored only as their SHA-256, so a leaked table cannot be replayed. */
import { createHash } from "node:crypto";

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}
