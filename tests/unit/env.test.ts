import { describe, expect, it } from "vitest";
import { loadEnv } from "../../app/env.server";

describe("environment", () => {
  it("has working defaults for npm start", () => {
    const env = loadEnv({});
    expect(env.PORT).toBe(3000);
    expect(env.HOST).toBe("0.0.0.0");
    expect(env.DATABASE_URL).toBe("./data/cx.sqlite");
    expect(env.seedDemo).toBe(true);
    expect(env.cookieSecure).toBe(false);
  });

  it("requires SESSION_SECRET in production", () => {
    expect(() => loadEnv({ NODE_ENV: "production" })).toThrow(/SESSION_SECRET/);
  });

  it("never seeds the demo in production unless SEED_DEMO=1", () => {
    const secret = "a-production-secret-of-length";
    expect(loadEnv({ NODE_ENV: "production", SESSION_SECRET: secret }).seedDemo).toBe(false);
    expect(loadEnv({ NODE_ENV: "production", SESSION_SECRET: secret, SEED_DEMO: "1" }).seedDemo).toBe(true);
    expect(loadEnv({ SEED_DEMO: "0" }).seedDemo).toBe(false);
  });

  it("uses secure cookies in production", () => {
    expect(loadEnv({ NODE_ENV: "production", SESSION_SECRET: "a-production-secret-of-length" }).cookieSecure).toBe(true);
  });

  it("explains what is wrong", () => {
    expect(() => loadEnv({ PORT: "not-a-port" })).toThrow(/PORT/);
  });
});
