/**
 * Entering values: one value by hand (a day already measured is replaced — the form says so) and
 * a CSV import (date, value, note?) that first reports every bad row with its line and only then,
 * on confirmation, writes the good rows in one go.
 */
import { useFetcher } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { useTranslation } from "~/i18n/react";
import { MEASUREMENT_NOTE_MAX_CHARS } from "~/models/kpi";
import type { MeasurementCsvReport } from "~/models/kpi-measurements.server";
import { Alert, Button, Field, Input } from "../ui";
import { isApiErrorBody, type ApiErrorBody } from "~/utils/http";

type MeasureResult = { ok: true; inserted: number; replaced: number } | ApiErrorBody;

export function MeasurementForm({ today, unitLabel }: { today: string; unitLabel: string }) {
  const { t } = useTranslation();
  const fetcher = useFetcher<MeasureResult>();
  const formRef = useRef<HTMLFormElement>(null);
  const data = fetcher.data;
  const fields = isApiErrorBody(data) ? (data.error.fields ?? {}) : {};
  const okKey = data && !isApiErrorBody(data) ? (data.replaced ? "kpis.measure.replaced" : "kpis.measure.added") : null;
  // Clear the value once, when a saved answer arrives (not when revalidation ends: the user may be typing the next one).
  useEffect(() => {
    if (data && !isApiErrorBody(data)) {
      const v = formRef.current?.querySelector<HTMLInputElement>('input[name="value"]');
      if (v) v.value = "";
      const n = formRef.current?.querySelector<HTMLInputElement>('input[name="note"]');
      if (n) n.value = "";
    }
  }, [data]);
  return (
    <fetcher.Form method="post" ref={formRef} noValidate className="space-y-3" data-testid="measurement-form">
      <input type="hidden" name="intent" value="measure" />
      <div className="grid gap-3 sm:grid-cols-[10rem_9rem_minmax(0,1fr)_auto] sm:items-end">
        <Field label={t("kpis.measure.date")} error={fields.date}>
          <Input type="date" name="date" defaultValue={today} max={today} required />
        </Field>
        <Field label={unitLabel ? t("kpis.measure.valueWithUnit", { unit: unitLabel }) : t("kpis.measure.value")} error={fields.value}>
          <Input name="value" inputMode="decimal" required />
        </Field>
        <Field label={t("kpis.measure.note")} optionalLabel={t("ui.optional")} error={fields.note}>
          <Input name="note" maxLength={MEASUREMENT_NOTE_MAX_CHARS} />
        </Field>
        <Button type="submit" busy={fetcher.state !== "idle"}>
          {t("kpis.measure.submit")}
        </Button>
      </div>
      <p className="text-xs text-slate-500">{t("kpis.measure.rule")}</p>
      {okKey ? (
        <p role="status" className="text-sm text-emerald-800">
          {t(okKey)}
        </p>
      ) : null}
      {isApiErrorBody(data) && !data.error.fields ? <Alert tone="danger">{data.error.message}</Alert> : null}
    </fetcher.Form>
  );
}

type CsvPreview = Omit<MeasurementCsvReport, "valid"> & { validCount: number };
type CsvResult = { preview: CsvPreview } | { imported: { inserted: number; replaced: number; skipped: number } } | ApiErrorBody;

export function MeasurementCsvImport() {
  const { t } = useTranslation();
  const fetcher = useFetcher<CsvResult>();
  const data = fetcher.data;
  const preview = data && "preview" in data ? data.preview : null;
  const imported = data && "imported" in data ? data.imported : null;
  const busyIntent = fetcher.state !== "idle" ? fetcher.formData?.get("intent") : null;
  return (
    <fetcher.Form method="post" encType="multipart/form-data" className="space-y-3" data-testid="csv-import">
      <p className="text-sm text-slate-600">{t("kpis.csv.help")}</p>
      <pre className="rounded bg-slate-50 px-3 py-2 text-xs text-slate-700">date,value,note{"\n"}2026-03-02,42.5,{t("kpis.csv.exampleNote")}</pre>
      <div className="flex flex-wrap items-end gap-3">
        <Field label={t("kpis.csv.file")}>
          <Input type="file" name="file" accept=".csv,.txt,text/csv" className="py-1.5" />
        </Field>
        <Button type="submit" name="intent" value="csvPreview" variant="secondary" busy={busyIntent === "csvPreview"}>
          {t("kpis.csv.check")}
        </Button>
      </div>
      {isApiErrorBody(data) ? (
        <Alert tone="danger">{data.error.fields?.file ?? data.error.message}</Alert>
      ) : null}
      {imported ? (
        <Alert tone="success" title={t("kpis.csv.done", { inserted: imported.inserted, replaced: imported.replaced })}>
          {imported.skipped ? t("kpis.csv.skipped", { count: imported.skipped }) : null}
        </Alert>
      ) : null}
      {preview ? (
        <div className="space-y-3 rounded-md border border-slate-200 p-3" data-testid="csv-report">
          <p className="text-sm text-slate-800">
            {t("kpis.csv.summary", { total: preview.total, valid: preview.validCount, bad: preview.errorRows })}
            {preview.duplicateDays ? ` ${t("kpis.csv.duplicates", { count: preview.duplicateDays })}` : ""}
          </p>
          {preview.errors.length ? (
            <div className="max-h-60 overflow-y-auto">
              <table className="w-full text-left text-sm">
                <thead className="text-xs text-slate-500">
                  <tr>
                    <th className="py-1 pr-3 font-medium">{t("kpis.csv.line")}</th>
                    <th className="py-1 pr-3 font-medium">{t("kpis.csv.field")}</th>
                    <th className="py-1 pr-3 font-medium">{t("kpis.csv.problem")}</th>
                    <th className="py-1 font-medium">{t("kpis.csv.valueCol")}</th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {preview.errors.map((e, i) => (
                    <tr key={i} data-testid="csv-error">
                      <td className="py-1 pr-3 tabular-nums">{e.line}</td>
                      <td className="py-1 pr-3">{t(`kpis.csv.fields.${e.field}`)}</td>
                      <td className="py-1 pr-3">{t(`kpis.csv.rowErrors.${e.code}`)}</td>
                      <td className="py-1 font-mono text-xs">{e.value}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}
          {preview.validCount ? (
            <Button type="submit" name="intent" value="csvImport" busy={busyIntent === "csvImport"} data-testid="csv-confirm">
              {t("kpis.csv.confirm", { count: preview.validCount })}
            </Button>
          ) : (
            <p className="text-sm text-red-700">{t("kpis.csv.nothingToImport")}</p>
          )}
        </div>
      ) : null}
    </fetcher.Form>
  );
}
