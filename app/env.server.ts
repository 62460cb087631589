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
  /** Per-connection cap on incoming collaboration messages (a token bucket: rate per second, burst 2×). */
  COLLAB_MAX_MESSAGES_PER_SEC: z.coerce.number().int().positive().default(200),
  /** A connection whose unsent output exceeds this is closed so it resyncs (slow consumer). */
  COLLAB_MAX_BUFFERED_BYTES: z.coerce.number().int().positive().default(16 * 1024 * 1024),
  /** A live document with no connection is flushed, compacted and unloaded after this long. */
  COLLAB_IDLE_UNLOAD_MS: z.coerce.number().int().min(0).default(30_000),
  /** Compact a document's update log into its snapshot past this many updates or bytes. */
  COLLAB_COMPACT_UPDATES: z.coerce.number().int().positive().default(2000),
  COLLAB_COMPACT_BYTES: z.coerce.number().int().positive().default(4 * 1024 * 1024),
  /** How often open connections' access is checked again (removed or downgraded members). */
  COLLAB_ACCESS_RECHECK_MS: z.coerce.number().int().positive().default(2000),
  /** Debounce of document projections (read-model rows), at most 1 s after the last change. */
  COLLAB_PROJECTION_DEBOUNCE_MS: z.coerce.number().int().min(0).max(1000).default(500),
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
