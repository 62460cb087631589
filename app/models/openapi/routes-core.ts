/** The /api/v1 routes of the session, programs, the vision and live documents' versions, as documented in the OpenAPI document. */
import { str, bool, anyObj, ref, arr, enumOf, ok, q, type RouteDoc } from "./json-schema";

export const CORE_ROUTES: RouteDoc[] = [
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
];
