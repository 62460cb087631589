/**
 * The key-questions tab of a journey map: the six questions a–f (seed 004, step 2), each answered
 * together in the map's live document (Y.Text `question:<key>`) with the evidence behind it, and
 * how many are answered so far.
 */
import type { MetaFunction } from "@remix-run/node";
import { useTranslation } from "~/i18n/react";
import { KEY_QUESTIONS, questionTextName } from "~/models/journey-doc";
import { useJourneyMap } from "~/components/journey/map-context";
import { QuestionCard } from "~/components/journey/questions/question-card";
import { QuestionsProgress } from "~/components/journey/questions/questions-progress";
import { useJourneyContent } from "~/components/journey/use-journey-content";
import { RouteError } from "~/components/route-error";
import { Alert } from "~/components/ui";
import { pageTitle } from "~/utils/root-data";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "painPoints.questions.title");

export default function JourneyQuestionsTab() {
  const { t } = useTranslation();
  const { programId, map, collab, canEdit } = useJourneyMap();
  const content = useJourneyContent(collab.doc);
  const answered = content ? KEY_QUESTIONS.filter((k) => content.questions[k].trim() !== "").length : null;

  return (
    <div className="mx-auto w-full max-w-4xl space-y-5 px-4 py-5 sm:px-6" data-testid="questions-tab">
      <div className="flex flex-col gap-3 sm:flex-row sm:items-end sm:justify-between">
        <div className="min-w-0 flex-1">
          <h2 className="text-lg font-semibold text-slate-900">{t("painPoints.questions.title")}</h2>
          <p className="mt-0.5 text-sm text-slate-600">{t("painPoints.questions.description")}</p>
        </div>
        <QuestionsProgress answered={answered} total={KEY_QUESTIONS.length} />
      </div>
      {!canEdit ? <Alert tone="info">{t("painPoints.questions.readOnly")}</Alert> : null}
      <ol className="space-y-4">
        {KEY_QUESTIONS.map((key) => (
          <li key={key}>
            <QuestionCard
              questionKey={key}
              field={questionTextName(key)}
              programId={programId}
              mapId={map.id}
              doc={collab.doc}
              awareness={collab.awareness}
              peers={collab.peers}
              answered={content ? content.questions[key].trim() !== "" : null}
              canEdit={canEdit}
            />
          </li>
        ))}
      </ol>
    </div>
  );
}

export function ErrorBoundary() {
  return <RouteError />;
}
