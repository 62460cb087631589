/**
 * The office's place in the organisation, drawn as a small org chart: the CEO, the central CX
 * office reporting to the CEO directly, and its three teams (seed 004: each team reports to the
 * CEO directly, so management stays central and every team answers for its CX results).
 */
import { useTranslation } from "~/i18n/react";
import { teamNameKey, type OfficeTeamKey } from "~/models/office-teams";

export function ReportingLine({ orgName, teams }: { orgName: string; teams: { key: OfficeTeamKey; leadName: string | null }[] }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="reporting-heading" className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:p-5" data-testid="reporting-line">
      <h2 id="reporting-heading" className="text-base font-semibold text-slate-900">
        {t("officeTeams.reporting.title")}
      </h2>
      <p className="mt-1 max-w-3xl text-sm leading-6 text-slate-600">{t("officeTeams.reporting.body")}</p>
      <div className="mt-4 flex flex-col items-center">
        <div className="rounded-md bg-slate-900 px-4 py-2 text-center text-sm font-semibold text-white shadow-sm">
          {t("officeTeams.reporting.ceo")}
          <span className="block text-xs font-normal text-slate-300">{orgName}</span>
        </div>
        <span className="h-5 w-px bg-slate-300" aria-hidden />
        <div className="rounded-md border-2 border-violet-300 bg-violet-50 px-4 py-2 text-center text-sm font-semibold text-violet-900">
          {t("office.title")}
          <span className="block text-xs font-normal text-violet-800">{t("officeTeams.reporting.reportsToCeo")}</span>
        </div>
        <span className="h-5 w-px bg-slate-300" aria-hidden />
        <ol className="relative grid w-full grid-cols-1 gap-2 sm:grid-cols-3 sm:gap-4 sm:pt-4">
          <span className="absolute left-[16.67%] right-[16.67%] top-0 hidden h-px bg-slate-300 sm:block" aria-hidden />
          {teams.map((tm) => (
            <li key={tm.key} className="relative rounded-md border border-slate-200 bg-slate-50 px-3 py-2 text-center">
              <span className="absolute -top-4 left-1/2 hidden h-4 w-px bg-slate-300 sm:block" aria-hidden />
              <span className="block text-sm font-medium text-slate-900">{t(teamNameKey(tm.key))}</span>
              <span className="block text-xs text-slate-600">{tm.leadName ? t("officeTeams.ledBy", { name: tm.leadName }) : t("officeTeams.noLead")}</span>
            </li>
          ))}
        </ol>
      </div>
    </section>
  );
}
