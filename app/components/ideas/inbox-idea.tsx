/**
 * How an idea from the idea box looks in the feedback inbox: an "Idea" badge, its title and text,
 * who sent it, the photo thumbnail, the journey map and touchpoint, and the small loop it was sent
 * to — plus a one-click triage into a cycle that defaults to that loop while it is open.
 */
import { Form, useNavigation } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { Badge, Button, Select } from "~/components/ui";
import type { InboxIdea } from "~/models/ideas.server";
import { ideaBody } from "~/models/ideas";
import { LightbulbIcon, LoopIcon, MapPinIcon } from "./idea-icons";

type Cycle = { id: string; kind: "small" | "large"; number: number; title: string };

function useShortCycleName() {
  const { t } = useTranslation();
  return (c: { kind: "small" | "large"; number: number }) => String(t("loops.cycleName", { kind: t(`loops.kinds.${c.kind}.name`), number: c.number }));
}

export function InboxIdeaSummary({ id, text, idea }: { id: string; text: string; idea: InboxIdea }) {
  const { t } = useTranslation();
  const short = useShortCycleName();
  return (
    <div className="flex gap-3" data-testid="inbox-idea">
      <div className="min-w-0 flex-1 space-y-1">
        <div className="flex flex-wrap items-center gap-1.5">
          <Badge tone="violet" data-testid="idea-badge">
            <LightbulbIcon className="h-3.5 w-3.5" />
            {t("ideas.inbox.badge")}
          </Badge>
          <span className="min-w-0 break-words text-sm font-semibold text-slate-900">{idea.title}</span>
        </div>
        <p className="whitespace-pre-wrap break-words text-sm leading-6 text-slate-800">{ideaBody(text, idea.title)}</p>
        <p className="flex flex-wrap items-center gap-x-3 gap-y-0.5 text-xs text-slate-600">
          <span>{t("ideas.inbox.from", { name: idea.author ?? t("ideas.formerMember") })}</span>
          {idea.map ? (
            <span className="inline-flex min-w-0 items-center gap-1">
              <MapPinIcon className="h-3.5 w-3.5 shrink-0" />
              <span className="break-words">
                {idea.map}
                {idea.touchpoint ? ` › ${idea.touchpoint}` : ""}
              </span>
            </span>
          ) : null}
          {idea.sentTo ? (
            <span className="inline-flex items-center gap-1 text-brand-800" data-testid="idea-sent-to">
              <LoopIcon className="h-3.5 w-3.5 shrink-0" />
              {t("ideas.inbox.sentTo", { cycle: short(idea.sentTo) })}
              {idea.sentTo.status === "closed" ? ` (${t("ideas.detail.cycleClosed")})` : ""}
            </span>
          ) : null}
        </p>
      </div>
      {idea.photoUrl ? (
        <a href={idea.photoUrl} target="_blank" rel="noreferrer" className="shrink-0" aria-label={t("ideas.inbox.openPhoto")}>
          <img src={idea.photoUrl} alt="" loading="lazy" className="h-16 w-16 rounded-md object-cover ring-1 ring-slate-200" data-testid="idea-thumb" data-record={id} />
        </a>
      ) : null}
    </div>
  );
}

/** Triage this idea into an open cycle, the loop it was sent to first when that is still open. */
export function IdeaTriageForm({ recordId, idea, cycles }: { recordId: string; idea: InboxIdea; cycles: Cycle[] }) {
  const { t } = useTranslation();
  const nav = useNavigation();
  const short = useShortCycleName();
  if (cycles.length === 0) return null;
  const preferred = idea.sentTo && cycles.some((c) => c.id === idea.sentTo!.id) ? idea.sentTo.id : cycles[0].id;
  const busy = nav.state === "submitting" && nav.formData?.get("intent") === "triage" && nav.formData?.get("recordId") === recordId;
  return (
    <Form method="post" className="flex flex-wrap items-center gap-1.5" data-testid="idea-triage">
      <input type="hidden" name="recordId" value={recordId} />
      <Select name="cycleId" defaultValue={preferred} aria-label={t("inbox.bulk.cycle")} className="h-8 max-w-[16rem] text-xs">
        {cycles.map((c) => (
          <option key={c.id} value={c.id}>
            {short(c)}
            {c.title ? ` · ${c.title}` : ""}
          </option>
        ))}
      </Select>
      <Button type="submit" name="intent" value="triage" size="sm" busy={busy}>
        {t("ideas.inbox.triage")}
      </Button>
    </Form>
  );
}
