/** GET /api/v1/openapi.json → the OpenAPI 3.1 document of every /api/v1 route (public, no sign-in needed). */
import type { ActionFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { localeFor } from "../i18n/locale.server";
import { openApiDocument } from "../models/openapi.server";
import { methodNotAllowed } from "../utils/api.server";

export async function loader() {
  return json(openApiDocument(), { headers: { "Cache-Control": "public, max-age=300", "Access-Control-Allow-Origin": "*" } });
}

export async function action({ request }: ActionFunctionArgs) {
  return methodNotAllowed(await localeFor(request));
}
