/**
 * A named cluster of notes inside a prompt column: its name (renamed in place), its revealed
 * score, my dots while a round is open, and a "⋯" menu (rename, merge into, ungroup).
 * Dropping a note on it puts the note in the cluster.
 */
import { useEffect, useState } from "react";
import { useTranslation } from "~/i18n/react";
import { ClusterNameSchema, mergeClusters, patchNote, putCluster, removeCluster, type VisionCluster, type VisionNote } from "~/models/vision-doc";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuSeparator,
  DropdownMenuSub,
  DropdownMenuSubContent,
  DropdownMenuSubTrigger,
  Input,
} from "~/components/ui";
import type { BoardProps } from "./board-types";
import { useNoteDropZone } from "./drop-zone";
import { GroupIcon, PencilIcon } from "./icons";
import { RevealOnHoverTrigger, StickyNote } from "./sticky-note";
import { VoteStepper } from "./vote-stepper";

export function ClusterBox({ cluster, notes, props, siblings }: { cluster: VisionCluster; notes: VisionNote[]; props: BoardProps; siblings: VisionCluster[] }) {
  const { t } = useTranslation();
  const { doc, canEdit, ballot, revealed } = props;
  const [renaming, setRenaming] = useState(false);
  const [name, setName] = useState(cluster.name);
  useEffect(() => setName(cluster.name), [cluster.name]);
  const drop = useNoteDropZone(canEdit && !!doc, (id) => doc && patchNote(doc, id, { clusterId: cluster.id, promptId: cluster.promptId }), true);
  const score = revealed ? (revealed.get(cluster.id) ?? 0) + notes.reduce((s, n) => s + (revealed.get(n.id) ?? 0), 0) : 0;
  const others = siblings.filter((c) => c.id !== cluster.id);
  const commit = () => {
    const parsed = ClusterNameSchema.safeParse(name);
    if (doc && parsed.success && parsed.data !== cluster.name) putCluster(doc, { ...cluster, name: parsed.data });
    else setName(cluster.name);
    setRenaming(false);
  };

  return (
    <section
      className={`group/cluster rounded-xl border bg-slate-50 p-2 transition-colors ${drop.over ? "border-brand-400 bg-brand-50 ring-2 ring-brand-200" : "border-slate-200"}`}
      aria-label={cluster.name}
      data-testid="cluster"
      {...drop.handlers}
    >
      <div className="group mb-2 flex min-h-[1.75rem] items-center gap-1.5 pl-1">
        <GroupIcon className="h-3.5 w-3.5 shrink-0 text-slate-400" />
        {renaming && doc ? (
          <Input
            autoFocus
            className="h-7 flex-1 px-2 text-sm font-semibold"
            value={name}
            aria-label={t("vision.board.clusterName")}
            onChange={(e) => setName(e.target.value)}
            onBlur={commit}
            onKeyDown={(e) => {
              if (e.key === "Enter") commit();
              if (e.key === "Escape") (setName(cluster.name), setRenaming(false));
            }}
          />
        ) : (
          <h4 className="min-w-0 flex-1 break-words text-[13px] font-semibold leading-5 text-slate-800">
            {cluster.name}
            <span className="ml-1.5 font-normal text-slate-400">{notes.length}</span>
          </h4>
        )}
        {revealed && score ? (
          <span className="shrink-0 rounded-full bg-violet-100 px-2 py-0.5 text-[11px] font-semibold text-violet-800" data-testid="cluster-score">
            {t("vision.vote.score", { count: score })}
          </span>
        ) : null}
        {ballot ? <VoteStepper ballot={ballot} targetId={cluster.id} addTestId="vote-cluster" label={cluster.name} /> : null}
        {canEdit && doc && !renaming ? (
          <DropdownMenu modal={false}>
            <RevealOnHoverTrigger label={t("vision.board.clusterActions", { cluster: cluster.name })} />
            <DropdownMenuContent className="min-w-[12rem]">
              <DropdownMenuItem onSelect={() => setRenaming(true)}>
                <PencilIcon className="h-4 w-4 text-slate-500" />
                {t("vision.board.rename")}
              </DropdownMenuItem>
              {others.length ? (
                <DropdownMenuSub>
                  <DropdownMenuSubTrigger>{t("vision.board.mergeInto")}</DropdownMenuSubTrigger>
                  <DropdownMenuSubContent>
                    {others.map((c) => (
                      <DropdownMenuItem key={c.id} onSelect={() => mergeClusters(doc, cluster.id, c.id)}>
                        {c.name}
                      </DropdownMenuItem>
                    ))}
                  </DropdownMenuSubContent>
                </DropdownMenuSub>
              ) : null}
              <DropdownMenuSeparator />
              <DropdownMenuItem onSelect={() => removeCluster(doc, cluster.id)}>{t("vision.board.ungroup")}</DropdownMenuItem>
            </DropdownMenuContent>
          </DropdownMenu>
        ) : null}
      </div>
      {notes.length ? (
        <ul className="space-y-2">
          {notes.map((n) => (
            <StickyNote key={n.id} note={n} props={props} clusters={siblings} />
          ))}
        </ul>
      ) : (
        <p className="rounded-lg border border-dashed border-slate-300 px-3 py-3 text-center text-xs text-slate-500">{t("vision.board.dropHere")}</p>
      )}
    </section>
  );
}
