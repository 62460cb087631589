/** GET /api/v1/docs/:docName/versions/:versionId → {version, state: base64 Yjs update} for a read-only view. */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { docService } from "../models/doc.server";
import { requireDocApi } from "../models/doc-access.server";
import { httpError } from "../utils/http.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { locale, doc } = await requireDocApi(request, params.docName, "view");
  const found = await docService().readVersion(doc.docName, params.versionId ?? "");
  if (!found) throw httpError(locale, 404);
  return json({ version: found.version, state: Buffer.from(found.state).toString("base64") });
}
