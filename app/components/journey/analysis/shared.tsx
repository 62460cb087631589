/** Shared bits of the feedback pages (import, analysis, evidence library): sub-navigation, labels, fetch helpers. */
import { NavLink } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { cn } from "~/components/ui";

export function JourneySubnav({ programId }: { programId: string }) {
  const { t } = useTranslation();
  const items = [
    { to: `/programs/${programId}/journeys`, label: t("analysis.nav.maps"), end: true },
    { to: `/programs/${programId}/journeys/analysis`, label: t("analysis.nav.analysis") },
    { to: `/programs/${programId}/journeys/import`, label: t("analysis.nav.import") },
    { to: `/programs/${programId}/journeys/evidence`, label: t("analysis.nav.evidence") },
  ];
  return (
    <nav aria-label={String(t("steps.painPoints.name"))} className="mb-5 flex flex-wrap gap-1 border-b border-slate-200">
      {items.map((i) => (
        <NavLink
          key={i.to}
          to={i.to}
          end={i.end}
          prefetch="intent"
          className={({ isActive }) =>
            cn(
              "-mb-px border-b-2 px-3 py-2 text-sm font-medium",
              isActive ? "border-brand-700 text-brand-800" : "border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-900",
            )
          }
        >
          {i.label}
        </NavLink>
      ))}
    </nav>
  );
}

/** A channel's name: ours translated (phone → 电话), anything else as imported. */
export function useChannelLabel(): (channel: string) => string {
  const { t, i18n } = useTranslation();
  return (c: string) => (i18n.exists(`journey.channels.${c}`) ? String(t(`journey.channels.${c}`)) : c);
}

export interface ApiError {
  error?: { code?: string; message?: string; fields?: Record<string, string> };
}

/** fetch returning JSON, throwing the server's translated message on an error status. */
export async function fetchJson<T>(url: string, init?: RequestInit): Promise<T> {
  const res = await fetch(url, { credentials: "same-origin", ...init, headers: { Accept: "application/json", ...(init?.headers ?? {}) } });
  if (res.status === 204) return undefined as T;
  const body = (await res.json().catch(() => ({}))) as T & ApiError;
  if (!res.ok) {
    const fields = body.error?.fields ? Object.values(body.error.fields) : [];
    const message = [body.error?.message, ...fields.filter((f) => f !== body.error?.message)].filter(Boolean).join(" ");
    throw new Error(message || `HTTP ${res.status}`);
  }
  return body;
}

export function formatBytes(n: number | null, locale: string): string {
  if (n === null) return "";
  const units = ["B", "KB", "MB", "GB"];
  let v = n;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: u === 0 ? 0 : 1 }).format(v)} ${units[u]}`;
}
