/**
 * The header's bell: a link to the notification centre with the number of unread notifications
 * in the active organisation (from the root loader, so it is fresh after every action).
 */
import { NavLink } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { useRootData } from "../utils/root-data";
import { cn } from "./ui/cn";

export function BellIcon(p: React.SVGProps<SVGSVGElement>) {
  return (
    <svg viewBox="0 0 20 20" fill="none" stroke="currentColor" strokeWidth={1.6} strokeLinecap="round" strokeLinejoin="round" aria-hidden {...p}>
      <path d="M5 8a5 5 0 0 1 10 0c0 4.5 1.5 6 1.5 6h-13S5 12.5 5 8Z" />
      <path d="M8.5 16.5a1.6 1.6 0 0 0 3 0" />
    </svg>
  );
}

export function NotificationBell() {
  const { t } = useTranslation();
  const data = useRootData();
  if (!data?.user || !data.activeOrg) return null;
  const count = data.unreadNotifications ?? 0;
  const shown = count > 99 ? "99+" : String(count);
  return (
    <NavLink
      to="/notifications"
      aria-label={count > 0 ? t("notifications.bellUnread", { count }) : t("notifications.bell")}
      title={count > 0 ? t("notifications.bellUnread", { count }) : t("notifications.bell")}
      data-testid="notification-bell"
      className={({ isActive }) =>
        cn(
          "relative inline-flex h-9 w-9 items-center justify-center rounded-full text-white/85 hover:bg-white/10 hover:text-white focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-white",
          isActive && "bg-white/15 text-white",
        )
      }
    >
      <BellIcon className="h-5 w-5" />
      {count > 0 ? (
        <span
          className="absolute -right-0.5 -top-0.5 inline-flex h-[18px] min-w-[18px] items-center justify-center rounded-full bg-red-600 px-1 text-[11px] font-semibold leading-none text-white ring-2 ring-brand-950"
          data-testid="notification-count"
          aria-hidden
        >
          {shown}
        </span>
      ) : null}
    </NavLink>
  );
}
