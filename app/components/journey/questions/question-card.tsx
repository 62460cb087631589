/** One key question: its live answer (a CollabTextarea on `question:<key>`) and the evidence behind it. */
import type { Awareness } from "y-protocols/awareness";
import type * as Y from "yjs";
import { useTranslation } from "~/i18n/react";
import type { Peer } from "~/collab/presence";
import type { KeyQuestion } from "~/models/journey-doc";
import { CollabTextarea } from "~/components/collab/collab-textarea";
import { EvidenceLinks } from "~/components/journey/evidence-links";
import { Badge, Card } from "~/components/ui";
import { CheckCircleIcon } from "~/components/ui/icons";

export function QuestionCard({
  questionKey,
  field,
  programId,
  mapId,
  doc,
  awareness,
  peers,
  answered,
  canEdit,
}: {
  questionKey: KeyQuestion;
  field: string;
  programId: string;
  mapId: string;
  doc: Y.Doc | null;
  awareness: Awareness | null;
  peers: Peer[];
  answered: boolean | null;
  canEdit: boolean;
}) {
  const { t } = useTranslation();
  const label = t(`journey.questions.${questionKey}`);
  return (
    <Card className="space-y-3 px-5 py-4" data-testid={`question-${questionKey}`} data-answered={answered === null ? "" : String(answered)}>
      <div className="flex min-h-[1.375rem] justify-end">
        {answered === null ? null : answered ? (
          <Badge tone="success">
            <CheckCircleIcon className="h-3.5 w-3.5" />
            {t("painPoints.questions.answered")}
          </Badge>
        ) : (
          <Badge>{t("painPoints.questions.open")}</Badge>
        )}
      </div>
      <div>
        {doc && awareness ? (
          <CollabTextarea
            doc={doc}
            awareness={awareness}
            field={field}
            label={label}
            hint={t(`painPoints.questions.hints.${questionKey}`)}
            placeholder={canEdit ? t("painPoints.questions.placeholder") : t("painPoints.questions.emptyAnswer")}
            readOnly={!canEdit}
            peers={peers}
          />
        ) : (
          <div className="space-y-1.5">
            <p className="text-sm font-semibold text-slate-900">{label}</p>
            <p className="text-xs leading-5 text-slate-500">{t(`painPoints.questions.hints.${questionKey}`)}</p>
            <div className="h-20 animate-pulse rounded-md bg-slate-100" />
          </div>
        )}
      </div>
      <div className="border-t border-slate-100 pt-3">
        <p className="mb-2 text-xs font-semibold uppercase tracking-wide text-slate-500">{t("painPoints.questions.evidence")}</p>
        <EvidenceLinks programId={programId} mapId={mapId} targetType="question" targetId={questionKey} canEdit={canEdit} />
      </div>
    </Card>
  );
}
