/**
 * Resource route behind the comment thread component (app/components/comments), so a thread can
 * be embedded on any page with useFetcher:
 *   GET  ?targetType=…&targetId=… → {threads, people, canComment, meId} (people: whom the caller
 *        may @mention, only when they may comment)
 *   POST intent=create (targetType, targetId, targetContext?, body) | reply (+ threadId) |
 *        edit (commentId, body) | resolve | reopen (commentId) → {thread}
 * Refusals come back as JSON `{error:{code,message,fields?}}` with their status (returned, not
 * thrown, so the embedding page never falls into its error boundary).
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { requireProgram } from "~/models/access.server";
import { createComment, editComment, listComments, mentionablePeople, setThreadResolved, type MentionablePerson, type ThreadView } from "~/models/comments.server";
import { DomainError } from "~/models/domain.server";
import { can } from "~/models/permissions";
import { domainErrorResponse } from "~/utils/domain-http.server";
import { httpError } from "~/utils/http.server";

const NO_STORE = { "Cache-Control": "private, no-store" };

export interface CommentsLoaderData {
  threads: ThreadView[];
  people: MentionablePerson[];
  canComment: boolean;
  meId: string;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireProgram(request, params.programId);
  const url = new URL(request.url);
  try {
    const canComment = can(ctx.access, "comment");
    const [threads, people] = await Promise.all([
      listComments(ctx, url.searchParams.get("targetType"), url.searchParams.get("targetId")),
      canComment ? mentionablePeople(ctx.program) : Promise.resolve([]),
    ]);
    const data: CommentsLoaderData = { threads, people, canComment, meId: ctx.user.id };
    return json(data, { headers: NO_STORE });
  } catch (error) {
    if (error instanceof DomainError) return domainErrorResponse(ctx.locale, error, NO_STORE);
    throw error;
  }
}

const text = (form: FormData, name: string) => {
  const v = form.get(name);
  return typeof v === "string" ? v : undefined;
};

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requireProgram(request, params.programId);
  const form = await request.formData();
  const intent = form.get("intent");
  try {
    let thread: ThreadView;
    switch (intent) {
      case "create":
      case "reply":
        if (intent === "reply" && !text(form, "threadId")) return httpError(ctx.locale, 400);
        thread = await createComment(ctx, {
          targetType: text(form, "targetType"),
          targetId: text(form, "targetId"),
          targetContext: text(form, "targetContext") || null,
          body: text(form, "body") ?? "",
          threadId: intent === "reply" ? text(form, "threadId") : null,
        });
        break;
      case "edit":
        thread = await editComment(ctx, text(form, "commentId"), { body: text(form, "body") ?? "" });
        break;
      case "resolve":
      case "reopen":
        thread = await setThreadResolved(ctx, text(form, "commentId"), { resolved: intent === "resolve" });
        break;
      default:
        return httpError(ctx.locale, 400);
    }
    return json({ thread }, { headers: NO_STORE });
  } catch (error) {
    if (error instanceof DomainError) return domainErrorResponse(ctx.locale, error, NO_STORE);
    throw error;
  }
}
