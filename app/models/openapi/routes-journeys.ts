/** The /api/v1 routes of step 2 (journey maps, pain points, feedback, evidence), as documented in the OpenAPI document. */
import { str, int, num, bool, anyObj, ref, arr, obj, enumOf, day, ok, q, type RouteDoc } from "./json-schema";

export const JOURNEY_ROUTES: RouteDoc[] = [
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
];
