/** The /api/v1 routes of steps 3 and 4 (initiatives, KPIs and measurements), as documented in the OpenAPI document. */
import { INITIATIVE_KINDS } from "../initiative";
import { int, anyObj, ref, arr, obj, enumOf, day, time, ok, q, type RouteDoc } from "./json-schema";

export const ITERATE_ROUTES: RouteDoc[] = [
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
];
