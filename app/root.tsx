import { FAVICON_SVG } from "~/utils/favicon";
import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Links, Meta, Outlet, Scripts, ScrollRestoration, useLoaderData, useMatches, useRouteLoaderData } from "@remix-run/react";

import { AppShell } from "./components/app-shell";
import { RouteError } from "./components/route-error";
import { TooltipProvider } from "./components/ui/tooltip";
import type { Locale } from "./i18n/config";
import { I18nProvider } from "./i18n/react";
import { localeFor } from "./i18n/locale.server";
import { getUser } from "./models/session.server";
import { listUserOrgs, pickActiveOrg } from "./models/org.server";
import { countUnread } from "./models/notification-centre.server";
import { useRootData } from "./utils/root-data";
import stylesheet from "./tailwind.css";

export { useRootData };

const FAVICON = "data:image/svg+xml," + encodeURIComponent(FAVICON_SVG);

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "icon", href: FAVICON, type: "image/svg+xml" },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  const locale = await localeFor(request, user);
  const orgs = user ? await listUserOrgs(user.id) : [];
  const activeOrg = user ? pickActiveOrg(orgs, user.active_org_id) : null;
  // The header bell: unread notifications in the active organisation (one indexed count).
  const unreadNotifications = user && activeOrg ? await countUnread(user.id, activeOrg.id) : 0;
  return json({ user, locale, orgs, activeOrg, unreadNotifications });
}

export type RootData = ReturnType<typeof useRootData>;

/** Routes that set `handle = { layout: "bare" }` (sign-in, sign-up, invite) draw their own centred layout. */
export interface RouteHandle {
  layout?: "bare";
}

function Document({ locale, children }: { locale: Locale; children: React.ReactNode }) {
  return (
    <html lang={locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body className="min-h-screen">
        <I18nProvider locale={locale}>
          <TooltipProvider>{children}</TooltipProvider>
        </I18nProvider>
        <ScrollRestoration />
        <Scripts />
      </body>
    </html>
  );
}

export default function App() {
  const { locale, user } = useLoaderData<typeof loader>();
  const matches = useMatches();
  const bare = matches.some((m) => (m.handle as RouteHandle | undefined)?.layout === "bare");
  return (
    <Document locale={locale}>
      {user && !bare ? (
        <AppShell>
          <Outlet />
        </AppShell>
      ) : (
        <Outlet />
      )}
    </Document>
  );
}

export function ErrorBoundary() {
  const data = useRouteLoaderData<typeof loader>("root");
  return (
    <Document locale={data?.locale ?? "zh-CN"}>
      <main id="main">
        <RouteError />
      </main>
    </Document>
  );
}
