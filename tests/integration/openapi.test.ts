/**
 * The OpenAPI 3.1 document: valid in shape, every $ref resolves, and EVERY route file
 * app/routes/api.v1.* appears in `paths` with each HTTP method it serves — read from the routes
 * directory, so a new route without documentation fails here.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { openApiDocument } from "../../app/models/openapi.server";
import { loader } from "../../app/routes/api.v1.openapi[.]json";

const routesDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../app/routes");

type Method = "get" | "post" | "put" | "patch" | "delete";

/**
 * The methods each route's action handles ([] when it answers every method with 405), and whether
 * its loader only refuses (405). Checked against the source below, so the table cannot drift.
 */
const ACTIONS: Record<string, { action: Method[]; loaderRefuses?: true }> = {
  "api.v1.comments.$commentId.resolve.ts": { action: ["post"], loaderRefuses: true },
  "api.v1.comments.$commentId.ts": { action: ["patch"] },
  "api.v1.docs.$docName.versions.$versionId.restore.ts": { action: ["post"] },
  "api.v1.docs.$docName.versions.$versionId.ts": { action: [] },
  "api.v1.docs.$docName.versions.ts": { action: ["post"] },
  "api.v1.journey-maps.$mapId.links.ts": { action: ["post", "delete"] },
  "api.v1.journey-maps.$mapId.pain-points.$painPointId.review.ts": { action: ["post"], loaderRefuses: true },
  "api.v1.journey-maps.$mapId.pain-points.$painPointId.ts": { action: [] },
  "api.v1.journey-maps.$mapId.ts": { action: [] },
  "api.v1.initiatives.$initiativeId.office.ts": { action: ["patch"] },
  "api.v1.kpis.$kpiId.measurements.ts": { action: ["post"] },
  "api.v1.kpi-alerts.$alertId.acknowledge.ts": { action: ["post"], loaderRefuses: true },
  "api.v1.notifications.read.ts": { action: ["post"], loaderRefuses: true },
  "api.v1.notifications.ts": { action: [] },
  "api.v1.office.alerts.ts": { action: [] },
  "api.v1.office.kpi-board.ts": { action: [] },
  "api.v1.nominations.$nominationId.review.ts": { action: ["post"], loaderRefuses: true },
  "api.v1.nominations.$nominationId.reward.ts": { action: ["post"], loaderRefuses: true },
  "api.v1.office.portfolio.ts": { action: [] },
  "api.v1.office.report.ts": { action: [] },
  "api.v1.openapi[.]json.ts": { action: [] },
  "api.v1.orgs.$orgId.programs.import.ts": { action: ["post"], loaderRefuses: true },
  "api.v1.programs.$programId.export.ts": { action: [] },
  "api.v1.programs.$programId.feedback-imports.$importId.commit.ts": { action: ["post"] },
  "api.v1.programs.$programId.feedback-imports.$importId.errors.ts": { action: [] },
  "api.v1.programs.$programId.feedback-imports.$importId.ts": { action: ["post", "delete"] },
  "api.v1.programs.$programId.feedback-imports.ts": { action: ["post"] },
  "api.v1.programs.$programId.feedback.ts": { action: ["post"] },
  "api.v1.programs.$programId.initiatives.ts": { action: ["post"] },
  "api.v1.programs.$programId.journey-evidence.$evidenceId.ts": { action: ["delete"] },
  "api.v1.programs.$programId.comments.ts": { action: ["post"] },
  "api.v1.programs.$programId.journey-evidence.ts": { action: ["post"] },
  "api.v1.programs.$programId.ideas.$ideaId.photo.ts": { action: [] },
  "api.v1.programs.$programId.ideas.ts": { action: ["post"] },
  "api.v1.programs.$programId.leaderboard.ts": { action: [] },
  "api.v1.programs.$programId.kpis.ts": { action: ["post"] },
  "api.v1.programs.$programId.nominations.ts": { action: ["post"] },
  "api.v1.programs.$programId.pain-point-settings.ts": { action: ["put", "post"] },
  "api.v1.programs.$programId.guidelines.ts": { action: [] },
  "api.v1.programs.$programId.pain-points.ts": { action: [] },
  "api.v1.programs.$programId.trace.$kind.$id.ts": { action: [] },
  "api.v1.programs.$programId.recognition-types.ts": { action: [] },
  "api.v1.programs.$programId.vision.evidence.$evidenceId.ts": { action: [] },
  "api.v1.programs.$programId.vision.ts": { action: [] },
  "api.v1.programs.ts": { action: [] },
  "api.v1.session.ts": { action: ["post", "delete"], loaderRefuses: true },
};

/** Remix flat-route file name → URL path template: `.` → `/`, `[.]` → `.`, `$param` → `{param}`. */
export function routePath(file: string): string {
  const name = file.replace(/\.tsx?$/, "").replace(/\[\.\]/g, "\u0000");
  return `/${name
    .split(".")
    .map((seg) => (seg.startsWith("$") ? `{${seg.slice(1)}}` : seg))
    .join("/")
    .replace(/\u0000/g, ".")}`;
}

const routeFiles = fs
  .readdirSync(routesDir)
  .filter((f) => f.startsWith("api.v1.") && /\.tsx?$/.test(f) && f !== "api.v1.$.ts")
  .sort();

function sourceOf(file: string) {
  const src = fs.readFileSync(path.join(routesDir, file), "utf8");
  const exportsLoader = /export\s+(async\s+function|const|function)\s+loader\b/.test(src);
  const exportsAction = /export\s+(async\s+function|const|function)\s+action\b/.test(src);
  const checked = new Set([...src.matchAll(/request\.method\s*[!=]==\s*"([A-Z]+)"/g)].map((m) => m[1].toLowerCase() as Method));
  const loaderOnlyRefuses = /export\s+async\s+function\s+loader\([^)]*\)[^{]*\{\s*return\s+methodNotAllowed\(/.test(src);
  return { exportsLoader, exportsAction, checked, loaderOnlyRefuses };
}

const doc = openApiDocument() as {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<string, Record<string, { security: Record<string, string[]>[]; responses: Record<string, unknown>; requestBody?: unknown; parameters?: { name: string; in: string }[] }>>;
  components: { schemas: Record<string, Record<string, unknown>>; responses: Record<string, unknown>; securitySchemes: Record<string, Record<string, unknown>> };
};

describe("routePath", () => {
  it("maps Remix flat-route names to URL templates", () => {
    expect(routePath("api.v1.programs.$programId.kpis.ts")).toBe("/api/v1/programs/{programId}/kpis");
    expect(routePath("api.v1.openapi[.]json.ts")).toBe("/api/v1/openapi.json");
    expect(routePath("api.v1.journey-maps.$mapId.pain-points.$painPointId.review.ts")).toBe("/api/v1/journey-maps/{mapId}/pain-points/{painPointId}/review");
  });
});

describe("the OpenAPI document", () => {
  it("is OpenAPI 3.1 in shape: openapi, info, paths, components with schemas, error responses and security schemes", () => {
    expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
    expect(doc.info.title).toBeTruthy();
    expect(doc.info.version).toBeTruthy();
    expect(Object.keys(doc.paths).length).toBeGreaterThan(20);
    for (const p of Object.keys(doc.paths)) expect(p).toMatch(/^\/api\/v1\//);
    expect(doc.components.schemas.Error).toMatchObject({ type: "object", required: ["error"] });
    for (const status of [400, 401, 403, 404, 409, 413, 422, 429]) {
      expect(doc.components.responses[`Error${status}`]).toEqual({
        description: expect.any(String),
        content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
      });
    }
    expect(doc.components.securitySchemes).toMatchObject({
      sessionCookie: { type: "apiKey", in: "cookie", name: "cx_session" },
      sessionToken: { type: "http", scheme: "bearer" },
      accessToken: { type: "http", scheme: "bearer" },
    });
    // Nothing in it is JSON Schema draft leftovers that OpenAPI would misread.
    expect(JSON.stringify(doc)).not.toContain('"$schema"');
  });

  it("every $ref resolves inside the document", () => {
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"([^"]+)"/g)].map((m) => m[1]);
    expect(refs.length).toBeGreaterThan(30);
    for (const ref of new Set(refs)) {
      expect(ref.startsWith("#/")).toBe(true);
      const target = ref
        .slice(2)
        .split("/")
        .reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key.replace(/~1/g, "/").replace(/~0/g, "~")], doc);
      expect(target, ref).toBeTruthy();
    }
  });

  it("documents EVERY /api/v1 route file with each method it serves", () => {
    expect(routeFiles.length).toBeGreaterThanOrEqual(24);
    // The table above covers exactly the files there are (a new route must be added to both).
    expect(Object.keys(ACTIONS).sort()).toEqual(routeFiles);
    const documented = new Set<string>();
    for (const file of routeFiles) {
      const src = sourceOf(file);
      const declared = ACTIONS[file];
      // The declaration agrees with the source.
      expect(src.exportsAction || declared.action.length === 0, `${file} declares action methods but exports no action`).toBe(true);
      if (src.exportsAction) expect([...src.checked].sort(), file).toEqual([...declared.action].sort());
      expect(!!declared.loaderRefuses, `${file}: loader only answers 405`).toBe(src.loaderOnlyRefuses);

      const expected = new Set<Method>(declared.action);
      if (src.exportsLoader && !declared.loaderRefuses) expected.add("get");
      const p = routePath(file);
      documented.add(p);
      expect(doc.paths[p], `${p} (${file}) is missing from the OpenAPI document`).toBeDefined();
      const methods = Object.keys(doc.paths[p]).sort();
      expect(methods, p).toEqual([...expected].sort());
      const params = [...p.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      for (const m of methods) {
        const op = doc.paths[p][m];
        const pathParams = (op.parameters ?? []).filter((x) => x.in === "path").map((x) => x.name);
        expect(pathParams, `${m} ${p}`).toEqual(params);
      }
    }
    // …and documents nothing that is not served.
    expect(Object.keys(doc.paths).filter((p) => !documented.has(p))).toEqual([]);
  });

  it("secures every operation but sign-in and the document itself; writes need the write scope of an access token", () => {
    for (const [p, item] of Object.entries(doc.paths)) {
      for (const [m, op] of Object.entries(item)) {
        if (p === "/api/v1/session" || p === "/api/v1/openapi.json") {
          expect(op.security, `${m} ${p}`).toEqual([]);
          continue;
        }
        const token = op.security.find((s) => "accessToken" in s);
        expect(op.security.some((s) => "sessionCookie" in s) && op.security.some((s) => "sessionToken" in s), `${m} ${p}`).toBe(true);
        expect(token?.accessToken, `${m} ${p}`).toEqual(m === "get" ? [] : ["write"]);
        expect(op.responses["401"], `${m} ${p}`).toEqual({ $ref: "#/components/responses/Error401" });
        if (m !== "get") expect(op.responses["403"], `${m} ${p}`).toEqual({ $ref: "#/components/responses/Error403" });
      }
    }
  });

  it("request bodies come from the zod schemas the routes parse with (input side)", () => {
    const s = doc.components.schemas;
    const body = (p: string, m: string) => (doc.paths[p][m].requestBody as { content: Record<string, { schema: unknown }> }).content;
    expect(body("/api/v1/programs/{programId}/initiatives", "post")["application/json"].schema).toEqual({ $ref: "#/components/schemas/InitiativeInput" });
    // Fields with defaults or preprocessors are optional on input.
    expect(s.InitiativeInput.required).toEqual(["title", "lever", "ownerId"]);
    expect((s.InitiativeInput.properties as Record<string, unknown>).kind).toMatchObject({ enum: ["quick_win", "small_loop", "large_loop"], default: "quick_win" });
    expect(s.SignIn).toMatchObject({ required: ["email", "password"] });
    expect(s.MeasurementBatch).toMatchObject({
      required: ["measurements"],
      properties: { measurements: { type: "array", minItems: 1, maxItems: 10000, items: { $ref: "#/components/schemas/MeasurementInput" } } },
    });
    expect(s.MeasurementInput).toMatchObject({ required: ["date", "value"] });
    expect(body("/api/v1/kpis/{kpiId}/measurements", "post")["application/json"].schema).toEqual({
      oneOf: [{ $ref: "#/components/schemas/MeasurementInput" }, { $ref: "#/components/schemas/MeasurementBatch" }],
    });
    expect((s.KpiInput.properties as Record<string, { anyOf?: { enum?: string[] }[] }>).template.anyOf?.[0].enum).toContain("nps");
    expect(body("/api/v1/programs/{programId}/feedback", "post")["application/json"].schema).toEqual({ $ref: "#/components/schemas/FeedbackInput" });
    expect(JSON.stringify(s.FeedbackInput)).toContain('"items"');
    expect(body("/api/v1/programs/{programId}/feedback-imports", "post")["multipart/form-data"]).toBeDefined();
    expect(s.TriangulationMarginInput).toMatchObject({ required: ["margin"] });
  });

  it("is served by GET /api/v1/openapi.json as JSON without authentication", async () => {
    const res = await loader();
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/application\/json/);
    expect(await res.json()).toEqual(JSON.parse(JSON.stringify(doc)));
  });
});
