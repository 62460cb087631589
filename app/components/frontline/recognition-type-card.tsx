/**
 * One entry of the recognition catalogue: the behaviour, its reward (kind, value, text), the
 * guideline reviewers evaluate against, and the agreement ("Agreed on … by 陈明 (leadership),
 * 张伟 (frontline)") with the workshop note. Editors also get edit and archive / restore.
 */
import { Link, useFetcher } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import type { RewardKind } from "~/models/recognition-catalogue";
import { formatDate, formatNumber } from "~/utils/format";
import { useLocale } from "~/utils/root-data";
import type { Locale } from "~/i18n/config";
import { Badge, Button, Card } from "../ui";
import { RecognitionTypeDialog, type CatalogueOptions } from "./recognition-type-form";

export interface RecognitionTypeCardData {
  id: string;
  programId: string;
  name: string;
  description: string;
  guideline: { id: string; title: string; archived: boolean } | null;
  reward: { kind: RewardKind; text: string; value: number };
  agreedOn: string;
  agreedNote: string;
  agreedBy: { userId: string; name: string; role: string }[];
  archivedAt: string | null;
}

/** The reward's value as people say it: "200 points", "¥500", or nothing when there is none. */
export function rewardValueText(reward: RecognitionTypeCardData["reward"], locale: Locale, t: (k: string, v?: Record<string, unknown>) => string): string {
  if (reward.kind === "bonus") {
    return formatNumber(reward.value, locale, { style: "currency", currency: "CNY", currencyDisplay: "narrowSymbol", minimumFractionDigits: 0, maximumFractionDigits: 2 });
  }
  if (reward.value <= 0) return "";
  const n = formatNumber(reward.value, locale, { maximumFractionDigits: 2 });
  return reward.kind === "points" ? t("catalogue.reward.points", { value: n }) : n;
}

function KindIcon({ kind }: { kind: RewardKind }) {
  const common = { viewBox: "0 0 16 16", className: "h-3.5 w-3.5 shrink-0", fill: "none", stroke: "currentColor", strokeWidth: 1.5, strokeLinejoin: "round" as const, strokeLinecap: "round" as const, "aria-hidden": true };
  if (kind === "points") {
    return (
      <svg {...common}>
        <path d="m8 1.8 1.9 3.9 4.3.6-3.1 3 .7 4.3L8 11.6l-3.8 2 .7-4.3-3.1-3 4.3-.6Z" />
      </svg>
    );
  }
  if (kind === "certificate") {
    return (
      <svg {...common}>
        <circle cx="8" cy="6" r="4" />
        <path d="m5.6 9.2-1.1 5 3.5-1.8 3.5 1.8-1.1-5" />
      </svg>
    );
  }
  if (kind === "bonus") {
    return (
      <svg {...common}>
        <path d="m4.5 2.5 3.5 5 3.5-5M8 7.5v6M5 8.5h6M5 11h6" />
      </svg>
    );
  }
  return (
    <svg {...common}>
      <path d="M8 2v3M8 11v3M2 8h3M11 8h3M4 4l1.8 1.8M10.2 10.2 12 12M12 4l-1.8 1.8M5.8 10.2 4 12" />
    </svg>
  );
}

/** The reward at a glance: "★ 200 points", "¥ Bonus · ¥500", "Certificate". */
export function RewardBadge({ reward }: { reward: RecognitionTypeCardData["reward"] }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const value = rewardValueText(reward, locale, (k, v) => String(t(k, v)));
  return (
    <span className="inline-flex items-center gap-1.5 whitespace-nowrap rounded-full bg-violet-50 px-2.5 py-1 text-xs font-semibold text-violet-800 ring-1 ring-inset ring-violet-200" data-testid="reward-badge">
      <KindIcon kind={reward.kind} />
      {reward.kind === "points" && value ? value : t(`catalogue.rewardKinds.${reward.kind}`)}
      {reward.kind !== "points" && value ? <span>· {value}</span> : null}
    </span>
  );
}

function ActionButton({ intent, id, label }: { intent: string; id: string; label: string }) {
  const fetcher = useFetcher();
  return (
    <fetcher.Form method="post">
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="id" value={id} />
      <Button type="submit" variant="ghost" size="sm" busy={fetcher.state !== "idle"}>
        {label}
      </Button>
    </fetcher.Form>
  );
}

export function RecognitionTypeCard({ r, canEdit, options, today }: { r: RecognitionTypeCardData; canEdit: boolean; options: CatalogueOptions; today: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const archived = r.archivedAt !== null;
  // Joined by the language's list separator (the same text on the server and in the browser).
  const people = r.agreedBy.map((a) => t("catalogue.personWithRole", { name: a.name, role: t(`roles.program.${a.role}`) })).join(t("catalogue.listSeparator"));
  return (
    <Card id={`type-${r.id}`} className="scroll-mt-24" data-testid="recognition-type">
      <article className="flex h-full flex-col gap-3 px-4 py-4 sm:px-5">
        <div className="flex flex-wrap items-start justify-between gap-2">
          <h3 className="min-w-0 text-base font-semibold leading-6 text-slate-900">{r.name}</h3>
          <div className="flex flex-wrap items-center gap-1.5">
            {archived ? <Badge tone="neutral">{t("catalogue.archivedBadge")}</Badge> : null}
            <RewardBadge reward={r.reward} />
          </div>
        </div>
        {r.description ? <p className="whitespace-pre-line break-words text-sm leading-6 text-slate-700">{r.description}</p> : null}
        <dl className="space-y-2 text-sm">
          {r.reward.text ? (
            <div>
              <dt className="text-xs font-medium text-slate-500">{t("catalogue.fields.rewardText")}</dt>
              <dd className="break-words text-slate-800">{r.reward.text}</dd>
            </div>
          ) : null}
          <div>
            <dt className="text-xs font-medium text-slate-500">{t("catalogue.evaluatedAgainst")}</dt>
            <dd className="text-slate-800">
              {r.guideline ? (
                <Link to={`/programs/${r.programId}/frontline#guideline-${r.guideline.id}`} className="text-brand-700 hover:underline">
                  {r.guideline.title}
                </Link>
              ) : (
                <span className="text-slate-500">{t("catalogue.noGuideline")}</span>
              )}
              {r.guideline?.archived ? <span className="ml-1.5 text-xs text-slate-500">({t("catalogue.guidelineArchived")})</span> : null}
            </dd>
          </div>
        </dl>
        <div className="mt-auto rounded-md bg-slate-50 px-3 py-2.5 text-sm leading-6 text-slate-700" data-testid="agreement">
          <p>{t("catalogue.agreedOnBy", { date: formatDate(`${r.agreedOn}T12:00:00+08:00`, locale), people })}</p>
          {r.agreedNote ? <p className="mt-1 whitespace-pre-line break-words text-xs text-slate-600">{r.agreedNote}</p> : null}
        </div>
        {canEdit ? (
          <div className="-mx-2 flex flex-wrap items-center gap-1 border-t border-slate-100 pt-2" data-testid="type-actions">
            {archived ? (
              <ActionButton intent="restore" id={r.id} label={t("catalogue.actions.restore")} />
            ) : (
              <>
                <RecognitionTypeDialog
                  mode="update"
                  options={options}
                  today={today}
                  values={{
                    id: r.id,
                    name: r.name,
                    description: r.description,
                    guidelineId: r.guideline?.id ?? "",
                    archivedGuideline: r.guideline?.archived ? { id: r.guideline.id, title: r.guideline.title } : undefined,
                    rewardKind: r.reward.kind,
                    rewardText: r.reward.text,
                    rewardValue: String(r.reward.value),
                    agreedOn: r.agreedOn,
                    agreedNote: r.agreedNote,
                    agreedBy: r.agreedBy.map((a) => a.userId),
                  }}
                  trigger={
                    <Button variant="ghost" size="sm" data-testid="edit-type">
                      {t("catalogue.actions.edit")}
                    </Button>
                  }
                />
                <span className="flex-1" />
                <ActionButton intent="archive" id={r.id} label={t("catalogue.actions.archive")} />
              </>
            )}
          </div>
        ) : null}
      </article>
    </Card>
  );
}
