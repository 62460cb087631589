/** Any other /api/v1 path: a JSON 404, never an HTML page. */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { localeFor } from "../i18n/locale.server";
import { httpError } from "../utils/http.server";

async function notFound({ request }: LoaderFunctionArgs) {
  return httpError(await localeFor(request), 404);
}

export const loader = notFound;
export const action = notFound;
