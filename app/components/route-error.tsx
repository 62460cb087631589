/** What a failed page shows: the status, the server's message in the user's language, and a way on. */
import { isRouteErrorResponse, Link, useRouteError } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { isApiErrorBody } from "../utils/http";
import { buttonClasses } from "./ui/button";

export function RouteError({ compact = false }: { compact?: boolean }) {
  const error = useRouteError();
  const { t } = useTranslation();
  let status = 500;
  let message = t("errors.internal");
  if (isRouteErrorResponse(error)) {
    status = error.status;
    message = isApiErrorBody(error.data)
      ? error.data.error.message
      : t(status === 404 ? "errors.not_found" : status === 403 ? "errors.forbidden" : "errors.internal");
  }
  const heading = status === 404 ? t("errorPage.notFound") : status === 403 ? t("errorPage.forbidden") : t("errorPage.generic");
  return (
    <div className={compact ? "px-1 py-8" : "mx-auto max-w-xl px-4 py-16 text-center"} data-testid="route-error">
      <p className="text-sm font-semibold text-brand-700">{t("errorPage.status", { status })}</p>
      <h1 className="mt-2 text-2xl font-semibold text-slate-900">{heading}</h1>
      <p className="mt-2 text-sm leading-6 text-slate-600">{message}</p>
      <div className={compact ? "mt-6" : "mt-6 flex justify-center"}>
        <Link to="/programs" className={buttonClasses("secondary")}>
          {t("errorPage.back")}
        </Link>
      </div>
    </div>
  );
}
