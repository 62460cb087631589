/**
 * GET /api/v1/office/kpi-board[?programId=&kind=process|outcome&status=…&alerts=1&orgId=]
 *     → {kpis:[…], summary, programs}: the CX office's KPI board — every active KPI of every
 *     program the caller sees in the organisation (CX office and admins: all), each with its last
 *     12 values, latest value against target, trend (better | worse | flat | none), status
 *     (past_threshold | off_target | unmeasured | no_target | on_target), whether it is overdue
 *     and its open alerts; worst first. The same numbers as the board page and the CEO report.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { BoardFiltersSchema } from "../models/kpi-board";
import { listKpiBoard } from "../models/kpi-board.server";
import { requireOrgApiViewer } from "../utils/office-api.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, orgId } = await requireOrgApiViewer(request);
  const sp = new URL(request.url).searchParams;
  const filters = BoardFiltersSchema.parse({
    programId: sp.get("programId") ?? undefined,
    kind: sp.get("kind") ?? undefined,
    status: sp.get("status") ?? undefined,
    alertsOnly: sp.get("alerts") ?? undefined,
  });
  const board = await listKpiBoard({ userId: user.id, orgId }, filters);
  return json(board, { headers: { "Cache-Control": "private, no-store" } });
}
