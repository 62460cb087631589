/**
 * The CEO report (step 6): /office/report?period=2026-Q4 (quarters) or ?period=2026-11 (months);
 * without a period, the last full quarter. A period picker, Print (the page's print stylesheet:
 * A4, no app chrome, a page per section) and Download PDF (office.report[.]pdf, printed from this
 * very page). A malformed period, one before the organisation's history or more than one period
 * ahead answers 400 with the reason in the user's language and the picker to choose another.
 * Who may read it: the CX office and admins (every program of the organisation), leadership and
 * owners (their programs); anyone else gets 403.
 */
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import type { Locale } from "~/i18n/config";
import { tFor } from "~/i18n/config";
import { CeoReportView } from "~/components/report/ceo-report-view";
import { RouteError } from "~/components/route-error";
import { Alert, Button, buttonClasses, Select } from "~/components/ui";
import { buildCeoReport, requireReportScope } from "~/models/ceo-report.server";
import { pickReportPeriod, reportPeriodRange, type PeriodRange } from "~/models/report-period-range.server";
import { DomainError } from "~/models/domain.server";
import { localName } from "~/models/org.server";
import { periodLabel, type ReportPeriod } from "~/models/report-period";
import { runDomain } from "~/utils/domain-http.server";
import { requireOrgContext } from "~/utils/org-context.server";
import { pageTitle } from "~/utils/root-data";
import printStyles from "~/styles/report-print.css";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "report.title");

export const links: LinksFunction = () => [{ rel: "stylesheet", href: printStyles }];

const pickerOptions = (range: PeriodRange) => ({
  quarters: range.options.quarters.map((p) => ({ key: p.key, kind: p.kind, year: p.year, index: p.index })),
  months: range.options.months.map((p) => ({ key: p.key, kind: p.kind, year: p.year, index: p.index })),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, locale, activeOrg } = await requireOrgContext(request);
  if (!activeOrg) throw redirect("/office");
  const viewer = { userId: user.id, orgId: activeOrg.id, locale };
  const scope = await runDomain(locale, () => requireReportScope(viewer));
  const range = await reportPeriodRange(activeOrg.id);
  const raw = new URL(request.url).searchParams.get("period");
  const orgName = localName(activeOrg, locale);
  let period: ReportPeriod;
  try {
    period = pickReportPeriod(range, raw);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return json(
      { state: "invalid" as const, message: String(tFor(locale)(error.key, error.vars ?? {})), requested: (raw ?? "").slice(0, 40), options: pickerOptions(range), orgName, report: null },
      { status: 400 },
    );
  }
  const report = await buildCeoReport(viewer, period, { today: range.today, scope });
  return json({ state: "ok" as const, message: null, requested: period.key, options: pickerOptions(range), orgName, report });
}

type PickerOption = { key: string; kind: ReportPeriod["kind"]; year: number; index: number };

function PeriodPicker({ options, value }: { options: { quarters: PickerOption[]; months: PickerOption[] }; value: string }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const known = [...options.quarters, ...options.months].some((o) => o.key === value);
  return (
    <Form method="get" className="flex flex-wrap items-end gap-2" data-testid="period-picker">
      <label className="min-w-0 flex-1 sm:flex-none">
        <span className="mb-1 block text-xs font-medium text-slate-600">{t("report.picker.label")}</span>
        <Select name="period" defaultValue={known ? value : options.quarters[1]?.key} className="w-full sm:w-56">
          <optgroup label={t("report.picker.quarters")}>
            {options.quarters.map((o) => (
              <option key={o.key} value={o.key}>
                {periodLabel(o, locale)}
              </option>
            ))}
          </optgroup>
          <optgroup label={t("report.picker.months")}>
            {options.months.map((o) => (
              <option key={o.key} value={o.key}>
                {periodLabel(o, locale)}
              </option>
            ))}
          </optgroup>
        </Select>
      </label>
      <Button type="submit" variant="secondary">
        {t("report.picker.show")}
      </Button>
    </Form>
  );
}

export default function CeoReportPage() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const key = data.report?.period.key ?? data.requested;
  return (
    <div className="space-y-5">
      <div className="flex flex-col gap-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:flex-row sm:items-end sm:justify-between print:hidden" data-testid="report-toolbar">
        <PeriodPicker options={data.options} value={key} />
        {data.report ? (
          <div className="flex flex-wrap gap-2">
            <Button type="button" variant="secondary" onClick={() => window.print()} data-testid="report-print">
              {t("report.print")}
            </Button>
            <a
              href={`/office/report.pdf?period=${encodeURIComponent(data.report.period.key)}`}
              className={buttonClasses("primary")}
              download={`cx-report-${data.report.period.key}.pdf`}
              data-testid="report-pdf"
            >
              {t("report.downloadPdf")}
            </a>
          </div>
        ) : null}
      </div>
      {data.state === "invalid" ? (
        <Alert tone="danger" title={t("report.errors.title")} className="print:hidden">
          <span data-testid="report-period-error">{data.message}</span>
        </Alert>
      ) : null}
      {data.report ? <CeoReportView report={data.report} orgName={data.orgName} /> : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <RouteError />;
}
