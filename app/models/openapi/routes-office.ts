/** The /api/v1 routes of step 6 (the CX office, comments, notifications, traceability, export and import), as documented in the OpenAPI document. */
import { INITIATIVE_KINDS } from "../initiative";
import { BOARD_STATUSES } from "../kpi-board";
import { COMMENT_TARGET_TYPES } from "../comments";
import { str, strOrNull, int, bool, anyObj, ref, arr, obj, enumOf, day, time, ok, q, type RouteDoc } from "./json-schema";

export const OFFICE_ROUTES: RouteDoc[] = [
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
