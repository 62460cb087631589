/** Lookups shared by one page request's loaders: once per GET inside a request scope, never across requests or for actions. */
import { describe, expect, it } from "vitest";
import { memoForRequest, runInRequestScope } from "../../app/utils/request-memo.server";

const get = () => new Request("http://localhost/programs/p1");
const post = () => new Request("http://localhost/settings/language", { method: "POST" });

function counter() {
  let n = 0;
  return { next: () => ++n, get calls() {
    return n;
  } };
}

describe("memoForRequest", () => {
  it("computes a key once for all the loaders of one GET request (each with its own Request copy)", async () => {
    const c = counter();
    const values = await runInRequestScope(async () => {
      const a = memoForRequest(get(), "user", c.next);
      await Promise.resolve();
      const b = memoForRequest(get(), "user", c.next);
      const other = memoForRequest(get(), "program", c.next);
      return [a, b, other];
    });
    expect(values).toEqual([1, 1, 2]);
    expect(c.calls).toBe(2);
  });

  it("shares nothing between two requests, even concurrent ones", async () => {
    const c = counter();
    const [first, second] = await Promise.all([
      runInRequestScope(async () => {
        await new Promise((r) => setTimeout(r, 5));
        return memoForRequest(get(), "user", c.next);
      }),
      runInRequestScope(async () => memoForRequest(get(), "user", c.next)),
    ]);
    expect(new Set([first, second]).size).toBe(2);
  });

  it("always computes for actions (they may change what they read) and outside any request", () => {
    const c = counter();
    runInRequestScope(() => {
      memoForRequest(post(), "user", c.next);
      memoForRequest(post(), "user", c.next);
    });
    memoForRequest(get(), "user", c.next);
    memoForRequest(get(), "user", c.next);
    expect(c.calls).toBe(4);
  });
});
