import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import {
  isRouteErrorResponse,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLoaderData,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import { I18nextProvider, useTranslation } from "react-i18next";
import { i18nFor, type Locale } from "./i18n/config";
import { localeFor } from "./i18n/locale.server";
import { getUser } from "./models/session.server";
import { listUserOrgs, pickActiveOrg } from "./models/org.server";
import { isApiErrorBody } from "./utils/http";
import stylesheet from "./tailwind.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: stylesheet }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  const locale = await localeFor(request, user);
  const orgs = user ? await listUserOrgs(user.id) : [];
  const activeOrg = user ? pickActiveOrg(orgs, user.active_org_id) : null;
  return json({ user, locale, orgs, activeOrg });
}

export type RootData = ReturnType<typeof useRootData>;

export function useRootData() {
  return useRouteLoaderData<typeof loader>("root");
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
        <I18nextProvider i18n={i18nFor(locale)}>{children}</I18nextProvider>
        <ScrollRestoration />
        <Scripts />
      </body>
    </html>
  );
}

export default function App() {
  const { locale } = useLoaderData<typeof loader>();
  return (
    <Document locale={locale}>
      <Outlet />
    </Document>
  );
}

function ErrorContent() {
  const error = useRouteError();
  const { t } = useTranslation();
  let status = 500;
  let message = t("errors.internal");
  if (isRouteErrorResponse(error)) {
    status = error.status;
    message = isApiErrorBody(error.data) ? error.data.error.message : t(status === 404 ? "errors.not_found" : "errors.internal");
  }
  return (
    <main className="mx-auto max-w-xl p-10 text-center">
      <p className="text-sm font-semibold text-brand-600">{status}</p>
      <h1 className="mt-2 text-2xl font-semibold">{message}</h1>
      <a href="/programs" className="mt-6 inline-block text-brand-700 underline">
        {t("app.name")}
      </a>
    </main>
  );
}

export function ErrorBoundary() {
  const data = useRouteLoaderData<typeof loader>("root");
  return (
    <Document locale={data?.locale ?? "zh-CN"}>
      <ErrorContent />
    </Document>
  );
}
