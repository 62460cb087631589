/**
 * GET  /api/v1/docs/:docName/versions → {versions:[{id,name,createdAt,createdBy}]} (may view the doc)
 * POST /api/v1/docs/:docName/versions {name} → 201 {version} (may edit the doc; audited)
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { z } from "zod";
import { docService } from "../models/doc.server";
import { methodNotAllowed, parseJsonBody } from "../utils/api.server";
import { requireDocApi } from "../models/doc-access.server";
import { localeFor } from "../i18n/locale.server";

export const CreateVersionSchema = z.object({
  name: z.string().trim().min(1, "validation.required").max(120, "validation.tooLong"),
});

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { doc } = await requireDocApi(request, params.docName, "view");
  return json({ versions: await docService().listVersions(doc.docName) });
}

export async function action({ request, params }: ActionFunctionArgs) {
  if (request.method !== "POST") return methodNotAllowed(await localeFor(request));
  const { user, locale, doc } = await requireDocApi(request, params.docName, "edit");
  const body = await parseJsonBody(request, CreateVersionSchema, locale);
  const version = await docService().createVersion(doc.docName, body.name, user.id);
  return json({ version }, { status: 201 });
}
