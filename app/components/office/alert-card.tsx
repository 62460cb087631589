/**
 * One KPI alert in the alerts panel: which KPI of which program, what happened (the value against
 * the threshold, or "no value since …"), when it was detected, whether the KPI has recovered since,
 * who acknowledged it with what note — and, for those allowed, "Acknowledge" with an optional note
 * in a dialog. The alert a notification points to is highlighted and scrolled into view.
 */
import { Link, useFetcher } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "~/i18n/react";
import { formatKpiValue } from "~/models/kpi";
import { ACK_NOTE_MAX_CHARS } from "~/models/kpi-alerts";
import type { KpiAlertView } from "~/models/kpi-alerts.server";
import { formatDay } from "~/models/notification-text";
import { formatDateTime } from "~/utils/format";
import { isApiErrorBody, type ApiErrorBody } from "~/utils/http";
import { useLocale } from "~/utils/root-data";
import { Alert, Badge, Button, Dialog, DialogClose, DialogContent, DialogFooter, DialogTrigger, Field, Textarea } from "../ui";
import { CheckCircleIcon, LinkIcon } from "../ui/icons";
import { cn } from "../ui/cn";

type AckResult = { ok: true; alertId: string } | ApiErrorBody;

function AcknowledgeDialog({ alert }: { alert: KpiAlertView }) {
  const { t } = useTranslation();
  const fetcher = useFetcher<AckResult>();
  const [open, setOpen] = useState(false);
  const data = fetcher.data;
  const fields = isApiErrorBody(data) ? data.error.fields ?? {} : {};
  useEffect(() => {
    if (fetcher.state === "idle" && data && !isApiErrorBody(data)) setOpen(false);
  }, [fetcher.state, data]);
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button size="sm" data-testid="alert-acknowledge">
          <CheckCircleIcon className="h-4 w-4" />
          {t("office.alerts.acknowledge")}
        </Button>
      </DialogTrigger>
      <DialogContent title={t("office.alerts.ackTitle", { kpi: alert.kpi.name })} description={t("office.alerts.ackDescription")}>
        <fetcher.Form method="post" className="space-y-4" data-testid="acknowledge-form">
          <input type="hidden" name="intent" value="acknowledge" />
          <input type="hidden" name="alertId" value={alert.id} />
          <Field label={t("office.alerts.note")} optionalLabel={t("ui.optional")} hint={t("office.alerts.noteHint")} error={fields.note}>
            <Textarea name="note" rows={3} maxLength={ACK_NOTE_MAX_CHARS} />
          </Field>
          {isApiErrorBody(data) && !data.error.fields ? <Alert tone="danger">{data.error.message}</Alert> : null}
          <DialogFooter>
            <DialogClose asChild>
              <Button variant="secondary">{t("ui.cancel")}</Button>
            </DialogClose>
            <Button type="submit" busy={fetcher.state !== "idle"} data-testid="acknowledge-submit">
              {t("office.alerts.acknowledgeConfirm")}
            </Button>
          </DialogFooter>
        </fetcher.Form>
      </DialogContent>
    </Dialog>
  );
}

function programName(p: KpiAlertView["program"], locale: string) {
  return locale === "en" && p.nameEn ? p.nameEn : p.name;
}

export function AlertCard({ alert, focused }: { alert: KpiAlertView; focused: boolean }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const ref = useRef<HTMLLIElement>(null);
  const fmt = (v: number | null) => formatKpiValue(v, alert.kpi.unit, t, locale);
  useEffect(() => {
    if (focused && ref.current) {
      ref.current.scrollIntoView({ block: "center" });
      ref.current.focus({ preventScroll: true });
    }
  }, [focused]);
  const open = alert.status === "open";
  const what =
    alert.kind === "threshold"
      ? t(`office.alerts.thresholdLine_${alert.kpi.direction}`, {
          value: fmt(alert.value),
          threshold: fmt(alert.threshold),
          day: formatDay(alert.periodKey, locale),
        })
      : alert.sinceDay
      ? t("office.alerts.staleLine", { since: formatDay(alert.sinceDay, locale), due: formatDay(alert.periodKey, locale) })
      : t("office.alerts.staleNeverLine", { due: formatDay(alert.periodKey, locale) });
  const recovered =
    alert.kind === "threshold" && alert.kpi.latest
      ? t("office.alerts.recoveredThreshold", { value: fmt(alert.kpi.latest.value), day: formatDay(alert.kpi.latest.date, locale) })
      : alert.kpi.latest
      ? t("office.alerts.recoveredStale", { day: formatDay(alert.kpi.latest.date, locale) })
      : "";
  return (
    <li
      ref={ref}
      id={`alert-${alert.id}`}
      tabIndex={-1}
      className={cn(
        "relative scroll-mt-24 rounded-lg border bg-white p-4 shadow-sm focus:outline-none sm:p-5",
        open ? "border-l-4 border-slate-200 border-l-red-600" : "border-slate-200",
        focused && "ring-2 ring-brand-500 ring-offset-2"
      )}
      data-testid="alert-card"
      data-alert-id={alert.id}
      data-status={alert.status}
      data-focused={focused || undefined}
      aria-current={focused ? "true" : undefined}
    >
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0 flex-1">
          <div className="flex flex-wrap items-center gap-2">
            <Badge tone={alert.kind === "threshold" ? "danger" : "warning"}>{t(`office.alerts.kinds.${alert.kind}`)}</Badge>
            {open ? <Badge tone="danger">{t("office.alerts.statuses.open")}</Badge> : <Badge tone="neutral">{t("office.alerts.statuses.acknowledged")}</Badge>}
            {open && alert.recovered ? <Badge tone="success">{t("office.alerts.recovered")}</Badge> : null}
          </div>
          <h3 className="mt-2 text-base font-semibold text-slate-900">
            <Link
              to={alert.kpi.url}
              className="hover:text-brand-700 hover:underline focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-brand-500"
              data-testid="alert-kpi"
            >
              {alert.kpi.name}
            </Link>
          </h3>
          <p className="text-sm text-slate-600">{programName(alert.program, locale)}</p>
          <p className="mt-2 text-sm font-medium text-slate-900" data-testid="alert-what">
            {what}
          </p>
          {alert.recovered && recovered ? (
            <p className="mt-1 flex items-center gap-1.5 text-sm text-emerald-800" data-testid="alert-recovered">
              <CheckCircleIcon className="h-4 w-4 shrink-0" />
              {recovered}
            </p>
          ) : null}
          <p className="mt-1 text-xs text-slate-500">{t("office.alerts.detected", { when: formatDateTime(alert.detectedAt, locale) })}</p>
        </div>
        <div className="flex shrink-0 flex-wrap items-center gap-2">{open && alert.canAcknowledge ? <AcknowledgeDialog alert={alert} /> : null}</div>
      </div>
      {!open ? (
        <div className="mt-3 rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-700" data-testid="alert-ack">
          <p>
            {t("office.alerts.acknowledgedBy", {
              name: alert.acknowledgedBy?.name ?? t("office.alerts.formerMember"),
              when: alert.acknowledgedAt ? formatDateTime(alert.acknowledgedAt, locale) : "—",
            })}
          </p>
          {alert.note ? <p className="mt-1 whitespace-pre-line text-slate-900">“{alert.note}”</p> : null}
        </div>
      ) : null}
      <div className="mt-3 flex flex-wrap gap-x-4 gap-y-1 text-xs font-medium">
        <Link to={alert.kpi.url} className="text-brand-700 hover:underline">
          {t("office.alerts.openKpi")}
        </Link>
        <Link to={alert.kpi.traceUrl} className="inline-flex items-center gap-1 text-brand-700 hover:underline">
          <LinkIcon className="h-3.5 w-3.5" />
          {t("office.kpis.trace")}
        </Link>
      </div>
    </li>
  );
}
