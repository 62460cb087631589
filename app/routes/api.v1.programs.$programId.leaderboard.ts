/**
 * GET /api/v1/programs/:programId/leaderboard?period= → {period, definition, recognitions,
 * ideasAdopted, me}: people ranked by recognitions received (nominations approved or rewarded,
 * by the day they were approved) and ideas adopted (triaged into a loop cycle or linked to an
 * initiative) in the period — `month` (default), `quarter`, `2026-11` or `2026-Q4` (China Standard
 * Time). Ties share a rank. People who opted out are not listed; `me` has the caller's own numbers.
 * A malformed, impossible or future period → 400 with a message.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { tFor } from "../i18n/config";
import { requireProgramApiActor } from "../models/journey-api.server";
import { getLeaderboard, requirePeriod } from "../models/leaderboard.server";
import { runDomain } from "../utils/domain-http.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, locale } = await requireProgramApiActor(request, params.programId);
  const raw = new URL(request.url).searchParams.get("period");
  const board = await runDomain(locale, async () => getLeaderboard(actor, requirePeriod(raw)));
  const t = tFor(locale);
  return json(
    {
      ...board,
      definition: { recognitions: String(t("leaderboard.definition.recognitions")), ideasAdopted: String(t("leaderboard.definition.ideas")) },
    },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}
