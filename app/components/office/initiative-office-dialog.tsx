/**
 * The office's controls for one initiative in the portfolio, in a dialog: the health as computed
 * and why, the override (a colour and a required reason; who and when shown; "clear override"
 * restores the computed health) and the owning office team. Posts to /office/portfolio with
 * intent=override | clearOverride | setTeam; closes when the change is saved.
 */
import { useFetcher } from "@remix-run/react";
import { useEffect, useId, useState } from "react";
import { useTranslation } from "~/i18n/react";
import type { Locale } from "~/i18n/config";
import type { OfficeTeamKey } from "~/models/office-teams";
import { teamNameKey } from "~/models/office-teams";
import type { PortfolioItem } from "~/models/portfolio.server";
import { HEALTH_REASON_MAX_CHARS } from "~/models/portfolio";
import { RAG_HEALTHS } from "~/models/rag-health";
import { isApiErrorBody } from "~/utils/http";
import { Alert, Button, cn, Dialog, DialogContent, DialogTrigger, Field, Select, Textarea } from "../ui";
import { HealthBadge, HealthReasons, healthDotClass, OverrideNote } from "./health";

type Item = Pick<PortfolioItem, "id" | "title" | "programName" | "health" | "computedHealth" | "reasons" | "override" | "team" | "status">;

function useSaved(fetcher: { state: string; data: unknown }, onSaved: () => void) {
  useEffect(() => {
    if (fetcher.state === "idle" && fetcher.data && !isApiErrorBody(fetcher.data)) onSaved();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [fetcher.state, fetcher.data]);
}

export function InitiativeOfficeDialog({
  item,
  teams,
  locale,
  triggerClassName,
}: {
  item: Item;
  teams: { id: string; key: OfficeTeamKey }[];
  locale: Locale;
  triggerClassName?: string;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const override = useFetcher<unknown>();
  const clear = useFetcher<unknown>();
  const team = useFetcher<unknown>();
  const [health, setHealth] = useState<string>(item.override?.health ?? "");
  const radioName = useId();
  const closed = item.status === "done" || item.status === "dropped";
  useSaved(override, () => setOpen(false));
  useSaved(clear, () => setOpen(false));
  useSaved(team, () => setOpen(false));
  useEffect(() => {
    if (open) setHealth(item.override?.health ?? "");
  }, [open, item.override?.health]);

  const overrideError = isApiErrorBody(override.data) ? override.data.error : null;
  const teamError = isApiErrorBody(team.data) ? team.data.error : null;
  const clearError = isApiErrorBody(clear.data) ? clear.data.error : null;

  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button
          variant="secondary"
          size="sm"
          className={triggerClassName}
          data-testid="manage-initiative"
          aria-label={t("portfolio.manageFor", { title: item.title })}
        >
          {t("portfolio.manage")}
        </Button>
      </DialogTrigger>
      <DialogContent title={item.title} description={item.programName} className="max-h-[calc(100vh-2rem)] max-w-lg overflow-y-auto">
        <div className="space-y-5" data-testid="office-dialog">
          <section aria-labelledby={`${radioName}-now`} className="space-y-2">
            <h3 id={`${radioName}-now`} className="text-sm font-semibold text-slate-900">
              {t("portfolio.dialog.healthNow")}
            </h3>
            <div className="flex flex-wrap items-center gap-2">
              <HealthBadge health={item.health} overridden={!!item.override} />
              {item.override ? (
                <span className="text-xs text-slate-500">{t("rag.computedWas", { health: t(`rag.health.${item.computedHealth}`) })}</span>
              ) : null}
            </div>
            <HealthReasons reasons={item.reasons} />
            {item.override ? (
              <div className="space-y-2">
                <OverrideNote override={item.override} computed={item.computedHealth} locale={locale} />
                <clear.Form method="post" action="/office/portfolio">
                  <input type="hidden" name="intent" value="clearOverride" />
                  <input type="hidden" name="initiativeId" value={item.id} />
                  <Button type="submit" variant="ghost" size="sm" busy={clear.state !== "idle"} data-testid="clear-override">
                    {t("portfolio.dialog.clear")}
                  </Button>
                </clear.Form>
                {clearError ? (
                  <p className="text-sm text-red-700" role="alert">
                    {clearError.message}
                  </p>
                ) : null}
              </div>
            ) : null}
          </section>

          {closed ? (
            <Alert tone="info">{t("portfolio.dialog.closedNoHealth")}</Alert>
          ) : (
            <override.Form method="post" action="/office/portfolio" className="space-y-3 border-t border-slate-100 pt-4" data-testid="override-form">
              <input type="hidden" name="intent" value="override" />
              <input type="hidden" name="initiativeId" value={item.id} />
              <fieldset>
                <legend className="text-sm font-semibold text-slate-900">
                  {item.override ? t("portfolio.dialog.changeOverride") : t("portfolio.dialog.override")}
                </legend>
                <p className="mt-1 text-xs leading-5 text-slate-600">{t("portfolio.dialog.overrideHint")}</p>
                <div className="mt-2 flex flex-wrap gap-2">
                  {RAG_HEALTHS.map((h) => (
                    <label
                      key={h}
                      className={cn(
                        "inline-flex cursor-pointer items-center gap-2 rounded-md border px-3 py-1.5 text-sm has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-brand-500",
                        health === h ? "border-brand-600 bg-brand-50 font-medium text-slate-900" : "border-slate-300 bg-white text-slate-700 hover:bg-slate-50"
                      )}
                    >
                      <input
                        type="radio"
                        name="health"
                        value={h}
                        checked={health === h}
                        onChange={() => setHealth(h)}
                        className="sr-only"
                        data-testid={`override-${h}`}
                      />
                      <span className={cn("h-2.5 w-2.5 rounded-full", healthDotClass(h))} aria-hidden />
                      {t(`rag.health.${h}`)}
                    </label>
                  ))}
                </div>
                {overrideError?.fields?.["healthOverride.health"] ? (
                  <p className="mt-1.5 text-sm text-red-700" role="alert">
                    {overrideError.fields["healthOverride.health"]}
                  </p>
                ) : null}
              </fieldset>
              <Field label={t("portfolio.dialog.reason")} hint={t("portfolio.dialog.reasonHint")} error={overrideError?.fields?.["healthOverride.reason"]}>
                <Textarea name="reason" rows={3} maxLength={HEALTH_REASON_MAX_CHARS} defaultValue={item.override?.reason ?? ""} data-testid="override-reason" />
              </Field>
              {overrideError && !overrideError.fields ? (
                <p className="text-sm text-red-700" role="alert">
                  {overrideError.message}
                </p>
              ) : null}
              <div className="flex justify-end">
                <Button type="submit" busy={override.state !== "idle"} data-testid="override-submit">
                  {t("portfolio.dialog.saveOverride")}
                </Button>
              </div>
            </override.Form>
          )}

          <team.Form method="post" action="/office/portfolio" className="space-y-3 border-t border-slate-100 pt-4">
            <input type="hidden" name="intent" value="setTeam" />
            <input type="hidden" name="initiativeId" value={item.id} />
            <Field
              label={t("portfolio.dialog.team")}
              hint={t("portfolio.dialog.teamHint")}
              error={teamError?.fields?.owningTeamId ?? (teamError && !teamError.fields ? teamError.message : undefined)}
            >
              <Select name="teamId" defaultValue={item.team?.id ?? ""} data-testid="team-select">
                <option value="">{t("portfolio.noTeam")}</option>
                {teams.map((tm) => (
                  <option key={tm.id} value={tm.id}>
                    {t(teamNameKey(tm.key))}
                  </option>
                ))}
              </Select>
            </Field>
            <div className="flex justify-end">
              <Button type="submit" variant="secondary" busy={team.state !== "idle"} data-testid="team-submit">
                {t("portfolio.dialog.saveTeam")}
              </Button>
            </div>
          </team.Form>
        </div>
      </DialogContent>
    </Dialog>
  );
}
