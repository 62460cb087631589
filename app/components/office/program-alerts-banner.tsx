/**
 * The KPI registry's alert banner: the program's open KPI alerts (each linking to it on the CX
 * office's KPI board, where it is acknowledged) and which KPIs are past their threshold right now.
 * Nothing when there is neither.
 */
import { Link } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { formatKpiValue } from "~/models/kpi";
import type { ProgramOpenAlert } from "~/models/kpi-alerts.server";
import { formatDay } from "~/models/notification-text";
import { useLocale } from "~/utils/root-data";
import { Alert } from "../ui";

export function ProgramAlertsBanner({ openAlerts, pastThreshold }: { openAlerts: ProgramOpenAlert[]; pastThreshold: string[] }) {
  const { t } = useTranslation();
  const locale = useLocale();
  if (openAlerts.length === 0 && pastThreshold.length === 0) return null;
  const title = openAlerts.length
    ? t("office.registryBanner.openAlerts", { count: openAlerts.length })
    : t("kpis.registry.alerts", { count: pastThreshold.length });
  return (
    <Alert tone="danger" className="mb-4" title={title}>
      <div data-testid="program-alerts-banner">
        {openAlerts.length ? (
          <ul className="mt-1 space-y-1">
            {openAlerts.map((a) => {
              const fmt = (v: number | null) => formatKpiValue(v, a.unit, t, locale);
              const what =
                a.kind === "threshold"
                  ? t("office.registryBanner.threshold", { value: fmt(a.value), threshold: fmt(a.threshold), day: formatDay(a.periodKey, locale) })
                  : t("office.registryBanner.stale", { due: formatDay(a.periodKey, locale) });
              return (
                <li key={a.id} className="flex flex-wrap items-baseline gap-x-2">
                  <span className="font-medium">{a.kpiName}</span>
                  <span>{what}</span>
                  <Link to={a.url} className="font-medium text-red-800 underline underline-offset-2 hover:text-red-950" data-testid="program-alert-link">
                    {t("office.registryBanner.review")}
                  </Link>
                </li>
              );
            })}
          </ul>
        ) : null}
        {pastThreshold.length && openAlerts.length ? (
          <p className="mt-2 text-red-900/80">{t("office.registryBanner.pastNow", { names: pastThreshold.join(t("kpis.listSeparator")) })}</p>
        ) : pastThreshold.length ? (
          <p>{pastThreshold.join(t("kpis.listSeparator"))}</p>
        ) : null}
      </div>
    </Alert>
  );
}
