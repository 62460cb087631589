/**
 * The program brief: a live document co-edited by owner, leadership and project team (five
 * fields), read by everyone who sees the program; presence, status, offline cache and versions.
 */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useMemo } from "react";
import { useTranslation } from "~/i18n/react";
import type * as Y from "yjs";
import { requireProgram } from "~/models/access.server";
import { can } from "~/models/permissions";
import { BRIEF_FIELDS, briefDocName } from "~/models/brief";
import { colorFor } from "~/collab/presence";
import { useCollabDoc } from "~/collab/use-collab-doc";
import { CollabStatusBadge } from "~/components/collab/collab-status-badge";
import { CollabTextarea } from "~/components/collab/collab-textarea";
import { PresenceAvatars } from "~/components/collab/presence-avatars";
import { VersionsPanel } from "~/components/collab/versions-panel";
import { Alert, Card, PageHeader } from "~/components/ui";
import { RouteError } from "~/components/route-error";
import { pageTitle } from "~/utils/root-data";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "brief.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { program, access, user } = await requireProgram(request, params.programId);
  return json({
    programId: program.id,
    docName: briefDocName(program.id),
    canEdit: can(access, "brief.edit"),
    me: { id: user.id, name: user.name },
  });
}

function BriefPreview({ doc }: { doc: Y.Doc }) {
  const { t } = useTranslation();
  return (
    <dl className="space-y-2">
      {BRIEF_FIELDS.map((f) => (
        <div key={f}>
          <dt className="text-xs font-semibold text-slate-600">{t(`brief.fields.${f}.label`)}</dt>
          <dd className="whitespace-pre-wrap text-sm text-slate-800">{doc.getText(f).toString() || "—"}</dd>
        </div>
      ))}
    </dl>
  );
}

export default function ProgramBriefPage() {
  const { t } = useTranslation();
  const { docName, canEdit, me } = useLoaderData<typeof loader>();
  const user = useMemo(() => ({ ...me, color: colorFor(me.id) }), [me]);
  const live = useCollabDoc(docName, user);

  return (
    <div className="px-4 py-6 sm:px-6 lg:px-8">
      <PageHeader
        eyebrow={t("brief.eyebrow")}
        title={t("brief.title")}
        description={t("brief.description")}
        actions={
          <div className="flex flex-wrap items-center gap-3">
            <PresenceAvatars me={user} peers={live.peers} fieldLabel={(f) => t(`brief.fields.${f}.label`)} />
            <CollabStatusBadge status={live.status} unsynced={live.unsynced} />
          </div>
        }
      />
      {!canEdit ? (
        <div className="mb-5" data-testid="read-only-banner">
          <Alert tone="info">{t("brief.readOnly")}</Alert>
        </div>
      ) : null}
      <div className="grid gap-6 xl:grid-cols-[minmax(0,1fr)_20rem]">
        <Card className="space-y-6 px-5 py-5" data-testid="brief-editor">
          {live.doc && live.awareness
            ? BRIEF_FIELDS.map((f) => (
                <CollabTextarea
                  key={f}
                  doc={live.doc!}
                  awareness={live.awareness!}
                  field={f}
                  label={t(`brief.fields.${f}.label`)}
                  hint={t(`brief.fields.${f}.hint`)}
                  placeholder={canEdit ? t(`brief.fields.${f}.placeholder`) : t("brief.emptyField")}
                  readOnly={!canEdit}
                  peers={live.peers}
                />
              ))
            : BRIEF_FIELDS.map((f) => (
                <div key={f} className="space-y-1.5">
                  <p className="text-sm font-semibold text-slate-900">{t(`brief.fields.${f}.label`)}</p>
                  <div className="h-20 animate-pulse rounded-md bg-slate-100" />
                </div>
              ))}
        </Card>
        <aside>
          <VersionsPanel docName={docName} canEdit={canEdit} renderPreview={(doc) => <BriefPreview doc={doc} />} />
        </aside>
      </div>
    </div>
  );
}

export function ErrorBoundary() {
  return <RouteError />;
}
