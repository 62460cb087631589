/**
 * A comment's text as written (line breaks kept, rendered as text, never HTML) with each
 * @mention shown as a chip; a mention of the viewer is highlighted.
 */
import { bodySegments } from "~/models/comments";

export function MentionChip({ name, me }: { name: string; me?: boolean }) {
  return (
    <span
      className={
        "mx-px inline-flex items-center rounded px-1 font-medium leading-5 " +
        (me ? "bg-amber-100 text-amber-900 ring-1 ring-inset ring-amber-200" : "bg-brand-50 text-brand-800 ring-1 ring-inset ring-brand-100")
      }
      data-testid="mention-chip"
    >
      @{name}
    </span>
  );
}

export function CommentBody({ body, meId }: { body: string; meId?: string }) {
  return (
    <p className="whitespace-pre-wrap break-words text-sm leading-6 text-slate-800" data-testid="comment-body">
      {bodySegments(body).map((s, i) =>
        s.kind === "text" ? <span key={i}>{s.text}</span> : <MentionChip key={i} name={s.name} me={s.userId === meId} />,
      )}
    </p>
  );
}
