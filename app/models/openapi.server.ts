/**
 * The OpenAPI 3.1 document of the REST API, served at GET /api/v1/openapi.json.
 * Request bodies are generated from the same zod schemas the routes and models parse with
 * (z.toJSONSchema, input side), so the document cannot drift from what is accepted; responses
 * describe their top-level fields. Every file `app/routes/api.v1.*` has its paths in one of the
 * route lists of `./openapi/routes-*.ts` — tests/integration/openapi.test.ts reads the routes
 * directory and fails on any route left out.
 */
import { obj, ref, str, type Access, type JsonSchema, type Method, type Operation, type RouteDoc } from "./openapi/json-schema";
import { requestSchemas } from "./openapi/request-schemas";
import { RESPONSE_SCHEMAS } from "./openapi/response-schemas";
import { CORE_ROUTES } from "./openapi/routes-core";
import { FRONTLINE_ROUTES } from "./openapi/routes-frontline";
import { ITERATE_ROUTES } from "./openapi/routes-iterate";
import { JOURNEY_ROUTES } from "./openapi/routes-journeys";
import { OFFICE_ROUTES } from "./openapi/routes-office";

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

/** Every /api/v1 route. */
export const API_ROUTES: RouteDoc[] = [...CORE_ROUTES, ...JOURNEY_ROUTES, ...ITERATE_ROUTES, ...FRONTLINE_ROUTES, ...OFFICE_ROUTES];

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
