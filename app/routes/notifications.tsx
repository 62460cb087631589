/**
 * The notification centre (/notifications): the signed-in user's notifications in the active
 * organisation — KPI alerts and @mentions — newest first, unread ones highlighted, each as a
 * sentence in the user's language. Opening one marks it read and follows its link; "Mark as read"
 * and "Mark all as read" do what they say. `?unread=1` shows only unread ones; `?before=` pages on.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation, useNavigation } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { PageContainer } from "~/components/app-shell";
import { BellIcon } from "~/components/notification-bell";
import { RouteError } from "~/components/route-error";
import { Avatar, Button, ButtonLink, EmptyState, PageHeader } from "~/components/ui";
import { AlertIcon, CheckIcon } from "~/components/ui/icons";
import { cn } from "~/components/ui/cn";
import { DomainError } from "~/models/domain.server";
import {
  countUnread,
  listNotifications,
  markAllNotificationsRead,
  markNotificationsRead,
  NOTIFICATIONS_PAGE,
  openNotification,
  type NotificationView,
} from "~/models/notification-centre.server";
import { notificationText } from "~/models/notification-text";
import { localName } from "~/models/org.server";
import { domainErrorResponse } from "~/utils/domain-http.server";
import { formatDateTime } from "~/utils/format";
import { httpError } from "~/utils/http.server";
import { requireOrgContext } from "~/utils/org-context.server";
import { pageTitle, useLocale } from "~/utils/root-data";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "notifications.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, locale, activeOrg } = await requireOrgContext(request);
  if (!activeOrg) return json({ org: null, items: [], unread: 0, unreadOnly: false, olderThan: null });
  const sp = new URL(request.url).searchParams;
  const unreadOnly = sp.get("unread") === "1";
  const beforeRaw = sp.get("before");
  const before = beforeRaw && !Number.isNaN(Date.parse(beforeRaw)) ? beforeRaw : null;
  const [items, unread] = await Promise.all([
    listNotifications(user.id, activeOrg.id, { unreadOnly, before, limit: NOTIFICATIONS_PAGE + 1 }),
    countUnread(user.id, activeOrg.id),
  ]);
  const more = items.length > NOTIFICATIONS_PAGE;
  const page = items.slice(0, NOTIFICATIONS_PAGE);
  return json({
    org: { id: activeOrg.id, name: localName(activeOrg, locale) },
    items: page,
    unread,
    unreadOnly,
    olderThan: more ? page[page.length - 1].createdAt : null,
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const { user, locale, activeOrg } = await requireOrgContext(request);
  if (!activeOrg) throw httpError(locale, 404);
  const form = await request.formData();
  const intent = form.get("intent");
  try {
    switch (intent) {
      case "open":
        return redirect(await openNotification(user.id, form.get("id")));
      case "read": {
        const id = form.get("id");
        const updated = await markNotificationsRead(user.id, typeof id === "string" ? [id] : []);
        return json({ ok: true as const, updated });
      }
      case "readAll":
        return json({ ok: true as const, updated: await markAllNotificationsRead(user.id, activeOrg.id) });
      default:
        throw new DomainError(400, "notifications.errors.unknownIntent");
    }
  } catch (error) {
    // A page form: a refusal (someone else's notification: 404) is shown as the error page.
    if (error instanceof DomainError) throw domainErrorResponse(locale, error);
    throw error;
  }
}

function NotificationItem({ n }: { n: NotificationView }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { title, body } = notificationText(n, t, locale);
  const unread = !n.readAt;
  return (
    <li
      className={cn("relative flex gap-3 px-4 py-4 sm:px-5", unread ? "bg-brand-50/60" : "bg-white")}
      data-testid="notification"
      data-kind={n.kind}
      data-unread={unread || undefined}
    >
      {unread ? <span className="absolute left-1.5 top-6 h-2 w-2 rounded-full bg-brand-600 sm:left-2" aria-hidden /> : null}
      <div className="shrink-0 pt-0.5">
        {n.kind === "alert" ? (
          <span className="inline-flex h-9 w-9 items-center justify-center rounded-full bg-red-50 text-red-700 ring-1 ring-inset ring-red-200">
            <AlertIcon className="h-5 w-5" />
          </span>
        ) : n.actor ? (
          <Avatar name={n.actor.name} seed={n.actor.id} />
        ) : (
          <span className="inline-flex h-9 w-9 items-center justify-center rounded-full bg-slate-100 text-slate-600">
            <BellIcon className="h-5 w-5" />
          </span>
        )}
      </div>
      <div className="min-w-0 flex-1">
        <Form method="post">
          <input type="hidden" name="intent" value="open" />
          <input type="hidden" name="id" value={n.id} />
          <button
            type="submit"
            className="block w-full text-left focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-brand-500"
            data-testid="notification-open"
          >
            <span className={cn("block text-sm leading-6 text-slate-900", unread ? "font-semibold" : "font-medium")}>
              {unread ? <span className="sr-only">{t("notifications.unreadLabel")} </span> : null}
              {title}
            </span>
            {body ? <span className="mt-0.5 block break-words text-sm leading-6 text-slate-700">{body}</span> : null}
            <span className="mt-1 block text-xs text-slate-500">
              {t(`notifications.kinds.${n.kind}`)} · {formatDateTime(n.createdAt, locale)}
            </span>
          </button>
        </Form>
      </div>
      {unread ? (
        <Form method="post" className="shrink-0">
          <input type="hidden" name="intent" value="read" />
          <input type="hidden" name="id" value={n.id} />
          <button
            type="submit"
            className="inline-flex h-8 w-8 items-center justify-center rounded-md text-slate-500 hover:bg-white hover:text-slate-900 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-brand-500"
            aria-label={t("notifications.markRead")}
            title={t("notifications.markRead")}
            data-testid="notification-mark-read"
          >
            <CheckIcon className="h-4 w-4" />
          </button>
        </Form>
      ) : null}
    </li>
  );
}

export default function NotificationsPage() {
  const { t } = useTranslation();
  const { org, items, unread, unreadOnly, olderThan } = useLoaderData<typeof loader>();
  const location = useLocation();
  const navigation = useNavigation();
  if (!org) {
    return (
      <PageContainer className="max-w-3xl">
        <PageHeader title={t("notifications.title")} />
        <EmptyState title={t("onboarding.title")} actions={<ButtonLink to="/orgs/new">{t("onboarding.createAction")}</ButtonLink>}>
          {t("office.noOrg")}
        </EmptyState>
      </PageContainer>
    );
  }
  const busyAll = navigation.state !== "idle" && navigation.formData?.get("intent") === "readAll";
  const olderParams = new URLSearchParams(location.search);
  if (olderThan) olderParams.set("before", olderThan);
  const paged = new URLSearchParams(location.search).has("before");
  return (
    <PageContainer className="max-w-3xl">
      <PageHeader
        eyebrow={org.name}
        title={t("notifications.title")}
        description={t("notifications.description")}
        actions={
          unread > 0 ? (
            <Form method="post">
              <input type="hidden" name="intent" value="readAll" />
              <Button type="submit" variant="secondary" busy={busyAll} data-testid="mark-all-read">
                <CheckIcon className="h-4 w-4" />
                {t("notifications.markAllRead")}
              </Button>
            </Form>
          ) : null
        }
      />
      <div className="mb-4 flex flex-wrap items-center gap-2" role="group" aria-label={t("notifications.filterLabel")}>
        {[
          { key: "all", to: "/notifications", active: !unreadOnly, label: t("notifications.all") },
          { key: "unread", to: "/notifications?unread=1", active: unreadOnly, label: t("notifications.unreadOnly", { count: unread }) },
        ].map((f) => (
          <Link
            key={f.key}
            to={f.to}
            aria-current={f.active ? "true" : undefined}
            className={cn(
              "rounded-full border px-3 py-1 text-sm focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-brand-500",
              f.active ? "border-brand-600 bg-brand-50 font-medium text-brand-800" : "border-slate-300 bg-white text-slate-700 hover:bg-slate-50",
            )}
            data-testid={`notifications-filter-${f.key}`}
          >
            {f.label}
          </Link>
        ))}
      </div>
      {items.length === 0 ? (
        <EmptyState icon={<BellIcon className="h-6 w-6" />} title={unreadOnly ? t("notifications.emptyUnreadTitle") : t("notifications.emptyTitle")}>
          {unreadOnly ? t("notifications.emptyUnreadBody") : t("notifications.emptyBody")}
        </EmptyState>
      ) : (
        <ul className="divide-y divide-slate-100 overflow-hidden rounded-lg border border-slate-200 bg-white shadow-sm" data-testid="notification-list">
          {items.map((n) => (
            <NotificationItem key={n.id} n={n} />
          ))}
        </ul>
      )}
      {paged || olderThan ? (
        <div className="mt-4 flex justify-between text-sm">
          {paged ? (
            <Link to={unreadOnly ? "/notifications?unread=1" : "/notifications"} className="font-medium text-brand-700 hover:underline">
              {t("notifications.newest")}
            </Link>
          ) : (
            <span />
          )}
          {olderThan ? (
            <Link to={`?${olderParams.toString()}`} className="font-medium text-brand-700 hover:underline">
              {t("notifications.older")}
            </Link>
          ) : null}
        </div>
      ) : null}
    </PageContainer>
  );
}

export function ErrorBoundary() {
  return <RouteError />;
}
