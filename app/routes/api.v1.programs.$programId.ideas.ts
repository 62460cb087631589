/**
 * GET  /api/v1/programs/:programId/ideas[?mine=1&page=&pageSize=] → {items, total, page, pageSize}:
 *      the program's frontline ideas, newest first, each with what became of it (stage, trail,
 *      cycle, initiatives, dismissal reason) and its photo URL.
 * POST /api/v1/programs/:programId/ideas — JSON {title?, text, mapId?, touchpointId?} without a
 *      photo, or multipart/form-data with the same fields and an optional `photo` (JPEG, PNG or
 *      WebP by its content, ≤ 5 MB) → 201 {idea}. It lands in the feedback inbox as new, addressed
 *      to the open small-loop cycle. Needs idea.submit (403 for viewers, the CX office and
 *      read-only tokens); 413 photo over 5 MB; 422 with field errors.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { z } from "zod";
import { requireCan } from "../models/domain.server";
import { listIdeas, submitIdea } from "../models/ideas.server";
import { requireProgramApiActor } from "../models/journey-api.server";
import { methodNotAllowed, parseJsonBody } from "../utils/api.server";
import { runDomain } from "../utils/domain-http.server";
import { isMultipart, readIdeaMultipart } from "../utils/idea-form.server";

const NO_STORE = { "Cache-Control": "private, no-store" };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor } = await requireProgramApiActor(request, params.programId);
  const sp = new URL(request.url).searchParams;
  const mine = sp.get("mine");
  const page = await listIdeas(actor.program.id, {
    authorId: mine === "1" || mine === "true" ? actor.user.id : undefined,
    page: Number(sp.get("page")) || 1,
    pageSize: Number(sp.get("pageSize")) || 20,
  });
  return json(page, { headers: NO_STORE });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, locale } = await requireProgramApiActor(request, params.programId, { write: true });
  if (request.method !== "POST") return methodNotAllowed(locale);
  // Refuse before reading a (possibly large) body.
  await runDomain(locale, async () => requireCan(actor, "idea.submit"));
  if (isMultipart(request)) {
    const idea = await runDomain(locale, async () => {
      const { fields, photo } = await readIdeaMultipart(request);
      return submitIdea(actor, fields, photo);
    });
    return json({ idea }, { status: 201, headers: NO_STORE });
  }
  const body = await parseJsonBody(request, z.unknown(), locale);
  const idea = await runDomain(locale, () => submitIdea(actor, body));
  return json({ idea }, { status: 201, headers: NO_STORE });
}
