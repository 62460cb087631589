/**
 * The discussion as a page section (initiative, KPI pages): a card titled "Comments" with the
 * count, anchored at #comments (where mention notifications lead), holding the thread.
 */
import { useState } from "react";
import { Card, CardBody, CardHeader } from "~/components/ui";
import { useTranslation } from "~/i18n/react";
import type { CommentTargetType } from "~/models/comments";
import { CommentCountBadge } from "./comment-count";
import { CommentThread } from "./comment-thread";

export function CommentsCard({
  programId,
  targetType,
  targetId,
  initialCount,
}: {
  programId: string;
  targetType: CommentTargetType;
  targetId: string;
  initialCount: number;
}) {
  const { t } = useTranslation();
  const [count, setCount] = useState(initialCount);
  return (
    <Card id="comments" className="scroll-mt-20" data-testid="comments-card">
      <CardHeader
        title={
          <span className="flex items-center gap-2">
            {t("comments.title")}
            <CommentCountBadge count={count} />
          </span>
        }
        description={t(`comments.cardHint.${targetType}`)}
      />
      <CardBody>
        <CommentThread programId={programId} targetType={targetType} targetId={targetId} onCount={setCount} />
      </CardBody>
    </Card>
  );
}
