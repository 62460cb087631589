/**
 * A notification as words in the reader's language, from its kind and payload (shared by the
 * notification centre and the API's `title`/`body`). Alerts carry AlertNotificationPayload
 * (kpi-alerts.server.ts); mentions `{excerpt, targetType, targetTitle?}` with the actor who wrote
 * the comment. Missing or odd payload fields degrade to a plainer sentence, never to a crash.
 */
import type { Locale } from "../i18n/config";
import type { TFunction } from "../i18n/translate";
import { formatDate } from "../utils/format";
import { formatKpiValue } from "./kpi";

export interface NotificationLike {
  kind: string;
  actor: { name: string } | null;
  payload: Record<string, unknown>;
}

export const MENTION_TARGETS = ["sticky", "touchpoint", "pain_point", "initiative", "kpi"] as const;

const str = (v: unknown): string | null => (typeof v === "string" && v.trim() !== "" ? v : null);
const num = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);
const isDay = (v: unknown): v is string => typeof v === "string" && /^\d{4}-\d{2}-\d{2}$/.test(v);

/** The day as the reader writes it ("Mar 2, 2026" / "2026年3月2日"). */
export function formatDay(day: string, locale: Locale): string {
  return formatDate(`${day}T12:00:00Z`, locale);
}

export function notificationText(n: NotificationLike, t: TFunction, locale: Locale): { title: string; body: string | null } {
  const p = n.payload;
  if (n.kind === "alert") {
    const kpi = str(p.kpiName) ?? t("notifications.aKpi");
    const unit = str(p.unit) ?? "";
    const program = (locale === "en" ? str(p.programNameEn) : null) ?? str(p.programName);
    const where = program ? t("notifications.inProgram", { program }) : "";
    if (p.alertKind === "stale") {
      const due = isDay(p.periodKey) ? formatDay(p.periodKey, locale) : null;
      const since = isDay(p.lastMeasuredOn) ? formatDay(p.lastMeasuredOn, locale) : null;
      const body = since
        ? t("notifications.alert.staleBody", { since, due: due ?? "—" })
        : t("notifications.alert.staleNeverBody", { due: due ?? "—" });
      return { title: t("notifications.alert.staleTitle", { kpi }), body: `${body}${where}` };
    }
    const value = num(p.value);
    const threshold = num(p.threshold);
    const day = isDay(p.periodKey) ? formatDay(p.periodKey, locale) : null;
    const body =
      value !== null && threshold !== null
        ? t("notifications.alert.thresholdBody", {
            value: formatKpiValue(value, unit, t, locale),
            threshold: formatKpiValue(threshold, unit, t, locale),
            day: day ?? "—",
          })
        : null;
    return { title: t("notifications.alert.thresholdTitle", { kpi }), body: body !== null ? `${body}${where}` : where.trim() || null };
  }
  if (n.kind === "mention") {
    const actor = n.actor?.name ?? t("notifications.someone");
    const type = str(p.targetType);
    const targetKind = type && (MENTION_TARGETS as readonly string[]).includes(type) ? t(`notifications.targets.${type}`) : null;
    const targetTitle = str(p.targetTitle);
    let title: string;
    if (targetKind && targetTitle) title = t("notifications.mention.titleOn", { actor, target: targetKind, title: targetTitle });
    else if (targetKind) title = t("notifications.mention.titleOnKind", { actor, target: targetKind });
    else title = t("notifications.mention.title", { actor });
    const excerpt = str(p.excerpt);
    return { title, body: excerpt ? `“${excerpt}”` : null };
  }
  return { title: t("notifications.generic"), body: null };
}
