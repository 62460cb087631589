/**
 * Lookups shared by the loaders of one page request.
 *
 * A page runs the root, layout and leaf loaders, and each asks who is signed in and whether they
 * may see the program. Remix hands every loader its own copy of the Request, so a memo keyed on
 * the Request object misses; the HTTP server instead runs each request inside a scope
 * (server/app.ts, `runInRequestScope`), and lookups made in it are computed once.
 *
 * Only reads are shared, and only for GET and HEAD requests: an action may change what it read
 * (sign-in, language, membership), and the loaders that run after it in the same request must
 * see the change. Outside a scope (tests, jobs) nothing is memoised.
 *
 * The storage lives on globalThis because the Remix bundle and the server (run by tsx) each load
 * their own copy of this module.
 */
import { AsyncLocalStorage } from "node:async_hooks";

interface Scope {
  memo: Map<string, unknown>;
}

const g = globalThis as typeof globalThis & { __cxRequestScope?: AsyncLocalStorage<Scope> };
const storage = (g.__cxRequestScope ??= new AsyncLocalStorage<Scope>());

export function runInRequestScope<T>(fn: () => T): T {
  return storage.run({ memo: new Map() }, fn);
}

/** `compute()` once per key within the current GET/HEAD request; every call outside one (or for another method) computes. */
export function memoForRequest<T>(request: Request, key: string, compute: () => T): T {
  const scope = storage.getStore();
  if (!scope || (request.method !== "GET" && request.method !== "HEAD")) return compute();
  if (scope.memo.has(key)) return scope.memo.get(key) as T;
  const value = compute();
  scope.memo.set(key, value);
  return value;
}
