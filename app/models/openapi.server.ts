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
import { IDEA_STAGES, IdeaInputSchema } from "./ideas";
import { LinkInputSchema, LinkSchema } from "./journey-evidence.server";
import { KPI_TEMPLATE_KEYS, KpiInputSchema, MEASUREMENT_BATCH_MAX, MeasurementBatchSchema, MeasurementInputSchema } from "./kpi";
import { MarginInputSchema, ReviewInputSchema } from "./pain-points.server";
import { MarkReadSchema } from "../routes/api.v1.notifications.read";
import { AcknowledgeInputSchema } from "./kpi-alerts.server";
import { BOARD_STATUSES } from "./kpi-board";
import { COMMENT_TARGET_TYPES, CreateCommentSchema, EditCommentSchema, ResolveThreadSchema } from "./comments";
import { NOMINATION_STATUSES, NominationInputSchema, ReviewInputSchema as NominationReviewSchema, RewardInputSchema as NominationRewardSchema } from "./nominations";
import { InitiativeOfficeInputSchema } from "./portfolio";
import { ExportFileSchema } from "./program-export-format";

type JsonSchema = Record<string, unknown>;
type Method = "get" | "post" | "put" | "patch" | "delete";
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
  IdeaInput: IdeaInputSchema,
  InitiativeInput: InitiativeInputSchema,
  JourneyEvidenceLinkInput: LinkSchema,
  TriangulationMarginInput: MarginInputSchema,
  KpiInput: KpiInputSchema,
  MeasurementInput: MeasurementInputSchema,
  MeasurementBatch: MeasurementBatchSchema,
  KpiAlertAcknowledgeInput: AcknowledgeInputSchema,
  NotificationsReadInput: MarkReadSchema,
  CommentInput: CreateCommentSchema,
  CommentEdit: EditCommentSchema,
  CommentResolve: ResolveThreadSchema,
  NominationInput: NominationInputSchema,
  NominationReviewInput: NominationReviewSchema,
  NominationRewardInput: NominationRewardSchema,
  InitiativeOfficeInput: InitiativeOfficeInputSchema,
  ProgramExport: ExportFileSchema,
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
      standardKey: { ...strOrNull, description: "The published vision quality standard it serves (its stable key)." },
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
      standardKey: { ...strOrNull, description: "The published vision quality standard it serves (its stable key)." },
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
  Idea: {
    type: "object",
    description: "A frontline idea (its id is its feedback record's id) and what became of it, derived from the feedback inbox.",
    properties: {
      id: str,
      programId: str,
      title: str,
      text: str,
      author: { anyOf: [person, { type: "null" }] },
      createdAt: time,
      map: { anyOf: [person, { type: "null" }], description: "The journey map it is about: {id, name}." },
      touchpoint: { anyOf: [obj({ id: str, text: str }), { type: "null" }] },
      sentTo: { anyOf: [obj({ id: str, kind: enumOf(["small", "large"]), number: int, title: str, status: enumOf(["open", "closed"]) }), { type: "null" }], description: "The small-loop cycle that was open when it was sent." },
      photo: { anyOf: [obj({ url: str, type: enumOf(["image/jpeg", "image/png", "image/webp"]), size: int }), { type: "null" }] },
      status: obj(
        {
          stage: enumOf(IDEA_STAGES),
          adopted: { type: "boolean", description: "Triaged into a loop cycle or linked to an initiative." },
          adoptedAt: { type: ["string", "null"], format: "date-time" },
          cycle: { anyOf: [anyObj, { type: "null" }], description: "The cycle it was triaged into." },
          initiative: { anyOf: [anyObj, { type: "null" }], description: "The initiative that tells its fate best." },
          initiatives: arr(anyObj),
          reason: { type: ["string", "null"], description: "Why it was dismissed." },
          trail: arr(obj({ key: enumOf(["submitted", "triaged", "initiative", "done", "dismissed"]), state: enumOf(["complete", "current", "upcoming", "skipped"]), at: { type: ["string", "null"], format: "date-time" } })),
        },
        ["stage", "adopted", "trail"],
      ),
    },
    required: ["id", "programId", "title", "text", "createdAt", "status"],
  },
  LeaderboardRow: obj({ rank: int, userId: str, name: str, count: int }),
  KpiBoardRow: {
    ...obj(
      {
        id: str,
        name: str,
        kind: enumOf(["process", "outcome"]),
        unit: str,
        direction: enumOf(["up", "down"]),
        cadence: str,
        baseline: numOrNull,
        target: numOrNull,
        alertThreshold: numOrNull,
        owner: { anyOf: [person, { type: "null" }] },
        program: obj({ id: str, name: str, nameEn: strOrNull }),
        latest: { anyOf: [obj({ date: day, value: num }), { type: "null" }] },
        previous: { anyOf: [obj({ date: day, value: num }), { type: "null" }] },
        sparkline: { ...arr(obj({ date: day, value: num })), description: "The last 12 values, oldest first." },
        kpiStatus: enumOf(["no_data", "no_target", "on_target", "off_target", "alert"]),
        kpiTrend: enumOf(["improving", "worsening", "flat", "none"]),
        status: enumOf(BOARD_STATUSES),
        trend: enumOf(["better", "worse", "flat", "none"]),
        overdue: { type: "boolean", description: "Unmeasured past its cadence and grace today." },
        nextDue: day,
        openAlerts: int,
        url: str,
        traceUrl: str,
      },
      ["id", "name", "kind", "unit", "direction", "program", "status", "trend", "overdue", "openAlerts"],
    ),
    description: "One KPI on the CX office's board: status and trend are the registry's (latest value against target and alert threshold; latest against previous, judged by the direction).",
  },
  KpiAlert: {
    ...obj(
      {
        id: str,
        kind: enumOf(["threshold", "stale"]),
        status: enumOf(["open", "acknowledged"]),
        periodKey: { ...day, description: "threshold: the day of the value; stale: the day the next value was due." },
        value: numOrNull,
        threshold: numOrNull,
        detectedAt: time,
        acknowledgedAt: { type: ["string", "null"], format: "date-time" },
        acknowledgedBy: { anyOf: [person, { type: "null" }] },
        note: strOrNull,
        sinceDay: { type: ["string", "null"], format: "date", description: "stale: the last value before the due day (null: never measured)." },
        recovered: { type: "boolean", description: "The KPI is back within its threshold, or measured again, since (the alert stays open until acknowledged)." },
        kpi: anyObj,
        program: obj({ id: str, name: str, nameEn: strOrNull }),
        canAcknowledge: bool,
        url: str,
      },
      ["id", "kind", "status", "periodKey", "detectedAt", "recovered", "kpi", "program", "canAcknowledge", "url"],
    ),
    description: "A KPI alert: a value past the alert threshold (threshold) or a KPI unmeasured past its cadence (stale). Never deleted; acknowledged with an optional note.",
  },
  Notification: obj(
    {
      id: str,
      kind: enumOf(["alert", "mention"]),
      entityId: { type: "string", description: "The alert or comment it is about." },
      programId: strOrNull,
      actor: { anyOf: [person, { type: "null" }] },
      url: { type: "string", description: "An app path, e.g. /office/kpis?tab=alerts&alert=…" },
      payload: { type: "object", description: "What the sentence is made of (alert: KPI, value, threshold, days; mention: excerpt, targetType, targetTitle)." },
      title: { type: "string", description: "The sentence, in the caller's language." },
      body: strOrNull,
      createdAt: time,
      readAt: { type: ["string", "null"], format: "date-time" },
    },
    ["id", "kind", "entityId", "url", "payload", "title", "createdAt", "readAt"],
  ),
  Comment: {
    ...obj(
      {
        id: str,
        threadId: { type: ["string", "null"], description: "The thread's first comment; null on the first comment itself." },
        author: { anyOf: [person, { type: "null" }], description: "null when the author has left." },
        body: { type: "string", description: "As written; each mention is a token `@[Name](user:<id>)`." },
        mentions: arr(person),
        createdAt: time,
        editedAt: { type: ["string", "null"], format: "date-time" },
      },
      ["id", "threadId", "author", "body", "mentions", "createdAt", "editedAt"],
    ),
  },
  CommentThread: {
    ...obj(
      {
        id: str,
        threadId: { type: "null" },
        targetType: enumOf(COMMENT_TARGET_TYPES),
        targetId: str,
        targetContext: { type: ["string", "null"], description: "The map (pain point, touchpoint) or board (sticky) holding the target." },
        author: { anyOf: [person, { type: "null" }] },
        body: str,
        mentions: arr(person),
        createdAt: time,
        editedAt: { type: ["string", "null"], format: "date-time" },
        resolvedAt: { type: ["string", "null"], format: "date-time" },
        resolvedBy: { anyOf: [person, { type: "null" }] },
        replies: arr(ref("Comment")),
      },
      ["id", "targetType", "targetId", "author", "body", "createdAt", "resolvedAt", "replies"],
    ),
    description: "A discussion: its first comment (with the thread's resolved state) and its replies, oldest first.",
  },
  PortfolioItem: {
    ...obj(
      {
        id: str,
        programId: str,
        programName: str,
        title: str,
        kind: enumOf(INITIATIVE_KINDS),
        status: enumOf(["idea", "approved", "in_progress", "done", "dropped"]),
        owner: { anyOf: [person, { type: "null" }] },
        team: { anyOf: [obj({ id: str, key: enumOf(["new_cx", "call_center", "analytics"]) }), { type: "null" }], description: "The owning CX office team." },
        startDate: { type: ["string", "null"], format: "date" },
        dueDate: { type: ["string", "null"], format: "date" },
        health: { ...enumOf(["red", "amber", "green", "closed"]), description: "What the portfolio shows: the override while one is set, else the computed health; done and dropped initiatives are `closed`." },
        computedHealth: enumOf(["red", "amber", "green", "closed"]),
        reasons: arr(obj({ code: enumOf(["closed", "overdue", "kpiAlert", "dueSoon", "kpiWorsening", "noKpi", "onTrack"]), days: int, kpi: str }, ["code"])),
        override: { anyOf: [obj({ health: enumOf(["red", "amber", "green"]), reason: str, by: { anyOf: [person, { type: "null" }] }, at: time }), { type: "null" }] },
        journeys: arr(obj({ id: str, name: str })),
        painPoints: arr(obj({ mapId: str, id: str, title: str, severity: int, exists: bool })),
        kpis: arr(
          obj({
            id: str,
            name: str,
            unit: str,
            direction: enumOf(["up", "down"]),
            target: numOrNull,
            alertThreshold: numOrNull,
            latest: { anyOf: [obj({ date: day, value: num }), { type: "null" }] },
            previous: { anyOf: [obj({ date: day, value: num }), { type: "null" }] },
            status: enumOf(["no_data", "no_target", "on_target", "off_target", "alert"]),
            trend: enumOf(["improving", "worsening", "flat", "none"]),
          }),
        ),
        canManage: { type: "boolean", description: "The caller may set the override and the owning team (initiative.status)." },
        url: str,
        traceUrl: str,
      },
      ["id", "programId", "title", "kind", "status", "health", "computedHealth"],
    ),
    description:
      "An initiative in the CX office portfolio. RAG rule: red when overdue and not done, or a linked KPI's latest value is past its alert threshold; amber when due within 14 days while still an idea or approved, a linked KPI's latest value is worse than its previous one, or it is in progress with no KPI linked; green otherwise.",
  },
  Guideline: {
    ...obj(
      {
        id: str,
        programId: str,
        title: str,
        body: { type: "string", description: "The behaviour, described." },
        doExamples: arr(str),
        dontExamples: arr(str),
        standardKey: { type: "string", description: "The cited quality standard's stable key (the same across vision versions)." },
        standardVersion: { type: "integer", description: "The published vision version it was written or last reviewed against." },
        cited: obj({ title: str, description: str, measurableHint: str }),
        current: { anyOf: [obj({ title: str, description: str, measurableHint: str }), { type: "null" }], description: "The standard as the latest published version words it; null when that version no longer has it." },
        flag: {
          type: "object",
          description: "`none`; `changed` with the fields that differ between `cited` and `current`; or `removed`.",
          properties: { state: enumOf(["none", "changed", "removed"]), fields: arr(enumOf(["title", "description", "measurableHint"])) },
          required: ["state"],
        },
        position: num,
        reviewedBy: { anyOf: [person, { type: "null" }] },
        reviewedAt: { type: ["string", "null"], format: "date-time" },
        createdBy: { anyOf: [person, { type: "null" }] },
        createdAt: time,
        updatedAt: time,
        archivedAt: { type: ["string", "null"], format: "date-time" },
        url: str,
      },
      ["id", "programId", "title", "standardKey", "standardVersion", "cited", "flag"],
    ),
    description: "A behaviour guideline citing one quality standard of the published vision.",
  },
  RecognitionType: {
    ...obj(
      {
        id: str,
        programId: str,
        name: str,
        description: str,
        guideline: { anyOf: [obj({ id: str, title: str, archived: bool }), { type: "null" }], description: "The guideline reviewers evaluate nominations against." },
        reward: obj({ kind: enumOf(["points", "certificate", "bonus", "other"]), text: str, value: { type: "number", minimum: 0 } }),
        agreedOn: { ...day, description: "The day of the leadership + frontline workshop that agreed on it." },
        agreedNote: str,
        agreedBy: arr(obj({ userId: str, name: str, role: { type: "string", description: "Their program role when they agreed." } })),
        createdBy: { anyOf: [person, { type: "null" }] },
        createdAt: time,
        updatedAt: time,
        archivedAt: { type: ["string", "null"], format: "date-time" },
        url: str,
      },
      ["id", "programId", "name", "reward", "agreedOn", "agreedBy"],
    ),
    description: "A behaviour worth recognising (the recognition catalogue), with its reward and who agreed on it.",
  },
  Nomination: {
    ...obj(
      {
        id: str,
        programId: str,
        status: enumOf(NOMINATION_STATUSES),
        story: str,
        type: obj({ id: str, name: str, description: str, rewardKind: enumOf(["points", "certificate", "bonus", "other"]), rewardText: str, rewardValue: num, archived: bool }),
        guideline: {
          anyOf: [obj({ id: str, title: str, body: str, doExamples: arr(str), dontExamples: arr(str) }), { type: "null" }],
          description: "The guideline the nomination is evaluated against (the behaviour type's).",
        },
        nominee: person,
        nominator: person,
        reviewer: { anyOf: [person, { type: "null" }] },
        reviewReason: strOrNull,
        reviewedAt: { type: ["string", "null"], format: "date-time" },
        reward: {
          anyOf: [obj({ text: str, value: num, by: { anyOf: [person, { type: "null" }] }, at: time }), { type: "null" }],
          description: "The reward as granted (copied from the catalogue then, or adjusted with a note); null until rewarded.",
        },
        createdAt: time,
        updatedAt: time,
        url: str,
        reviewApi: str,
        rewardApi: str,
      },
      ["id", "programId", "status", "story", "type", "nominee", "nominator"],
    ),
    description: "A nomination of a colleague for a behaviour of the recognition catalogue. Never deleted; submitted → approved | rejected, approved → rewarded.",
  },
};

const dayValue = { anyOf: [obj({ date: day, value: num }), { type: "null" }] };
const reportInitiative = obj(
  { id: str, title: str, kind: enumOf(INITIATIVE_KINDS), status: str, dueDate: { type: ["string", "null"], format: "date" }, owner: strOrNull, health: enumOf(["red", "amber", "green", "closed"]), reasons: arr(anyObj), overrideReason: strOrNull, url: str },
  ["id", "title", "status", "health"],
);
const reportAlert = obj(
  { id: str, kpiId: str, kpiName: str, unit: str, kind: enumOf(["threshold", "stale"]), status: enumOf(["open", "acknowledged"]), day, value: numOrNull, threshold: numOrNull, detectedAt: time, url: str },
  ["id", "kpiId", "kind", "status", "day"],
);
const reportPainPoint = obj({ mapId: str, mapName: str, id: str, title: str, severity: int, flagged: bool, createdAt: time, url: str }, ["mapId", "id", "title", "flagged"]);
const reportPeriod = obj({ key: str, kind: enumOf(["quarter", "month"]), year: int, index: int, start: day, end: day }, ["key", "kind", "start", "end"]);

RESPONSE_SCHEMAS.CeoReport = {
  ...obj(
    {
      period: { ...reportPeriod, properties: { ...(reportPeriod.properties as object), next: reportPeriod, previous: reportPeriod, open: bool } },
      asOf: day,
      generatedAt: time,
      seesAll: bool,
      summary: obj(
        Object.fromEntries(
          ["programs", "satisfactionKpis", "onTarget", "improving", "worsening", "openInitiatives", "red", "amber", "green", "doneInPeriod", "newPainPoints", "flaggedNew", "alerts", "dueNext", "openCycles", "openAlerts", "awaitingReview"].map((k) => [k, int]),
        ),
      ),
      programs: arr(
        obj({
          id: str,
          name: str,
          satisfaction: arr(
            obj(
              { id: str, name: str, template: enumOf(["nps", "csat", "ces"]), unit: str, direction: enumOf(["up", "down"]), target: numOrNull, alertThreshold: numOrNull, start: dayValue, end: dayValue, change: numOrNull, trend: enumOf(["improving", "worsening", "flat", "none"]), status: enumOf(["no_data", "no_target", "on_target", "off_target", "alert"]), points: arr(obj({ date: day, value: num })), url: str, traceUrl: str },
              ["id", "name", "template", "start", "end", "status", "points"],
            ),
          ),
          initiatives: obj({
            byStatus: obj(Object.fromEntries(["idea", "approved", "in_progress", "done", "dropped"].map((k) => [k, int]))),
            byHealth: obj(Object.fromEntries(["red", "amber", "green", "closed"].map((k) => [k, int]))),
            red: arr(reportInitiative),
            doneInPeriod: arr(obj({ id: str, title: str, kind: str, doneOn: day, resultNotes: str, url: str })),
          }),
          problems: obj({ painPoints: arr(reportPainPoint), alerts: arr(reportAlert) }),
          nextSteps: obj({
            dueNext: arr(reportInitiative),
            cycles: arr(obj({ id: str, kind: enumOf(["small", "large"]), number: int, title: str, goal: str, startsOn: day, endsOn: day, url: str })),
            openAlerts: arr(reportAlert),
            awaitingReview: arr(reportPainPoint),
          }),
        }),
      ),
    },
  ),
  description:
    "The CEO report of one period for the programs the caller may report on. Satisfaction: NPS, CSAT and CES KPIs with the value at the period's start (the last value before it) and end, the target and the period's values. Initiatives: counts by status and RAG health (as of `asOf`, the same rule as the portfolio), red ones with reasons, done in the period. Problems: pain points created in the period (with the triangulation flag), KPI alerts for days of the period. Next steps: open initiatives due in the next period, open loop cycles, unacknowledged alerts, flagged pain points awaiting review.",
};

RESPONSE_SCHEMAS.Trace = {
  ...obj({
    programId: str,
    root: obj({ kind: enumOf(["kpi", "initiative"]), id: str, title: str }),
    standards: arr(obj({ key: str, title: str, description: str, version: int, current: bool, servedBy: arr(obj({ kind: enumOf(["kpi", "initiative"]), id: str, title: str })) })),
    withoutStandard: arr(obj({ kind: enumOf(["kpi", "initiative"]), id: str, title: str })),
    maps: arr(obj({ id: str, name: str, persona: str, state: enumOf(["current", "future"]), archived: bool })),
    painPoints: arr(
      obj(
        { mapId: str, id: str, title: str, severity: int, status: strOrNull, touchpoint: { anyOf: [obj({ id: str, text: str, stage: strOrNull }), { type: "null" }] }, exists: bool, via: enumOf(["initiative", "touchpoint"]), addressedBy: arr(obj({ id: str, title: str, kind: str, status: str })), measuredBy: arr(obj({ id: str, name: str })) },
        ["mapId", "id", "title", "exists", "via", "addressedBy", "measuredBy"],
      ),
    ),
    evidence: arr(
      obj({
        mapId: str,
        painPointId: str,
        painPointTitle: str,
        feedback: obj({ count: int, scored: int, satisfaction: numOrNull, samples: arr(obj({ id: str, occurredOn: day, channel: str, text: str, score: numOrNull, scoreMax: numOrNull })) }),
        items: arr(obj({ id: str, kind: enumOf(["file", "link"]), title: str, url: strOrNull, filename: strOrNull })),
      }),
    ),
    initiatives: arr(obj({ id: str, title: str, kind: str, status: str, dueDate: { type: ["string", "null"], format: "date" }, standardKey: strOrNull, painPoints: arr(str), kpiIds: arr(str) })),
    kpis: arr(obj({ id: str, name: str, kind: str, template: strOrNull, unit: str, target: numOrNull, latest: dayValue, status: str, standardKey: strOrNull, journeyMapId: strOrNull, touchpoint: { anyOf: [obj({ id: str, text: str }), { type: "null" }] }, initiativeIds: arr(str), archived: bool })),
  }),
  description: "A KPI's or initiative's links back (initiatives, pain points, evidence, journey maps, vision standards) and forward (who else addresses those pain points, which KPIs measure them).",
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
  ideaId: "An idea's id (the id of its feedback record).",
  alertId: "A KPI alert's id. One of a program the caller cannot see answers 404.",
  commentId: "A comment's id (any comment of a thread stands for the thread). One the caller cannot see answers 404.",
  nominationId: "A nomination's id. One the caller cannot see answers 404.",
  initiativeId: "An initiative's id. One the caller cannot see answers 404.",
  kind: "What is traced: `kpi` or `initiative` (anything else answers 404).",
  id: "The KPI's or initiative's id. One of another program answers 404.",
  orgId: "An organisation's id. One the caller is not a member of answers 404.",
};

const q = (name: string, description: string, schema: JsonSchema = str): QueryParam => ({ name, description, schema });

// ---------------------------------------------------------------------------------------------
// Every /api/v1 route

export const API_ROUTES: RouteDoc[] = [
  {
    path: "/api/v1/programs/{programId}/export",
    operations: {
      get: {
        tag: "programs",
        access: "read",
        summary: "Export the whole program as one JSON file",
        description:
          "A download (`cx-workspace.program`, version 1, schema `ProgramExport`): the program, its members as emails and roles, every row of every program-scoped table, the people those rows name (id, email, name), each live document's Yjs state (base64) and the uploaded files (base64 with size and SHA-256). Sessions, tokens, invites, password hashes and the audit log are left out. Needs program.export (owners; the organisation's CX office and admins). Uploaded files over 200 MB answer 413. Audited.",
        ok: { status: 200, description: "The export file, as an attachment.", schema: ref("ProgramExport") },
        errors: [403, 404, 413],
      },
    },
  },
  {
    path: "/api/v1/orgs/{orgId}/programs/import",
    operations: {
      post: {
        tag: "programs",
        access: "write",
        summary: "Import a program export into the organisation",
        description:
          "Recreates the program with new ids everywhere; members are matched by email to accounts of the organisation (the others are skipped and listed), the importer becomes owner, references to people without an account are cleared and rows that need them (votes, nominations…) left out and counted. A file that is not a program export, of another version, or damaged (a wrong value, a reference to nothing, a damaged document or file) answers 422 naming the place, and nothing is written; a failure midway leaves nothing behind. `?dryRun=1` validates and answers 200 with the summary, writing nothing. Bodies up to 300 MB. Needs the admin role in the organisation.",
        query: [q("dryRun", "`1` to validate and preview only.", enumOf(["1", "true"]))],
        body: { schema: "ProgramExport" },
        ok: ok("What was imported.", { programId: str, program: anyObj, tables: anyObj, rows: int, docs: int, files: int, fileBytes: int, members: arr(anyObj), unknownPeople: arr(anyObj), dropped: anyObj }, 201),
        errors: [400, 403, 404, 413, 422],
      },
    },
  },
  {
    path: "/api/v1/programs/{programId}/comments",
    operations: {
      get: {
        tag: "comments",
        access: "read",
        summary: "The discussion on one artefact",
        description: "Threads oldest first, each with its replies, authors and mentions. Everyone who sees the program reads.",
        query: [
          q("targetType", "What the comments are on.", enumOf(COMMENT_TARGET_TYPES)),
          q("targetId", "Its id: an initiative, a KPI, or the doc object id of a pain point, touchpoint or sticky note."),
        ],
        ok: ok("The threads.", { threads: arr(ref("CommentThread")) }),
        errors: [404, 422],
      },
      post: {
        tag: "comments",
        access: "write",
        summary: "Start a thread, or reply to one (`threadId`)",
        description:
          "Mention people as `@[Name](user:<id>)` in `body`: each must be able to see the program (422 naming them otherwise) and is notified (never the author). A resolved thread takes no reply (409). Needs `comment` (owner, leadership, project team, functional rep, CX office); frontline and viewers answer 403.",
        body: { schema: "CommentInput" },
        ok: ok("The thread with the new comment.", { thread: ref("CommentThread") }, 201),
        errors: [400, 403, 404, 409, 413, 422],
      },
    },
  },
  {
    path: "/api/v1/comments/{commentId}",
    operations: {
      get: { tag: "comments", access: "read", summary: "The thread a comment belongs to", ok: ok("The thread.", { thread: ref("CommentThread") }), errors: [404] },
      patch: {
        tag: "comments",
        access: "write",
        summary: "Edit one's own comment",
        description: "Sets `editedAt`. Only people newly mentioned are notified. Someone else's comment answers 403.",
        body: { schema: "CommentEdit" },
        ok: ok("The thread.", { thread: ref("CommentThread") }),
        errors: [400, 403, 404, 413, 422],
      },
    },
  },
  {
    path: "/api/v1/comments/{commentId}/resolve",
    operations: {
      post: {
        tag: "comments",
        access: "write",
        summary: "Resolve (`true`) or reopen (`false`) a thread",
        description: "Any comment of the thread stands for it. Needs `comment`. Comments are never deleted; a discussion is resolved instead.",
        body: { schema: "CommentResolve" },
        ok: ok("The thread.", { thread: ref("CommentThread") }),
        errors: [400, 403, 404, 413, 422],
      },
    },
  },
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
    path: "/api/v1/office/portfolio",
    operations: {
      get: {
        tag: "office",
        access: "read",
        summary: "The CX office's initiative portfolio of an organisation",
        description:
          "Every initiative of every program of the organisation the caller can see (the CX office and org admins: all programs; others: their programs), with RAG health, owning team, journeys, pain points and KPIs. `total` counts the visible initiatives before filters; `healthCounts` counts per health among those matching every filter but `health`.",
        query: [
          q("org", "An organisation the caller belongs to (default: their active one)."),
          q("program", "A program's id."),
          q("team", "An office team's id, or `none` for initiatives no team owns."),
          q("kind", "Initiative kind.", enumOf(INITIATIVE_KINDS)),
          q("status", "Initiative status.", enumOf(["idea", "approved", "in_progress", "done", "dropped"])),
          q("health", "Health as shown (override included).", enumOf(["red", "amber", "green", "closed"])),
          q("q", "Words to find in title, description, owner or program."),
          q("sort", "Order: health (default: red first, then due date), due, program or title.", enumOf(["health", "due", "program", "title"])),
        ],
        ok: ok("The portfolio.", {
          portfolio: obj({
            items: arr(ref("PortfolioItem")),
            total: int,
            healthCounts: obj({ red: int, amber: int, green: int, closed: int }),
            programs: arr(obj({ id: str, name: str })),
            teams: arr(obj({ id: str, key: enumOf(["new_cx", "call_center", "analytics"]) })),
            seesAll: bool,
            today: day,
          }),
        }),
        errors: [400, 404],
      },
    },
  },
  {
    path: "/api/v1/initiatives/{initiativeId}/office",
    operations: {
      get: {
        tag: "office",
        access: "read",
        summary: "One initiative as the CX office portfolio shows it",
        ok: ok("The initiative.", { initiative: ref("PortfolioItem") }),
        errors: [404],
      },
      patch: {
        tag: "office",
        access: "write",
        summary: "Set the owning office team and/or override the RAG health",
        description:
          "`owningTeamId` (null: none) and/or `healthOverride` `{health, reason}` (the reason is required; null clears the override and restores the computed health). Needs initiative.status in the initiative's program (owner, project team, CX office). A done or dropped initiative takes no override (409). Audited.",
        body: { schema: "InitiativeOfficeInput" },
        ok: ok("The initiative afterwards.", { initiative: ref("PortfolioItem") }),
        errors: [400, 403, 404, 409, 413, 422],
      },
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
  },  {
    path: "/api/v1/programs/{programId}/guidelines",
    operations: {
      get: {
        tag: "frontline",
        access: "read",
        summary: "The program's behaviour guidelines, with their review flags",
        description:
          "In order, each with the quality standard it cites (as cited and as the latest published vision words it) and its flag: `changed` when the vision was republished with different wording, `removed` when the latest version no longer has the standard. `flagged` counts the active guidelines that need review.",
        query: [q("archived", "`1` to include archived guidelines.", enumOf(["1", "true"]))],
        ok: ok("The guidelines.", { vision: { anyOf: [obj({ version: int, publishedAt: time }), { type: "null" }] }, flagged: int, guidelines: arr(ref("Guideline")) }),
        errors: [404],
      },
    },
  },
  {
    path: "/api/v1/programs/{programId}/recognition-types",
    operations: {
      get: {
        tag: "frontline",
        access: "read",
        summary: "The recognition catalogue",
        description: "Behaviour types worth recognising, each with its reward, the guideline reviewers evaluate against and who agreed on it in the workshop.",
        query: [q("archived", "`1` to include archived types.", enumOf(["1", "true"]))],
        ok: ok("The behaviour types.", { recognitionTypes: arr(ref("RecognitionType")) }),
        errors: [404],
      },
    },
  },
  {
    path: "/api/v1/programs/{programId}/nominations",
    operations: {
      get: {
        tag: "recognition",
        access: "read",
        summary: "Nominations the caller may see",
        description:
          "Reviewers and readers of the program's activity see every nomination (`scope=all`, their default, newest first); everyone else sees what they sent (`sent`, their default) and the approved or rewarded recognitions about them (`received`). `queue` (waiting for review) and `reward` (approved, waiting for the reward) are the reviewers' work lists, oldest first.",
        query: [
          q("scope", "Which nominations.", enumOf(["all", "sent", "received", "queue", "reward"])),
          q("status", "Only this status.", enumOf(NOMINATION_STATUSES)),
          q("typeId", "Only this behaviour type."),
        ],
        ok: ok("The nominations (at most 200).", { nominations: arr(ref("Nomination")) }),
        errors: [400, 403, 404],
      },
      post: {
        tag: "recognition",
        access: "write",
        summary: "Nominate a colleague",
        description:
          "Needs nomination.submit (everyone but viewers and the CX office). Self-nomination, an unknown colleague or behaviour, an archived behaviour or a story outside 20–2000 characters → 422; the same story (trimmed, white space collapsed, case-folded) for the same colleague and behaviour → 409.",
        body: { schema: "NominationInput" },
        ok: ok("The nomination, waiting for review.", { nomination: ref("Nomination") }, 201),
        errors: [400, 403, 404, 409, 413, 422],
      },
    },
  },
  {
    path: "/api/v1/nominations/{nominationId}/review",
    operations: {
      post: {
        tag: "recognition",
        access: "write",
        summary: "Approve or reject a submitted nomination",
        description:
          "Needs nomination.review (owner, leadership, project team). A rejection needs a reason. Not on a nomination the caller sent or one about them (403). Only a submitted nomination can be reviewed (409).",
        body: { schema: "NominationReviewInput" },
        ok: ok("The nomination.", { nomination: ref("Nomination") }),
        errors: [400, 403, 404, 409, 413, 422],
      },
    },
  },
  {
    path: "/api/v1/nominations/{nominationId}/reward",
    operations: {
      post: {
        tag: "recognition",
        access: "write",
        summary: "Grant the reward of an approved nomination",
        description:
          "Without `rewardText`/`rewardValue` the behaviour type's reward is granted as the catalogue has it now; an adjusted reward needs a `note` (422). Not on a nomination the caller sent or one about them (403); not approved or already rewarded → 409. It then shows on the recognition wall.",
        body: { schema: "NominationRewardInput" },
        ok: ok("The rewarded nomination.", { nomination: ref("Nomination") }),
        errors: [400, 403, 404, 409, 413, 422],
      },
    },
  },
  {
    path: "/api/v1/office/kpi-board",
    operations: {
      get: {
        tag: "office",
        access: "read",
        summary: "The CX office's KPI board",
        description:
          "Every active KPI of every program the caller sees in the organisation (CX office and admins: all programs), worst status first, with its last 12 values, latest value against target, trend, status, whether it is overdue and its open alerts. `summary` counts over the program and kind filters. The same numbers as the board page and the CEO report.",
        query: [
          q("programId", "Only this program."),
          q("kind", "process or outcome.", enumOf(["process", "outcome"])),
          q("status", "Only KPIs with this board status.", enumOf(BOARD_STATUSES)),
          q("alerts", "`1`: only KPIs past their threshold now or with an open alert.", enumOf(["1", "true"])),
          q("orgId", "An organisation the caller belongs to (default: their active one)."),
        ],
        ok: ok("The board.", { kpis: arr(ref("KpiBoardRow")), summary: anyObj, programs: arr(obj({ id: str, name: str, nameEn: strOrNull })) }),
        errors: [404],
      },
    },
  },
  {
    path: "/api/v1/office/alerts",
    operations: {
      get: {
        tag: "office",
        access: "read",
        summary: "KPI alerts of the organisation",
        description: "Alerts of the programs the caller sees, open first and newest first within each (up to 1,000).",
        query: [
          q("status", "open, acknowledged or all (default).", enumOf(["open", "acknowledged", "all"])),
          q("programId", "Only this program."),
          q("kpiId", "Only this KPI."),
          q("from", "Detected at or after this instant (ISO 8601).", time),
          q("to", "Detected before this instant (ISO 8601).", time),
          q("orgId", "An organisation the caller belongs to (default: their active one)."),
        ],
        ok: ok("The alerts.", { alerts: arr(ref("KpiAlert")) }),
        errors: [400, 404],
      },
    },
  },
  {
    path: "/api/v1/kpi-alerts/{alertId}/acknowledge",
    operations: {
      post: {
        tag: "office",
        access: "write",
        summary: "Acknowledge a KPI alert (with an optional note)",
        description:
          "The KPI's program editors (kpi.edit: owner, project team) and the CX office. The alert stays listed as acknowledged; already acknowledged → 409. Audited.",
        body: { schema: "KpiAlertAcknowledgeInput" },
        ok: ok("The acknowledged alert.", { alert: ref("KpiAlert") }),
        errors: [400, 403, 404, 409, 413, 422],
      },
    },
  },
  {
    path: "/api/v1/notifications",
    operations: {
      get: {
        tag: "notifications",
        access: "read",
        summary: "The caller's notifications",
        description: "In the caller's active organisation (or `orgId`), newest first, each with its sentence in the caller's language; `unread` counts the unread ones.",
        query: [
          q("unread", "`1`: only unread ones.", enumOf(["1", "true"])),
          q("before", "Older than this instant (the last `createdAt` of the previous page).", time),
          q("limit", "1…200 (default 50).", { type: "integer", minimum: 1, maximum: 200 }),
          q("orgId", "An organisation the caller belongs to (default: their active one)."),
        ],
        ok: ok("The notifications.", { notifications: arr(ref("Notification")), unread: int }),
        errors: [400, 404],
      },
    },
  },
  {
    path: "/api/v1/notifications/read",
    operations: {
      post: {
        tag: "notifications",
        access: "write",
        summary: "Mark notifications as read",
        description: "`{ids:[…]}` (up to 500; ids that are not the caller's are ignored) or `{all:true}` (every unread one in the organisation).",
        body: { schema: "NotificationsReadInput" },
        ok: ok("How many changed and how many are left unread.", { updated: int, unread: int }),
        errors: [400, 404, 413, 422],
      },
    },
  },
  {
    path: "/api/v1/programs/{programId}/ideas",
    operations: {
      get: {
        tag: "frontline",
        access: "read",
        summary: "The program's frontline ideas, newest first",
        description: "Each with what became of it: new, triaged into a loop cycle, part of an initiative, done, or dismissed with the reason.",
        query: [q("mine", "`1` for the caller's own ideas only.", enumOf(["1", "true"])), q("page", "Page number, from 1.", int), q("pageSize", "Ideas per page (≤ 200).", int)],
        ok: ok("One page of ideas.", { items: arr(ref("Idea")), total: int, page: int, pageSize: int }),
        errors: [404],
      },
      post: {
        tag: "frontline",
        access: "write",
        summary: "Send an idea to the idea box",
        description:
          "JSON without a photo, or multipart/form-data with the same fields and an optional `photo` (JPEG, PNG or WebP by its content, ≤ 5 MB). Stored as a feedback record (source `idea`, origin `frontline`) addressed to the open small-loop cycle; it lands in the feedback inbox as new. Needs idea.submit (not viewers, not the CX office).",
        body: {
          schema: "IdeaInput",
          multipart: obj({ text: str, title: str, mapId: str, touchpointId: str, photo: { type: "string", contentMediaType: "image/*" } }, ["text"]),
        },
        ok: ok("The idea.", { idea: ref("Idea") }, 201),
        errors: [400, 403, 404, 413, 422],
      },
    },
  },
  {
    path: "/api/v1/programs/{programId}/ideas/{ideaId}/photo",
    operations: {
      get: {
        tag: "frontline",
        access: "read",
        summary: "An idea's photo",
        description: "Shown inline with its stored type (image/jpeg, image/png or image/webp), never sniffed.",
        ok: { status: 200, description: "The image.", contentType: "image/*" },
        errors: [404],
      },
    },
  },
  {
    path: "/api/v1/programs/{programId}/leaderboard",
    operations: {
      get: {
        tag: "frontline",
        access: "read",
        summary: "The frontline leaderboard of a month or quarter",
        description:
          "People ranked by recognitions received (nominations approved or rewarded, by the day they were approved) and by ideas adopted (triaged into a loop cycle or linked to an initiative, by the first of these). Ties share a rank; people who opted out are not listed. Periods in China Standard Time.",
        query: [q("period", "`month` (default), `quarter`, a month `2026-11` or a quarter `2026-Q4`. Malformed, impossible or future → 400.")],
        ok: ok("The rankings.", {
          period: obj({ key: str, kind: enumOf(["month", "quarter"]), year: int, index: int, firstDay: day, lastDay: day, from: time, to: time, current: bool }),
          recognitions: arr(ref("LeaderboardRow")),
          ideasAdopted: arr(ref("LeaderboardRow")),
          me: obj({ hidden: bool, recognitions: int, ideasAdopted: int }),
          definition: obj({ recognitions: str, ideasAdopted: str }),
        }),
        errors: [400, 404],
      },
    },
  },
  {
    path: "/api/v1/office/report",
    operations: {
      get: {
        tag: "office",
        access: "read",
        summary: "The CEO report's numbers for a period",
        description:
          "What the report page (/office/report) and its PDF show, as JSON. Without `period`: the last full quarter. Needs the CX office or admin role in the organisation, or leadership/owner in a program (403 otherwise).",
        query: [
          q("period", "A quarter `2026-Q4` or a month `2026-11`. Malformed, before the organisation's history, or more than one period ahead → 400."),
          q("org", "An organisation the caller belongs to (default: their active one)."),
        ],
        ok: ok("The report.", { report: ref("CeoReport") }),
        errors: [400, 403, 404],
      },
    },
  },
  {
    path: "/api/v1/programs/{programId}/trace/{kind}/{id}",
    operations: {
      get: {
        tag: "office",
        access: "read",
        summary: "Traceability of a KPI or an initiative",
        description: "Follows the links back to pain points, evidence, journey maps and the vision standard served, and forward to every initiative addressing those pain points and the KPIs measuring them.",
        ok: ok("The trace.", { trace: ref("Trace") }),
        errors: [404],
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
