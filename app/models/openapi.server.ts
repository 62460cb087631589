/**
 * The OpenAPI 3.1 document of the REST API, served at GET /api/v1/openapi.json.
 * Request bodies are generated from the same zod schemas the routes and models parse with
 * (z.toJSONSchema, input side), so the document cannot drift from what is accepted; responses
 * describe their top-level fields. Every file `app/routes/api.v1.*` has its paths here —
 * tests/integration/openapi.test.ts reads the routes directory and fails on any route left out.
 */
import { z } from "zod";
import { BodySchema as CommitImportSchema } from "../routes/api.v1.programs.$programId.feedback-imports.$importId.commit";
import { CreateVersionSchema } from "../routes/api.v1.docs.$docName.versions";
import { SignInSchema } from "../routes/api.v1.session";
import { MappingSchema } from "./feedback-import.server";
import { FeedbackInputSchema } from "./feedback-inbox.server";
import { InitiativeInputSchema, INITIATIVE_KINDS } from "./initiative";
import { LinkInputSchema, LinkSchema } from "./journey-evidence.server";
import { KPI_TEMPLATE_KEYS, KpiInputSchema, MEASUREMENT_BATCH_MAX, MeasurementBatchSchema, MeasurementInputSchema } from "./kpi";
import { MarginInputSchema, ReviewInputSchema } from "./pain-points.server";

type JsonSchema = Record<string, unknown>;
type Method = "get" | "post" | "put" | "delete";
/** public: no authentication; read: any signed-in caller or token; write: a token needs the write scope. */
type Access = "public" | "read" | "write";

interface QueryParam {
  name: string;
  description: string;
  schema: JsonSchema;
}

interface Operation {
  summary: string;
  description?: string;
  tag: string;
  access: Access;
  query?: QueryParam[];
  /** A component schema name (JSON), or a multipart body. */
  body?: { schema: string; description?: string } | { multipart: JsonSchema; description?: string } | { oneOf: string[]; description?: string };
  /** The success answer. */
  ok: { status: number; description: string; schema?: JsonSchema; contentType?: string };
  /** Error statuses this operation may answer with (401 is added for every non-public one). */
  errors: number[];
}

interface RouteDoc {
  path: string;
  operations: Partial<Record<Method, Operation>>;
}

// ---------------------------------------------------------------------------------------------
// Request schemas, from zod

const REQUEST_SCHEMAS: Record<string, z.ZodType> = {
  SignIn: SignInSchema,
  CreateVersion: CreateVersionSchema,
  EvidenceLinkInput: LinkInputSchema,
  PainPointReviewInput: ReviewInputSchema,
  FeedbackImportMapping: MappingSchema,
  FeedbackImportCommit: CommitImportSchema,
  FeedbackInput: FeedbackInputSchema,
  InitiativeInput: InitiativeInputSchema,
  JourneyEvidenceLinkInput: LinkSchema,
  TriangulationMarginInput: MarginInputSchema,
  KpiInput: KpiInputSchema,
  MeasurementInput: MeasurementInputSchema,
  MeasurementBatch: MeasurementBatchSchema,
};

/** zod object fields that accept `undefined` (defaults, optional, preprocessors) are not required on input. */
function fixRequired(ctx: { zodSchema: unknown; jsonSchema: JsonSchema }) {
  const def = (ctx.zodSchema as { _zod?: { def?: { type?: string; shape?: Record<string, z.ZodType> } } })._zod?.def;
  const required = ctx.jsonSchema.required;
  if (def?.type !== "object" || !def.shape || !Array.isArray(required)) return;
  const shape = def.shape;
  const acceptsUndefined = (key: string) => {
    try {
      return shape[key]?.safeParse(undefined).success ?? false;
    } catch {
      return false;
    }
  };
  const still = (required as string[]).filter((k) => !acceptsUndefined(k));
  if (still.length) ctx.jsonSchema.required = still;
  else delete ctx.jsonSchema.required;
}

function requestSchemas(): Record<string, JsonSchema> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(REQUEST_SCHEMAS)) registry.add(schema, { id });
  const { schemas } = z.toJSONSchema(registry, {
    io: "input",
    target: "draft-2020-12",
    unrepresentable: "any",
    uri: (id) => `#/components/schemas/${id}`,
    override: fixRequired,
  }) as { schemas: Record<string, JsonSchema> };
  const out: Record<string, JsonSchema> = {};
  for (const [id, s] of Object.entries(schemas)) {
    const { $schema: _s, $id: _i, ...rest } = s;
    out[id] = rest;
  }
  // A template fills kind, unit, direction, cadence and the name when they are left out.
  out.KpiInput = {
    ...out.KpiInput,
    required: [],
    description: `name, kind, unit and direction are required unless \`template\` (${KPI_TEMPLATE_KEYS.join(", ")}) is given, which fills what is left out (the name in the caller's language).`,
  };
  out.MeasurementInput = {
    ...out.MeasurementInput,
    description:
      "One dated value. `date` is a calendar day (YYYY-MM-DD) at most one day ahead of today (UTC); `value` a number (a numeric string is accepted). A day that already has a value is REPLACED by the later write.",
  };
  out.MeasurementBatch = {
    ...out.MeasurementBatch,
    description: `1…${MEASUREMENT_BATCH_MAX.toLocaleString("en")} measurements written in ONE transaction, or refused whole (422 naming the bad rows, e.g. \`measurements.12.value\`). Within a batch the later row of the same day wins.`,
  };
  return out;
}

// ---------------------------------------------------------------------------------------------
// Response shapes (top-level fields)

const str: JsonSchema = { type: "string" };
const strOrNull: JsonSchema = { type: ["string", "null"] };
const int: JsonSchema = { type: "integer" };
const num: JsonSchema = { type: "number" };
const numOrNull: JsonSchema = { type: ["number", "null"] };
const bool: JsonSchema = { type: "boolean" };
const anyObj: JsonSchema = { type: "object" };
const ref = (name: string): JsonSchema => ({ $ref: `#/components/schemas/${name}` });
const arr = (items: JsonSchema): JsonSchema => ({ type: "array", items });
const obj = (properties: Record<string, JsonSchema>, required: string[] = Object.keys(properties)): JsonSchema => ({
  type: "object",
  properties,
  ...(required.length ? { required } : {}),
});
const enumOf = (values: readonly string[]): JsonSchema => ({ type: "string", enum: [...values] });
const day: JsonSchema = { type: "string", format: "date" };
const time: JsonSchema = { type: "string", format: "date-time" };
const person = obj({ id: str, name: str });

const RESPONSE_SCHEMAS: Record<string, JsonSchema> = {
  Error: {
    type: "object",
    description: "Every error, in the caller's language (the user's stored choice, the cx_lang cookie, then Accept-Language).",
    properties: {
      error: obj(
        {
          code: { type: "string", description: "Stable machine-readable code, e.g. unauthorized, invalid_token, insufficient_scope, invalid_input." },
          message: { type: "string", description: "Human-readable, translated." },
          fields: { type: "object", additionalProperties: { type: "string" }, description: "422: a message per invalid field (dotted path)." },
        },
        ["code", "message"],
      ),
    },
    required: ["error"],
  },
  User: obj({ id: str, email: str, name: str, locale: strOrNull }),
  Program: obj(
    {
      id: str,
      orgId: str,
      name: str,
      nameEn: strOrNull,
      description: str,
      descriptionEn: strOrNull,
      createdAt: time,
      role: { type: ["string", "null"], description: "The caller's role in the program (null when seen as CX office)." },
      cxOffice: { type: "boolean", description: "True when the caller sees the program as the central CX office." },
      visionBoard: anyObj,
      journeyMaps: arr(anyObj),
    },
    ["id", "orgId", "name", "role"],
  ),
  DocVersion: obj({ id: str, name: str, createdAt: time, createdBy: anyObj }, ["id", "name", "createdAt"]),
  Initiative: obj(
    {
      id: str,
      programId: str,
      kind: enumOf(INITIATIVE_KINDS),
      title: str,
      description: str,
      lever: str,
      leverCustom: strOrNull,
      owner: { anyOf: [person, { type: "null" }] },
      expectedResult: str,
      startDate: { type: ["string", "null"], format: "date" },
      dueDate: { type: ["string", "null"], format: "date" },
      teamSize: { type: ["integer", "null"] },
      status: str,
      statusChangedAt: time,
      resultNotes: str,
      createdAt: time,
      updatedAt: time,
      painPoints: arr(obj({ mapId: str, mapName: str, painPointId: str, title: str, mapUrl: str, mapApi: str }, ["mapId", "painPointId"])),
      warnings: arr(anyObj),
      next: arr(str),
      url: str,
    },
    ["id", "programId", "kind", "title", "status"],
  ),
  Kpi: obj(
    {
      id: str,
      programId: str,
      name: str,
      kind: enumOf(["process", "outcome"]),
      template: strOrNull,
      description: str,
      unit: str,
      direction: enumOf(["up", "down"]),
      baseline: numOrNull,
      target: numOrNull,
      alertThreshold: numOrNull,
      owner: { anyOf: [person, { type: "null" }] },
      cadence: str,
      journeyMap: { anyOf: [person, { type: "null" }] },
      touchpoint: { anyOf: [obj({ id: str, text: str }), { type: "null" }] },
      initiatives: arr(obj({ id: str, title: str, kind: str, status: str })),
      latest: { anyOf: [obj({ date: day, value: num }), { type: "null" }] },
      previous: { anyOf: [obj({ date: day, value: num }), { type: "null" }] },
      trend: enumOf(["improving", "worsening", "flat", "none"]),
      status: enumOf(["no_data", "no_target", "on_target", "off_target", "alert"]),
      alertSince: { type: ["string", "null"], format: "date" },
      measurementCount: int,
      sparkline: arr(obj({ date: day, value: num })),
      createdAt: time,
      updatedAt: time,
      archivedAt: { type: ["string", "null"], format: "date-time" },
      url: str,
      measurementsApi: str,
    },
    ["id", "programId", "name", "kind", "unit", "direction", "status"],
  ),
  Measurement: obj({ id: str, date: day, value: num, note: str, source: enumOf(["manual", "csv", "api"]), createdBy: strOrNull, updatedAt: time }),
  FeedbackRecord: obj(
    {
      id: str,
      occurredOn: day,
      channel: strOrNull,
      segment: strOrNull,
      contactReason: strOrNull,
      score: numOrNull,
      scoreMin: numOrNull,
      scoreMax: numOrNull,
      text: strOrNull,
      customerId: strOrNull,
      importId: strOrNull,
      source: str,
    },
    ["id", "occurredOn", "source"],
  ),
  FeedbackImport: {
    type: "object",
    description: "A staged, validated, committed or cancelled CSV import with its header, sample rows, mapping, scale and row counts.",
    properties: {
      id: str,
      filename: str,
      encoding: str,
      status: enumOf(["staged", "committed", "cancelled"]),
      header: arr(str),
      mapping: { anyOf: [{ type: "object", additionalProperties: int }, { type: "null" }] },
      scoreScale: strOrNull,
      totalRows: int,
      validRows: int,
      errorRows: int,
      importedRows: int,
      createdBy: strOrNull,
      createdByName: strOrNull,
      createdAt: time,
      finishedAt: strOrNull,
      sample: { ...arr(arr(str)), description: "Detail only: the first rows." },
      suggestedMapping: { type: "object", description: "Detail only." },
      suggestedScale: { type: "string", description: "Detail only." },
      errors: { anyOf: [arr(anyObj), { type: "null" }], description: "Detail only: row errors once validated." },
      errorsTruncated: bool,
      validated: bool,
    },
    required: ["id", "filename", "status", "totalRows"],
  },
  JourneyEvidence: obj(
    { id: str, kind: enumOf(["file", "link"]), title: str, url: strOrNull, filename: strOrNull, mime: strOrNull, sizeBytes: { type: ["integer", "null"] }, uploadedBy: strOrNull, uploadedByName: strOrNull, createdAt: time, linkCount: int },
    ["id", "kind", "title", "createdAt"],
  ),
  EvidenceLink: obj(
    {
      id: str,
      mapId: str,
      targetType: enumOf(["touchpoint", "pain_point", "question"]),
      targetId: str,
      evidenceType: enumOf(["feedback", "file", "link"]),
      evidenceId: str,
      createdBy: strOrNull,
      createdAt: time,
      feedback: ref("FeedbackRecord"),
      evidence: ref("JourneyEvidence"),
    },
    ["id", "mapId", "targetType", "targetId", "evidenceType", "evidenceId", "createdAt"],
  ),
  Triangulation: {
    type: "object",
    description: "A pain point's top-down and bottom-up scores, evidence counts, the margin, the flag and the last review.",
    properties: { painPointId: str, mapId: str, title: str, topDownScore: num, margin: num, programFeedbackTotal: int, disagrees: bool, flagged: bool },
    required: ["painPointId", "mapId", "title", "topDownScore", "margin", "flagged"],
  },
  TriangulationSettings: obj({ margin: num, isDefault: bool, updatedAt: strOrNull, updatedBy: { anyOf: [person, { type: "null" }] } }),
};

const ok = (description: string, properties: Record<string, JsonSchema>, status = 200) => ({ status, description, schema: obj(properties) });

const pathParam: Record<string, string> = {
  programId: "A program's id. A program the caller cannot see answers 404, exactly like one that does not exist.",
  mapId: "A journey map's id.",
  painPointId: "A pain point's id (from the live map document).",
  docName: "A live document's name, e.g. `journey:<mapId>` or `vision:<boardId>`.",
  versionId: "A named version's id.",
  importId: "A feedback import's id.",
  evidenceId: "An evidence file's or link's id.",
  kpiId: "A KPI's id.",
};

const q = (name: string, description: string, schema: JsonSchema = str): QueryParam => ({ name, description, schema });

// ---------------------------------------------------------------------------------------------
// Every /api/v1 route

export const API_ROUTES: RouteDoc[] = [
  {
    path: "/api/v1/openapi.json",
    operations: {
      get: { tag: "meta", access: "public", summary: "This OpenAPI 3.1 document", ok: { status: 200, description: "The document.", schema: anyObj }, errors: [] },
    },
  },
  {
    path: "/api/v1/session",
    operations: {
      post: {
        tag: "session",
        access: "public",
        summary: "Sign in",
        description: "Answers the user and a session token (send it as `Authorization: Bearer <token>`) and sets the session cookie. Repeated failures are throttled (429 with Retry-After).",
        body: { schema: "SignIn" },
        ok: ok("Signed in.", { user: ref("User"), token: str }),
        errors: [400, 401, 413, 422, 429],
      },
      delete: { tag: "session", access: "public", summary: "Sign out", description: "Ends the session of the cookie or session token sent, if any.", ok: ok("Signed out.", { ok: bool }), errors: [] },
    },
  },
  {
    path: "/api/v1/programs",
    operations: {
      get: { tag: "programs", access: "read", summary: "Programs the caller can see", description: "With the caller's role, the vision board and the journey maps (each with the `docName` for the collaboration socket).", ok: ok("The programs.", { programs: arr(ref("Program")) }), errors: [] },
    },
  },
  {
    path: "/api/v1/programs/{programId}/vision",
    operations: {
      get: { tag: "vision", access: "read", summary: "The program's vision", ok: ok("Published vision, draft, versions and boards.", { published: { anyOf: [anyObj, { type: "null" }] }, draft: { anyOf: [anyObj, { type: "null" }] }, versions: arr(anyObj), boards: arr(anyObj) }), errors: [404] },
    },
  },
  {
    path: "/api/v1/programs/{programId}/vision/evidence/{evidenceId}",
    operations: {
      get: {
        tag: "vision",
        access: "read",
        summary: "Download a vision evidence file",
        query: [q("download", "`1` to answer as an attachment even for an inline type.", enumOf(["1"]))],
        ok: { status: 200, description: "The stored file with its own MIME type.", contentType: "application/octet-stream" },
        errors: [404],
      },
    },
  },
  {
    path: "/api/v1/docs/{docName}/versions",
    operations: {
      get: { tag: "documents", access: "read", summary: "Named versions of a live document", ok: ok("The versions, newest first.", { versions: arr(ref("DocVersion")) }), errors: [403, 404] },
      post: { tag: "documents", access: "write", summary: "Save a named version", body: { schema: "CreateVersion" }, ok: ok("The version.", { version: ref("DocVersion") }, 201), errors: [400, 403, 404, 413, 422] },
    },
  },
  {
    path: "/api/v1/docs/{docName}/versions/{versionId}",
    operations: {
      get: { tag: "documents", access: "read", summary: "A version's content", description: "`state` is a base64 Yjs update to load into an empty document.", ok: ok("The version and its state.", { version: ref("DocVersion"), state: { type: "string", contentEncoding: "base64" } }), errors: [403, 404] },
    },
  },
  {
    path: "/api/v1/docs/{docName}/versions/{versionId}/restore",
    operations: {
      post: { tag: "documents", access: "write", summary: "Restore a version", description: "Applied to the live document as a new change, broadcast to everyone editing; audited.", ok: ok("Restored.", { ok: bool }), errors: [403, 404] },
    },
  },
  {
    path: "/api/v1/journey-maps/{mapId}",
    operations: {
      get: {
        tag: "journeys",
        access: "read",
        summary: "A journey map from the read model",
        ok: ok("The map's content (≤1 s behind the live document).", {
          map: anyObj,
          stages: arr(anyObj),
          cards: arr(anyObj),
          touchpoints: arr(anyObj),
          personas: arr(anyObj),
          emotions: arr(anyObj),
          painPoints: arr(anyObj),
          questions: anyObj,
          triangulationMargin: num,
        }),
        errors: [404],
      },
    },
  },
  {
    path: "/api/v1/journey-maps/{mapId}/links",
    operations: {
      get: {
        tag: "journeys",
        access: "read",
        summary: "Evidence linked to the map's targets",
        query: [q("targetType", "Only links to this kind of target.", enumOf(["touchpoint", "pain_point", "question"])), q("targetId", "Only links to this target.")],
        ok: ok("The links, each with the record, file or link it points to.", { links: arr(ref("EvidenceLink")) }),
        errors: [404, 422],
      },
      post: { tag: "journeys", access: "write", summary: "Link evidence to a target", body: { schema: "EvidenceLinkInput" }, ok: ok("The links created.", { created: int, links: arr(ref("EvidenceLink")) }, 201), errors: [400, 403, 404, 409, 413, 422] },
      delete: { tag: "journeys", access: "write", summary: "Remove a link", query: [q("linkId", "The link to remove.")], ok: { status: 204, description: "Removed." }, errors: [403, 404] },
    },
  },
  {
    path: "/api/v1/journey-maps/{mapId}/pain-points/{painPointId}",
    operations: {
      get: { tag: "pain points", access: "read", summary: "A pain point's triangulation", ok: ok("Scores, evidence, flag and review.", { triangulation: ref("Triangulation"), canReview: bool }), errors: [404] },
    },
  },
  {
    path: "/api/v1/journey-maps/{mapId}/pain-points/{painPointId}/review",
    operations: {
      post: {
        tag: "pain points",
        access: "write",
        summary: "Review a flagged pain point (leadership)",
        description: "409 when it is not flagged (any more) or the scores changed from the ones given. Audited.",
        body: { schema: "PainPointReviewInput" },
        ok: ok("The triangulation after the review.", { triangulation: ref("Triangulation") }, 201),
        errors: [400, 403, 404, 409, 413, 422],
      },
    },
  },
  {
    path: "/api/v1/programs/{programId}/pain-points",
    operations: {
      get: {
        tag: "pain points",
        access: "read",
        summary: "Ranked pain points across the program's maps",
        query: [
          q("sort", "Order of the list.", enumOf(["priority", "severity", "created"])),
          q("mode", "Prioritisation matrix for the priority score and rank.", enumOf(["impact_effort", "severity_reach"])),
          q("limit", "At most this many.", { type: "integer", minimum: 1 }),
        ],
        ok: ok("The pain points.", { painPoints: arr(anyObj), sort: str, mode: str, triangulationMargin: num }),
        errors: [400, 404],
      },
    },
  },
  {
    path: "/api/v1/programs/{programId}/pain-point-settings",
    operations: {
      get: { tag: "pain points", access: "read", summary: "The triangulation margin", ok: ok("The settings.", { settings: ref("TriangulationSettings") }), errors: [404] },
      put: { tag: "pain points", access: "write", summary: "Set the triangulation margin (leadership, owner)", description: "0.5–4, one decimal; audited. POST is accepted too.", body: { schema: "TriangulationMarginInput" }, ok: ok("The settings.", { settings: ref("TriangulationSettings") }), errors: [400, 403, 404, 413, 422] },
      post: { tag: "pain points", access: "write", summary: "Set the triangulation margin (same as PUT)", body: { schema: "TriangulationMarginInput" }, ok: ok("The settings.", { settings: ref("TriangulationSettings") }), errors: [400, 403, 404, 413, 422] },
    },
  },
  {
    path: "/api/v1/programs/{programId}/feedback",
    operations: {
      get: {
        tag: "feedback",
        access: "read",
        summary: "Feedback records (search and chart drill-down)",
        query: [
          q("from", "First day (YYYY-MM-DD).", day),
          q("to", "Last day (YYYY-MM-DD).", day),
          q("segment", "Customer segment."),
          q("channel", "Channel."),
          q("reason", "Contact reason."),
          q("q", "Text search in text, reason, segment and customer id."),
          q("import", "Only records of this import."),
          q("hop", "Both contacts of every `from>to` hop within `days`, e.g. `web>phone`."),
          q("repeat", "Contacts of a channel (or `*`) followed by a repeat within `days`."),
          q("days", "Window for hop and repeat.", int),
          q("page", "Page number, from 1.", int),
          q("pageSize", "Records per page.", int),
        ],
        ok: ok("One page of records.", { items: arr(ref("FeedbackRecord")), total: int, page: int, pageSize: int }),
        errors: [404],
      },
      post: {
        tag: "feedback",
        access: "write",
        summary: "Submit customer or frontline feedback",
        description:
          "One item, or `{items:[…]}` with at most 1,000 items stored all together or not at all. From a survey platform, a contact centre or a script; lands in the program's feedback inbox as new (untriaged). Needs feedback.submit (everyone but viewers).",
        body: { schema: "FeedbackInput" },
        ok: ok("What was stored.", { created: int, ids: arr(str) }, 201),
        errors: [400, 403, 404, 413, 422],
      },
    },
  },
  {
    path: "/api/v1/programs/{programId}/feedback-imports",
    operations: {
      get: { tag: "feedback", access: "read", summary: "CSV imports, newest first", ok: ok("The imports.", { imports: arr(ref("FeedbackImport")) }), errors: [404] },
      post: {
        tag: "feedback",
        access: "write",
        summary: "Stage a CSV import",
        description: "UTF-8 or GBK; answers the detected header, sample rows, a suggested mapping and score scale. Needs journey.edit.",
        body: { multipart: obj({ file: { type: "string", contentMediaType: "text/csv" } }) },
        ok: ok("The staged import.", { import: ref("FeedbackImport") }, 201),
        errors: [403, 404, 413, 415, 422],
      },
    },
  },
  {
    path: "/api/v1/programs/{programId}/feedback-imports/{importId}",
    operations: {
      get: { tag: "feedback", access: "read", summary: "An import with its sample rows, mapping and row errors", ok: ok("The import.", { import: ref("FeedbackImport") }), errors: [404] },
      post: { tag: "feedback", access: "write", summary: "Validate every row with a mapping and scale", body: { schema: "FeedbackImportMapping" }, ok: ok("The import with its row report.", { import: ref("FeedbackImport") }), errors: [400, 403, 404, 409, 413, 422] },
      delete: { tag: "feedback", access: "write", summary: "Cancel a staged import", ok: { status: 204, description: "Cancelled; nothing is kept." }, errors: [403, 404, 409] },
    },
  },
  {
    path: "/api/v1/programs/{programId}/feedback-imports/{importId}/commit",
    operations: {
      post: {
        tag: "feedback",
        access: "write",
        summary: "Commit a validated import (one transaction)",
        description: "Answers a stream of JSON lines: `{\"progress\":{phase,done,total}}` after each batch, then `{\"done\":{…import}}` or `{\"error\":{code,message}}` (then nothing was imported). 409 when rows have errors and `acceptErrors` is not set.",
        body: { schema: "FeedbackImportCommit" },
        ok: { status: 200, description: "Progress lines, then the result.", contentType: "application/x-ndjson", schema: anyObj },
        errors: [400, 403, 404, 409, 413, 422],
      },
    },
  },
  {
    path: "/api/v1/programs/{programId}/feedback-imports/{importId}/errors",
    operations: {
      get: { tag: "feedback", access: "read", summary: "Row-level error report as CSV", ok: { status: 200, description: "CSV (UTF-8 with BOM) in the caller's language.", contentType: "text/csv" }, errors: [404] },
    },
  },
  {
    path: "/api/v1/programs/{programId}/journey-evidence",
    operations: {
      get: {
        tag: "journeys",
        access: "read",
        summary: "The program's evidence files and links",
        query: [q("q", "Text search."), q("kind", "Only files or only links.", enumOf(["file", "link"]))],
        ok: ok("The evidence.", { evidence: arr(ref("JourneyEvidence")) }),
        errors: [404],
      },
      post: {
        tag: "journeys",
        access: "write",
        summary: "Add a file (multipart) or a link (JSON)",
        description: "multipart/form-data with `file` (and optional `title`) adds a checked file; JSON `{title, url}` adds a link. Needs journey.edit.",
        body: { oneOf: ["JourneyEvidenceLinkInput"] },
        ok: ok("The evidence.", { evidence: ref("JourneyEvidence") }, 201),
        errors: [400, 403, 404, 413, 415, 422],
      },
    },
  },
  {
    path: "/api/v1/programs/{programId}/journey-evidence/{evidenceId}",
    operations: {
      get: { tag: "journeys", access: "read", summary: "Download an evidence file (always as an attachment)", ok: { status: 200, description: "The stored file.", contentType: "application/octet-stream" }, errors: [404] },
      delete: { tag: "journeys", access: "write", summary: "Remove a file or link and every link to it", ok: { status: 204, description: "Removed." }, errors: [403, 404] },
    },
  },
  {
    path: "/api/v1/programs/{programId}/initiatives",
    operations: {
      get: {
        tag: "initiatives",
        access: "read",
        summary: "The program's initiatives",
        query: [q("kind", "Only initiatives of this kind.", enumOf(INITIATIVE_KINDS))],
        ok: ok("The initiatives with the pain points they address.", { initiatives: arr(ref("Initiative")) }),
        errors: [400, 404],
      },
      post: { tag: "initiatives", access: "write", summary: "Create an initiative", description: "Needs initiative.edit.", body: { schema: "InitiativeInput" }, ok: ok("The initiative.", { initiative: ref("Initiative") }, 201), errors: [400, 403, 404, 413, 422] },
    },
  },
  {
    path: "/api/v1/programs/{programId}/kpis",
    operations: {
      get: {
        tag: "kpis",
        access: "read",
        summary: "The program's KPI registry",
        description: "Each KPI with its latest and previous value, trend, status against target and alert threshold, a sparkline and the initiatives it tracks.",
        query: [q("archived", "`1` to include archived KPIs.", enumOf(["1", "true"]))],
        ok: ok("The KPIs.", { kpis: arr(ref("Kpi")) }),
        errors: [404],
      },
      post: { tag: "kpis", access: "write", summary: "Create a KPI (optionally from a template)", description: "Needs kpi.edit (owner, project team).", body: { schema: "KpiInput" }, ok: ok("The KPI.", { kpi: ref("Kpi") }, 201), errors: [400, 403, 404, 413, 422] },
    },
  },
  {
    path: "/api/v1/kpis/{kpiId}/measurements",
    operations: {
      get: {
        tag: "kpis",
        access: "read",
        summary: "A KPI's measurements, oldest first",
        query: [q("from", "First day (YYYY-MM-DD).", day), q("to", "Last day (YYYY-MM-DD).", day)],
        ok: ok("The KPI and its measurements.", { kpi: anyObj, measurements: arr(ref("Measurement")) }),
        errors: [400, 404],
      },
      post: {
        tag: "kpis",
        access: "write",
        summary: "Add one measurement or a batch (all or nothing)",
        description:
          "Send one `{date, value, note?}` or `{measurements:[…]}`. A day that already has a value is replaced (counted in `replaced`). An archived KPI answers 409. Needs measurement.add (owner, project team).",
        body: { oneOf: ["MeasurementInput", "MeasurementBatch"] },
        ok: ok("What was written.", { inserted: int, replaced: int }, 201),
        errors: [400, 403, 404, 409, 413, 422],
      },
    },
  },
];

// ---------------------------------------------------------------------------------------------

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: "Bad request (not JSON, or a bad query value).",
  401: "Not signed in, or an unknown, expired or revoked access token (code `invalid_token`).",
  403: "Not allowed: the caller's role, or a read-scoped access token on a write (code `insufficient_scope`).",
  404: "Not found, or not visible to the caller.",
  409: "Conflicts with the current state.",
  413: "The body is too large.",
  415: "Unsupported media type.",
  422: "Invalid input; `fields` has a message per field.",
  429: "Too many attempts; see Retry-After.",
};

function security(access: Access): Record<string, string[]>[] {
  if (access === "public") return [];
  return [{ sessionCookie: [] }, { sessionToken: [] }, { accessToken: access === "write" ? ["write"] : [] }];
}

function operationId(method: Method, path: string): string {
  const words = path
    .replace(/^\/api\/v1\//, "")
    .replace(/\.json$/, "Json")
    .split(/[/-]/)
    .filter(Boolean)
    .map((w) => (w.startsWith("{") ? `By${w[1].toUpperCase()}${w.slice(2, -1)}` : w[0].toUpperCase() + w.slice(1)));
  return method + words.join("");
}

function buildOperation(method: Method, path: string, op: Operation): JsonSchema {
  const params = [...path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({
    name,
    in: "path",
    required: true,
    description: pathParam[name] ?? name,
    schema: { type: "string" },
  }));
  const query = (op.query ?? []).map((p) => ({ name: p.name, in: "query", required: false, description: p.description, schema: p.schema }));
  const responses: Record<string, JsonSchema> = {};
  const okResponse: JsonSchema = { description: op.ok.description };
  if (op.ok.status !== 204) {
    okResponse.content = { [op.ok.contentType ?? "application/json"]: op.ok.schema ? { schema: op.ok.schema } : {} };
  }
  responses[String(op.ok.status)] = okResponse;
  const errors = new Set(op.errors);
  if (op.access !== "public") errors.add(401);
  if (op.access === "write") errors.add(403);
  for (const status of [...errors].sort()) responses[String(status)] = { $ref: `#/components/responses/Error${status}` };
  const out: JsonSchema = {
    operationId: operationId(method, path),
    summary: op.summary,
    ...(op.description ? { description: op.description } : {}),
    tags: [op.tag],
    ...(params.length + query.length ? { parameters: [...params, ...query] } : {}),
    security: security(op.access),
    responses,
  };
  if (op.body) {
    const content: Record<string, JsonSchema> = {};
    if ("schema" in op.body) content["application/json"] = { schema: ref(op.body.schema) };
    else if ("oneOf" in op.body) content["application/json"] = { schema: op.body.oneOf.length === 1 ? ref(op.body.oneOf[0]) : { oneOf: op.body.oneOf.map(ref) } };
    if ("multipart" in op.body) content["multipart/form-data"] = { schema: op.body.multipart };
    if (path.endsWith("/journey-evidence") && method === "post") {
      content["multipart/form-data"] = { schema: obj({ file: { type: "string", contentMediaType: "application/octet-stream" }, title: str }, ["file"]) };
    }
    out.requestBody = { required: true, ...(op.body.description ? { description: op.body.description } : {}), content };
  }
  return out;
}

let cached: JsonSchema | undefined;

/** The OpenAPI 3.1 document (built once per process). */
export function openApiDocument(): JsonSchema {
  if (cached) return cached;
  const paths: Record<string, JsonSchema> = {};
  for (const route of API_ROUTES) {
    const item: JsonSchema = {};
    for (const [method, op] of Object.entries(route.operations) as [Method, Operation][]) item[method] = buildOperation(method, route.path, op);
    paths[route.path] = item;
  }
  const errorResponses: Record<string, JsonSchema> = {};
  for (const [status, description] of Object.entries(ERROR_DESCRIPTIONS)) {
    errorResponses[`Error${status}`] = { description, content: { "application/json": { schema: ref("Error") } } };
  }
  cached = {
    openapi: "3.1.0",
    jsonSchemaDialect: "https://json-schema.org/draft/2020-12/schema",
    info: {
      title: "CX Workspace API",
      version: "1.0.0",
      description:
        "The REST API of CX Workspace (客户体验工作台). Authenticate with a personal access token (`Authorization: Bearer cxp_…`, created in Settings → API access tokens; `read` tokens may only GET), the session token from POST /api/v1/session, or the session cookie. Errors are JSON `{error:{code,message,fields?}}` in the caller's language; a program the caller cannot see answers 404, exactly like one that does not exist.",
    },
    servers: [{ url: "/" }],
    tags: [...new Set(API_ROUTES.flatMap((r) => Object.values(r.operations).map((o) => o!.tag)))].map((name) => ({ name })),
    paths,
    components: {
      schemas: { ...RESPONSE_SCHEMAS, ...requestSchemas() },
      responses: errorResponses,
      securitySchemes: {
        sessionCookie: { type: "apiKey", in: "cookie", name: "cx_session", description: "The signed session cookie set by signing in (browser use)." },
        sessionToken: { type: "http", scheme: "bearer", description: "The `token` answered by POST /api/v1/session; acts with the full rights of the user." },
        accessToken: {
          type: "http",
          scheme: "bearer",
          bearerFormat: "cxp_<43 characters>",
          description:
            "A personal access token. Scope `read`: GET and HEAD only (any other call answers 403 `insufficient_scope`); scope `write`: every call. Unknown, expired or revoked tokens answer 401 `invalid_token`. Required roles are listed per operation (`write`).",
        },
      },
    },
  };
  return cached;
}
