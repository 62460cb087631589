/**
 * The signed-in frame: product name, organisation switcher, programs and CX office links,
 * language switch and the user menu. On phones the links move into the user menu.
 */
import { Link, NavLink, useLocation, useSubmit } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { useRootData } from "../utils/root-data";
import { BrandMark } from "./brand-mark";
import { LanguageSwitch } from "./language-switch";
import { NotificationBell } from "./notification-bell";
import { Avatar } from "./ui/avatar";
import { cn } from "./ui/cn";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuRadioGroup,
  DropdownMenuRadioItem,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "./ui/dropdown-menu";
import { BuildingIcon, ChevronDownIcon, LockIcon, LogOutIcon, PlusIcon, SettingsIcon } from "./ui/icons";

function orgName(org: { name: string; name_en: string | null }, locale: string) {
  return locale === "en" && org.name_en ? org.name_en : org.name;
}

function OrgSwitcher() {
  const { t } = useTranslation();
  const data = useRootData();
  const submit = useSubmit();
  const location = useLocation();
  if (!data?.user) return null;
  const { orgs, activeOrg, locale } = data;
  if (!activeOrg) {
    return (
      <Link
        to="/orgs/new"
        className="inline-flex items-center gap-1.5 rounded-md px-2 py-1.5 text-sm text-white/90 hover:bg-white/10 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-white"
      >
        <PlusIcon className="h-4 w-4" />
        {t("nav.createOrg")}
      </Link>
    );
  }
  return (
    <DropdownMenu>
      <DropdownMenuTrigger
        className="inline-flex min-w-0 max-w-[11rem] items-center gap-1.5 rounded-md px-2 py-1.5 text-sm text-white hover:bg-white/10 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-white data-[state=open]:bg-white/10 sm:max-w-xs"
        aria-label={t("nav.switchOrgCurrent", { name: orgName(activeOrg, locale) })}
        data-testid="org-switcher"
      >
        <BuildingIcon className="h-4 w-4 shrink-0 text-white/70" />
        <span className="truncate">{orgName(activeOrg, locale)}</span>
        <ChevronDownIcon className="h-3.5 w-3.5 shrink-0 text-white/70" />
      </DropdownMenuTrigger>
      <DropdownMenuContent align="start">
        <DropdownMenuLabel>{t("nav.switchOrg")}</DropdownMenuLabel>
        <DropdownMenuRadioGroup
          value={activeOrg.id}
          onValueChange={(orgId) => {
            if (orgId !== activeOrg.id) {
              submit({ orgId, redirectTo: location.pathname.startsWith("/programs/") ? "/programs" : `${location.pathname}${location.search}` }, { method: "post", action: "/settings/org" });
            }
          }}
        >
          {orgs.map((o) => (
            <DropdownMenuRadioItem key={o.id} value={o.id}>
              <span className="truncate">{orgName(o, locale)}</span>
              <span className="ml-auto pl-3 text-xs text-slate-500">{t(`roles.org.${o.role}`)}</span>
            </DropdownMenuRadioItem>
          ))}
        </DropdownMenuRadioGroup>
        <DropdownMenuSeparator />
        <DropdownMenuItem asChild>
          <Link to="/org">
            <SettingsIcon className="h-4 w-4 text-slate-500" />
            {t("nav.orgSettings")}
          </Link>
        </DropdownMenuItem>
        <DropdownMenuItem asChild>
          <Link to="/orgs/new">
            <PlusIcon className="h-4 w-4 text-slate-500" />
            {t("nav.newOrg")}
          </Link>
        </DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}

function UserMenu() {
  const { t } = useTranslation();
  const data = useRootData();
  const submit = useSubmit();
  if (!data?.user) return null;
  const { user } = data;
  return (
    <DropdownMenu>
      <DropdownMenuTrigger
        className="inline-flex items-center gap-2 rounded-full p-0.5 pr-1.5 text-sm text-white hover:bg-white/10 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-white data-[state=open]:bg-white/10"
        aria-label={t("nav.account", { name: user.name })}
        data-testid="user-menu"
      >
        <Avatar name={user.name} seed={user.id} size="sm" />
        <span className="hidden max-w-[8rem] truncate md:inline">{user.name}</span>
        <ChevronDownIcon className="hidden h-3.5 w-3.5 text-white/70 md:inline" />
      </DropdownMenuTrigger>
      <DropdownMenuContent>
        <div className="px-2.5 py-2">
          <p className="truncate font-medium text-slate-900">{user.name}</p>
          <p className="truncate text-xs text-slate-600">{user.email}</p>
        </div>
        <DropdownMenuSeparator />
        <div className="md:hidden">
          <DropdownMenuItem asChild>
            <Link to="/programs">{t("nav.programs")}</Link>
          </DropdownMenuItem>
          <DropdownMenuItem asChild>
            <Link to="/office">{t("nav.office")}</Link>
          </DropdownMenuItem>
          <DropdownMenuSeparator />
        </div>
        <DropdownMenuItem asChild>
          <Link to="/org">
            <SettingsIcon className="h-4 w-4 text-slate-500" />
            {t("nav.orgSettings")}
          </Link>
        </DropdownMenuItem>
        <DropdownMenuItem asChild>
          <Link to="/settings/tokens" data-testid="menu-api-tokens">
            <LockIcon className="h-4 w-4 text-slate-500" />
            {t("tokens.menu")}
          </Link>
        </DropdownMenuItem>
        <DropdownMenuItem onSelect={() => submit(null, { method: "post", action: "/logout" })} data-testid="sign-out">
          <LogOutIcon className="h-4 w-4 text-slate-500" />
          {t("nav.signOut")}
        </DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}

function TopLink({ to, children }: { to: string; children: React.ReactNode }) {
  return (
    <NavLink
      to={to}
      className={({ isActive }) =>
        cn(
          "rounded-md px-2.5 py-1.5 text-sm font-medium focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-white",
          isActive ? "bg-white/15 text-white" : "text-white/80 hover:bg-white/10 hover:text-white",
        )
      }
    >
      {children}
    </NavLink>
  );
}

export function AppShell({ children }: { children: React.ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className="flex min-h-screen flex-col">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:fixed focus:left-3 focus:top-3 focus:z-50 focus:rounded-md focus:bg-white focus:px-3 focus:py-2 focus:text-sm focus:shadow"
      >
        {t("ui.skipToContent")}
      </a>
      <header className="sticky top-0 z-30 bg-brand-950 text-white shadow-sm print:hidden">
        <div className="mx-auto flex h-14 max-w-screen-2xl items-center gap-2 px-3 sm:gap-3 sm:px-6">
          <Link
            to="/programs"
            className="flex shrink-0 items-center gap-2 rounded-md font-semibold focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-white"
            aria-label={t("app.name")}
          >
            <BrandMark />
            <span className="hidden text-[15px] lg:inline">{t("app.name")}</span>
          </Link>
          <span className="hidden h-5 w-px bg-white/20 sm:block" aria-hidden />
          <div className="min-w-0">
            <OrgSwitcher />
          </div>
          <nav aria-label={t("nav.main")} className="ml-1 hidden items-center gap-1 md:flex">
            <TopLink to="/programs">{t("nav.programs")}</TopLink>
            <TopLink to="/office">{t("nav.office")}</TopLink>
          </nav>
          <div className="ml-auto flex shrink-0 items-center gap-2 sm:gap-3">
            <LanguageSwitch tone="dark" />
            <NotificationBell />
            <UserMenu />
          </div>
        </div>
      </header>
      <main id="main" className="flex-1">
        {children}
      </main>
    </div>
  );
}

/** A page's content width and padding. */
export function PageContainer({ children, className }: { children: React.ReactNode; className?: string }) {
  return <div className={cn("mx-auto w-full max-w-6xl px-4 py-6 sm:px-6 sm:py-8", className)}>{children}</div>;
}
