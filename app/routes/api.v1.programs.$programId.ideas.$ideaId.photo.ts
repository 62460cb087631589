/**
 * GET /api/v1/programs/:programId/ideas/:ideaId/photo → the idea's photo, to anyone who can see the
 * program: our stored image type (JPEG, PNG or WebP, checked by magic bytes on upload), shown
 * inline, sandboxed, never sniffed (server/app.ts sets nosniff on every response). 404 when the idea has no photo (or is not in the program).
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { readIdeaPhoto } from "../models/ideas.server";
import { requireProgramApiActor } from "../models/journey-api.server";
import { runDomain } from "../utils/domain-http.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, locale } = await requireProgramApiActor(request, params.programId);
  const photo = await runDomain(locale, () => readIdeaPhoto(actor, params.ideaId));
  const ext = photo.mime === "image/png" ? "png" : photo.mime === "image/webp" ? "webp" : "jpg";
  return new Response(new Uint8Array(photo.body), {
    status: 200,
    headers: {
      "Content-Type": photo.mime,
      "Content-Length": String(photo.body.byteLength),
      "Content-Disposition": `inline; filename="idea-${params.ideaId}.${ext}"`,
      "Content-Security-Policy": "default-src 'none'; sandbox",
      "Cache-Control": "private, max-age=3600",
    },
  });
}
