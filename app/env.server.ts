/** Environment, parsed once with zod. The server refuses to start on bad configuration. */
import { z } from "zod";

const boolFlag = z
  .enum(["0", "1", "true", "false"])
  .optional()
  .transform((v) => (v === undefined ? undefined : v === "1" || v === "true"));

const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default("0.0.0.0"),
  DATABASE_URL: z.string().min(1).default("./data/cx.sqlite"),
  DATA_DIR: z.string().min(1).default("./data"),
  REDIS_URL: z.string().url().optional(),
  SESSION_SECRET: z.string().min(16, "SESSION_SECRET must be at least 16 characters").optional(),
  SEED_DEMO: boolFlag,
  /** Extra origins (comma separated) allowed to open the collaboration socket. */
  COLLAB_ALLOWED_ORIGINS: z.string().optional(),
  COLLAB_MAX_FRAME_BYTES: z.coerce.number().int().positive().default(8 * 1024 * 1024),
  /** Secure cookies; defaults to on in production. Set 0 behind plain HTTP on a trusted network. */
  COOKIE_SECURE: boolFlag,
});

export type Env = z.infer<typeof EnvSchema> & { SESSION_SECRET: string; seedDemo: boolean; cookieSecure: boolean };

const DEV_SECRET = "cx-workspace-development-secret-not-for-production";

export function loadEnv(source: Record<string, string | undefined> = process.env): Env {
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  const production = e.NODE_ENV === "production";
  if (production && !e.SESSION_SECRET) {
    throw new Error("Invalid environment:\n  SESSION_SECRET: required when NODE_ENV=production");
  }
  return {
    ...e,
    SESSION_SECRET: e.SESSION_SECRET ?? DEV_SECRET,
    seedDemo: e.SEED_DEMO ?? !production,
    cookieSecure: e.COOKIE_SECURE ?? production,
  };
}

let cached: Env | undefined;
/** The process environment, parsed on first use. */
export function env(): Env {
  return (cached ??= loadEnv());
}
