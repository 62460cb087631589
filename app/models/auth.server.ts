/** Sign-in with throttling, shared by the sign-in page and POST /api/v1/session. */
import { createSession } from "./session.server";
import { clearFailures, recordFailure, retryAfterSeconds, throttleKey } from "./throttle.server";
import { verifyLogin, type PublicUser } from "./user.server";

export type SignInResult =
  | { ok: true; user: PublicUser; token: string }
  | { ok: false; reason: "bad_credentials" }
  | { ok: false; reason: "throttled"; retryAfter: number };

export async function signIn(input: {
  email: string;
  password: string;
  ip: string | undefined;
  userAgent: string | null;
}): Promise<SignInResult> {
  const key = throttleKey(input.email, input.ip);
  const wait = await retryAfterSeconds(key);
  if (wait > 0) return { ok: false, reason: "throttled", retryAfter: wait };
  const user = await verifyLogin(input.email, input.password);
  if (!user) {
    const lockedFor = await recordFailure(key);
    return lockedFor > 0 ? { ok: false, reason: "throttled", retryAfter: lockedFor } : { ok: false, reason: "bad_credentials" };
  }
  await clearFailures(key);
  const token = await createSession(user.id, input.userAgent);
  return { ok: true, user, token };
}
