/**
 * The node types of the journey canvas: stage headers, lane labels, cells (the drop targets with
 * their "+"), cards, the emotion row and the "add stage" column. Every user text is rendered as a
 * React text child (never as HTML). Components are memoised: a card re-renders only when its own
 * data object changes (the canvas reuses data objects of unchanged cards).
 */
import { memo, useEffect, useRef, useState } from "react";
import type { Node, NodeProps } from "@xyflow/react";
import { useTranslation } from "~/i18n/react";
import {
  CARD_TEXT_MAX_CHARS,
  STAGE_NAME_MAX_CHARS,
  TOUCHPOINT_CHANNELS,
  type JourneyCard,
  type JourneyLane,
  type TouchpointChannel,
} from "~/models/journey-doc";
import {
  CARD_GAP,
  CARD_H,
  CARD_W,
  CELL_PAD,
  EMOTION_TICKS,
  emotionToY,
  LABEL_W,
  smoothPath,
  yToEmotion,
  type EmotionCurve,
} from "~/models/journey-layout";
import { LANE_COLOURS } from "~/models/journey-export";
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuSeparator, DropdownMenuTrigger } from "~/components/ui";
import { ChevronRightIcon, PlusIcon, SettingsIcon, TrashIcon } from "~/components/ui/icons";
import { useCanvasApi } from "./canvas-api";
import { ChannelIcon } from "./channel-icon";

export interface RemoteMark {
  name: string;
  color: string;
}

export type CardNodeData = {
  card: JourneyCard;
  pains: number;
  editing: boolean;
  draft: boolean;
  remote: RemoteMark[] | null;
};
export type StageNodeData = { id: string; name: string; index: number; count: number; last: boolean; cards: number };
export type LaneNodeData = { lane: JourneyLane; cards: number };
export type CellNodeData = { stageId: string; lane: JourneyLane; count: number; active: boolean };
export type EmotionNodeData = {
  /** Flow y of the row's top (the node's position). */
  top: number;
  width: number;
  height: number;
  zeroY: number;
  stages: { id: string; cx: number; name: string }[];
  curves: EmotionCurve[];
  activePersonaId: string | null;
};
export type AddStageNodeData = Record<string, never>;

export type CardNodeT = Node<CardNodeData, "card">;
export type StageNodeT = Node<StageNodeData, "stage">;
export type LaneNodeT = Node<LaneNodeData, "lane">;
export type CellNodeT = Node<CellNodeData, "cell">;
export type EmotionNodeT = Node<EmotionNodeData, "emotion">;
export type AddStageNodeT = Node<AddStageNodeData, "addStage">;
export type JourneyNode = CardNodeT | StageNodeT | LaneNodeT | CellNodeT | EmotionNodeT | AddStageNodeT;

const iconButton =
  "nodrag nopan inline-flex h-7 w-7 items-center justify-center rounded-md text-slate-500 hover:bg-slate-100 hover:text-slate-900 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-brand-500";

function CardEditor({ initial, onCommit, onCancel }: { initial: string; onCommit: (text: string) => string | null; onCancel: () => void }) {
  const { t } = useTranslation();
  const [value, setValue] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const done = useRef(false);
  const ref = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    el.focus();
    el.setSelectionRange(el.value.length, el.value.length);
  }, []);
  const commit = () => {
    if (done.current) return;
    const err = onCommit(value);
    if (err) setError(err);
    else done.current = true;
  };
  return (
    <div className="nodrag nopan nowheel absolute inset-x-0 top-0 z-20 rounded-lg border-2 border-brand-500 bg-white p-2 shadow-xl">
      <textarea
        ref={ref}
        value={value}
        maxLength={CARD_TEXT_MAX_CHARS}
        rows={4}
        aria-label={t("journeyCanvas.card.textLabel")}
        data-testid="card-editor"
        className="block w-full resize-none border-0 p-0 text-[13px] leading-5 text-slate-900 focus:outline-none focus:ring-0"
        placeholder={t("journeyCanvas.card.placeholder")}
        onChange={(e) => {
          setValue(e.target.value);
          setError(null);
        }}
        onKeyDown={(e) => {
          e.stopPropagation();
          if (e.key === "Enter" && !e.shiftKey && !e.nativeEvent.isComposing) {
            e.preventDefault();
            commit();
          } else if (e.key === "Escape") {
            e.preventDefault();
            done.current = true;
            onCancel();
          }
        }}
        onBlur={() => {
          if (!done.current) commit();
        }}
      />
      <div className="mt-1 flex items-center justify-between text-[11px] text-slate-500">
        <span className={error ? "text-red-700" : ""} role={error ? "alert" : undefined}>
          {error ? t(error) : t("journeyCanvas.card.editHint")}
        </span>
        <span className="tabular-nums">
          {value.length}/{CARD_TEXT_MAX_CHARS}
        </span>
      </div>
    </div>
  );
}

function ChannelControl({ card, canEdit }: { card: JourneyCard; canEdit: boolean }) {
  const { t } = useTranslation();
  const api = useCanvasApi();
  const channel = card.channel ?? "other";
  const label = t(`journey.channels.${channel}`);
  if (!canEdit)
    return (
      <span className="inline-flex h-5 items-center gap-1 rounded-full bg-indigo-50 px-2 text-[11px] font-medium text-indigo-800" data-testid="card-channel">
        <ChannelIcon channel={channel} className="h-3 w-3" />
        {label}
      </span>
    );
  return (
    <label className="nodrag nopan relative inline-flex h-5 items-center gap-1 rounded-full bg-indigo-50 pl-2 pr-1 text-[11px] font-medium text-indigo-800 hover:bg-indigo-100">
      <ChannelIcon channel={channel} className="h-3 w-3" />
      <span className="sr-only">{t("journeyCanvas.card.channel")}</span>
      <select
        value={channel}
        data-testid="card-channel"
        onChange={(e) => api.setChannel(card.id, e.target.value as TouchpointChannel)}
        className="cursor-pointer appearance-none border-0 bg-transparent p-0 pr-1 text-[11px] font-medium text-indigo-800 focus:outline-none focus:ring-0"
      >
        {TOUCHPOINT_CHANNELS.map((c) => (
          <option key={c} value={c}>
            {t(`journey.channels.${c}`)}
          </option>
        ))}
      </select>
    </label>
  );
}

export const CardNode = memo(function CardNode({ data, selected }: NodeProps<CardNodeT>) {
  const { t } = useTranslation();
  const api = useCanvasApi();
  const { card, pains, editing, draft, remote } = data;
  const touchpoint = card.lane === "touchpoints";
  const ring = remote?.[0]?.color;
  // The Radix menu is mounted on first hover or focus only: hundreds of idle menus cost render time.
  const [menuReady, setMenuReady] = useState(false);
  return (
    <div
      onPointerEnter={() => setMenuReady(true)}
      onFocus={() => setMenuReady(true)}
      className={`group relative h-full w-full rounded-lg border bg-white shadow-sm transition-shadow ${selected ? "border-brand-500 shadow-md ring-2 ring-brand-500/40" : "border-slate-300 hover:shadow-md"}`}
      style={{ width: CARD_W, height: CARD_H, ...(ring ? { outline: `2px solid ${ring}`, outlineOffset: 2 } : {}) }}
      data-testid="journey-card"
      data-card-id={card.id}
      data-stage-id={card.stageId}
      data-lane={card.lane}
      data-draft={draft || undefined}
      onDoubleClick={(e) => {
        if (!api.canEdit || draft) return;
        e.stopPropagation();
        api.startEdit(card.id);
      }}
    >
      <span className="absolute inset-y-0 left-0 w-1 rounded-l-lg" style={{ background: LANE_COLOURS[card.lane] }} aria-hidden />
      {remote ? (
        <span
          className="absolute -top-5 left-1 max-w-[12rem] truncate rounded px-1.5 py-px text-[10px] font-semibold text-white"
          style={{ background: ring }}
          data-testid="remote-selection"
        >
          {remote.map((r) => r.name).join(", ")}
        </span>
      ) : null}
      <div className="flex h-full flex-col py-2 pl-3 pr-2">
        {touchpoint ? (
          <div className="mb-1 flex items-center justify-between gap-1">
            <ChannelControl card={card} canEdit={api.canEdit && !draft} />
            {pains > 0 ? (
              <button
                type="button"
                className="nodrag nopan inline-flex h-5 min-w-5 items-center justify-center gap-0.5 rounded-full bg-red-600 px-1.5 text-[11px] font-bold text-white shadow hover:bg-red-700"
                onClick={(e) => {
                  e.stopPropagation();
                  api.openTouchpoint(card.id, null);
                }}
                aria-label={t("journeyCanvas.pain.badge", { count: pains })}
                title={t("journeyCanvas.pain.badge", { count: pains })}
                data-testid="pain-badge"
              >
                {pains}
              </button>
            ) : null}
          </div>
        ) : null}
        <p
          className={`${touchpoint ? "line-clamp-2" : "line-clamp-3"} whitespace-pre-wrap break-words pr-5 text-[13px] leading-5 text-slate-900`}
          data-testid="card-text"
          title={card.text}
        >
          {card.text}
        </p>
      </div>
      {!draft && (api.canEdit || touchpoint) && (menuReady || selected) ? (
        <div className={`absolute bottom-1 right-1 ${selected ? "opacity-100" : "opacity-0 group-hover:opacity-100 focus-within:opacity-100"}`}>
          <DropdownMenu>
            <DropdownMenuTrigger className={iconButton} aria-label={t("journeyCanvas.card.menu")} data-testid="card-menu">
              <svg viewBox="0 0 24 24" className="h-4 w-4" fill="currentColor" aria-hidden>
                <circle cx="5" cy="12" r="1.8" />
                <circle cx="12" cy="12" r="1.8" />
                <circle cx="19" cy="12" r="1.8" />
              </svg>
            </DropdownMenuTrigger>
            <DropdownMenuContent align="start">
              {api.canEdit ? <DropdownMenuItem onSelect={() => api.startEdit(card.id)}>{t("journeyCanvas.card.edit")}</DropdownMenuItem> : null}
              {touchpoint ? (
                <>
                  {api.canEdit ? (
                    <DropdownMenuItem onSelect={() => api.openTouchpoint(card.id, "new")} data-testid="add-pain-point">
                      {t("journeyCanvas.pain.add")}
                    </DropdownMenuItem>
                  ) : null}
                  <DropdownMenuItem onSelect={() => api.openTouchpoint(card.id, null)} data-testid="touchpoint-details">
                    {t("journeyCanvas.card.details")}
                  </DropdownMenuItem>
                </>
              ) : null}
              {api.canEdit ? (
                <>
                  <DropdownMenuItem onSelect={() => api.addCard(card.stageId, card.lane, card.id)}>{t("journeyCanvas.card.addAfter")}</DropdownMenuItem>
                  <DropdownMenuSeparator />
                  <DropdownMenuItem className="text-red-700" onSelect={() => api.deleteCards([card.id])} data-testid="delete-card">
                    <TrashIcon className="h-4 w-4" />
                    {t("journeyCanvas.card.delete")}
                  </DropdownMenuItem>
                </>
              ) : null}
            </DropdownMenuContent>
          </DropdownMenu>
        </div>
      ) : null}
      {editing ? (
        <CardEditor
          initial={draft ? "" : card.text}
          onCommit={(text) => (draft ? api.commitDraft(text) : api.commitEdit(card.id, text))}
          onCancel={() => (draft ? api.cancelDraft() : api.cancelEdit())}
        />
      ) : null}
    </div>
  );
});

export const StageNode = memo(function StageNode({ data }: NodeProps<StageNodeT>) {
  const { t } = useTranslation();
  const api = useCanvasApi();
  const [editing, setEditing] = useState(false);
  const [value, setValue] = useState(data.name);
  const [error, setError] = useState<string | null>(null);
  const commit = () => {
    const err = api.renameStage(data.id, value);
    if (err) setError(err);
    else setEditing(false);
  };
  return (
    <div className="group flex h-full items-center gap-1 px-1 py-2" data-testid="stage-header" data-stage-id={data.id}>
      <div className="flex h-full min-w-0 flex-1 items-center gap-2 rounded-lg bg-slate-800 px-3 text-white shadow-sm">
        <span className="flex h-5 w-5 shrink-0 items-center justify-center rounded-full bg-white/15 text-[11px] font-semibold tabular-nums">{data.index + 1}</span>
        {editing ? (
          <div className="nodrag nopan min-w-0 flex-1">
            <input
              autoFocus
              value={value}
              maxLength={STAGE_NAME_MAX_CHARS}
              aria-label={t("journeyCanvas.stage.name")}
              aria-invalid={error ? true : undefined}
              data-testid="stage-name-input"
              className={`h-7 w-full rounded border bg-white px-2 text-sm text-slate-900 focus:outline-none focus:ring-2 focus:ring-brand-400 ${error ? "border-red-500" : "border-transparent"}`}
              onChange={(e) => {
                setValue(e.target.value);
                setError(null);
              }}
              onKeyDown={(e) => {
                e.stopPropagation();
                if (e.key === "Enter") commit();
                if (e.key === "Escape") {
                  setEditing(false);
                  setValue(data.name);
                  setError(null);
                }
              }}
              onBlur={() => (value.trim() && value.trim() !== data.name ? commit() : (setEditing(false), setValue(data.name), setError(null)))}
              title={error ? t(error) : undefined}
            />
          </div>
        ) : (
          <button
            type="button"
            className="min-w-0 flex-1 truncate text-left text-sm font-semibold"
            onDoubleClick={() => {
              if (!api.canEdit) return;
              setValue(data.name);
              setEditing(true);
            }}
            title={data.name}
            data-testid="stage-name"
          >
            {data.name}
          </button>
        )}
        <span className="shrink-0 rounded-full bg-white/15 px-1.5 text-[11px] tabular-nums" title={t("journeyCanvas.stage.cards", { count: data.cards })}>
          {data.cards}
        </span>
        {api.canEdit && !editing ? (
          <DropdownMenu>
            <DropdownMenuTrigger
              className="nodrag nopan inline-flex h-6 w-6 shrink-0 items-center justify-center rounded text-white/70 hover:bg-white/15 hover:text-white focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-white"
              aria-label={t("journeyCanvas.stage.menu", { name: data.name })}
              data-testid="stage-menu"
            >
              <SettingsIcon className="h-3.5 w-3.5" />
            </DropdownMenuTrigger>
            <DropdownMenuContent align="end">
              <DropdownMenuItem
                onSelect={() => {
                  setValue(data.name);
                  setEditing(true);
                }}
              >
                {t("journeyCanvas.stage.rename")}
              </DropdownMenuItem>
              <DropdownMenuItem disabled={data.index === 0} onSelect={() => api.moveStage(data.id, -1)} data-testid="stage-move-left">
                {t("journeyCanvas.stage.moveLeft")}
              </DropdownMenuItem>
              <DropdownMenuItem disabled={data.last} onSelect={() => api.moveStage(data.id, 1)} data-testid="stage-move-right">
                {t("journeyCanvas.stage.moveRight")}
              </DropdownMenuItem>
              <DropdownMenuSeparator />
              <DropdownMenuItem className="text-red-700" disabled={data.count <= 1} onSelect={() => api.requestDeleteStage(data.id)} data-testid="stage-delete">
                <TrashIcon className="h-4 w-4" />
                {t("journeyCanvas.stage.delete")}
              </DropdownMenuItem>
            </DropdownMenuContent>
          </DropdownMenu>
        ) : null}
      </div>
      {error && editing ? <span className="sr-only" role="alert">{t(error)}</span> : null}
    </div>
  );
});

export const LaneNode = memo(function LaneNode({ data }: NodeProps<LaneNodeT>) {
  const { t } = useTranslation();
  return (
    <div className="relative flex h-full w-full items-start border-b border-slate-200 bg-white px-4 pt-4" data-testid="lane-label">
      <span className="absolute inset-y-0 left-0 w-1" style={{ background: LANE_COLOURS[data.lane] }} aria-hidden />
      <div>
        <p className="text-[13px] font-semibold text-slate-900">{t(`journey.lanes.${data.lane}`)}</p>
        <p className="mt-0.5 text-[11px] text-slate-500">{t("journeyCanvas.lane.count", { count: data.cards })}</p>
      </div>
    </div>
  );
});

export const CellNode = memo(function CellNode({ data }: NodeProps<CellNodeT>) {
  const { t } = useTranslation();
  const api = useCanvasApi();
  const top = CELL_PAD + data.count * (CARD_H + CARD_GAP);
  return (
    <div
      className={`h-full w-full border-b border-r border-slate-200 ${data.active ? "bg-brand-50/70" : "bg-slate-50/40"}`}
      data-testid="journey-cell"
      data-stage-id={data.stageId}
      data-lane={data.lane}
      onDoubleClick={() => api.canEdit && api.addCard(data.stageId, data.lane)}
    >
      {api.canEdit ? (
        <button
          type="button"
          className="nodrag nopan absolute left-1/2 flex h-7 -translate-x-1/2 items-center gap-1 rounded-md px-2 text-xs font-medium text-slate-500 opacity-60 hover:bg-white hover:text-brand-700 hover:opacity-100 hover:shadow-sm focus-visible:opacity-100 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-brand-500"
          style={{ top }}
          onClick={(e) => {
            e.stopPropagation();
            api.addCard(data.stageId, data.lane);
          }}
          aria-label={t("journeyCanvas.card.addIn", { lane: t(`journey.lanes.${data.lane}`) })}
          data-testid="cell-add"
        >
          <PlusIcon className="h-3.5 w-3.5" />
          {t("journeyCanvas.card.add")}
        </button>
      ) : null}
    </div>
  );
});

export const AddStageNode = memo(function AddStageNode() {
  const { t } = useTranslation();
  const api = useCanvasApi();
  if (!api.canEdit) return null;
  return (
    <div className="flex h-full items-center py-2 pl-2">
      <button
        type="button"
        className="nodrag nopan flex h-full w-full items-center justify-center gap-1.5 rounded-lg border-2 border-dashed border-slate-300 text-sm font-medium text-slate-600 hover:border-brand-400 hover:text-brand-700"
        onClick={() => api.addStage()}
        data-testid="add-stage"
      >
        <PlusIcon className="h-4 w-4" />
        {t("journeyCanvas.stage.add")}
      </button>
    </div>
  );
});

/** The emotion row: a scale, one smooth curve per persona, draggable points, the legend. */
export const EmotionNode = memo(function EmotionNode({ data }: NodeProps<EmotionNodeT>) {
  const { t } = useTranslation();
  const api = useCanvasApi();
  const [drag, setDrag] = useState<{ personaId: string; stageId: string; value: number } | null>(null);
  const frame = { emotion: { y: 0, height: data.height, zeroY: data.zeroY } };
  const yOf = (v: number) => emotionToY(frame, v);
  const active = data.curves.find((c) => c.personaId === data.activePersonaId) ?? data.curves[0] ?? null;

  const valueOf = (personaId: string, stageId: string): number | null => {
    if (drag && drag.personaId === personaId && drag.stageId === stageId) return drag.value;
    const c = data.curves.find((x) => x.personaId === personaId);
    const p = c?.points.find((x) => x.stageId === stageId);
    return p ? p.value : null;
  };
  const curvePoints = (c: EmotionCurve) =>
    data.stages.flatMap((s) => {
      const v = valueOf(c.personaId, s.id);
      return v === null ? [] : [{ x: s.cx, y: yOf(v) }];
    });

  const onPointerDown = (e: React.PointerEvent, personaId: string, stageId: string) => {
    if (!api.canEdit) return;
    e.stopPropagation();
    (e.target as Element).setPointerCapture(e.pointerId);
    api.setActivePersona(personaId);
    setDrag({ personaId, stageId, value: valueOf(personaId, stageId) ?? 0 });
  };
  const onPointerMove = (e: React.PointerEvent) => {
    if (!drag) return;
    const p = api.toFlow({ x: e.clientX, y: e.clientY });
    const value = yToEmotion(frame, p.y - data.top);
    if (value !== drag.value) setDrag({ ...drag, value });
  };
  const onPointerUp = () => {
    if (!drag) return;
    api.setEmotion(drag.personaId, drag.stageId, drag.value);
    setDrag(null);
  };
  const onKey = (e: React.KeyboardEvent, personaId: string, stageId: string) => {
    if (!api.canEdit) return;
    const v = valueOf(personaId, stageId) ?? 0;
    if (e.key === "ArrowUp" || e.key === "ArrowDown") {
      e.preventDefault();
      e.stopPropagation();
      api.setEmotion(personaId, stageId, v + (e.key === "ArrowUp" ? 0.5 : -0.5));
    }
  };

  return (
    <div className="relative h-full w-full border-b border-slate-200 bg-gradient-to-b from-fuchsia-50/60 to-white" data-testid="emotion-row">
      <div className="absolute inset-y-0 left-0 flex flex-col border-r border-slate-200 px-4 py-3" style={{ width: LABEL_W }}>
        <p className="text-[13px] font-semibold text-slate-900">{t("journeyCanvas.emotion.title")}</p>
        <ul className="nodrag nopan mt-2 space-y-1 overflow-hidden" data-testid="persona-legend">
          {data.curves.map((c) => (
            <li key={c.personaId}>
              <button
                type="button"
                onClick={() => api.setActivePersona(c.personaId)}
                className={`flex w-full items-center gap-1.5 rounded px-1 py-0.5 text-left text-xs ${active?.personaId === c.personaId ? "bg-white font-semibold text-slate-900 shadow-sm" : "text-slate-600 hover:bg-white/70"}`}
                aria-pressed={active?.personaId === c.personaId}
              >
                <span className="h-2.5 w-2.5 shrink-0 rounded-full" style={{ background: c.colour }} aria-hidden />
                <span className="truncate">{c.name}</span>
              </button>
            </li>
          ))}
        </ul>
        {api.canEdit ? (
          <button type="button" onClick={() => api.openPersonas()} className="nodrag nopan mt-auto inline-flex items-center gap-1 text-xs font-medium text-brand-700 hover:underline" data-testid="manage-personas">
            {t("journeyCanvas.personas.manage")}
            <ChevronRightIcon className="h-3 w-3" />
          </button>
        ) : null}
      </div>
      <svg className="absolute inset-0 overflow-visible" width={data.width} height={data.height} onPointerMove={onPointerMove} onPointerUp={onPointerUp} onPointerCancel={() => setDrag(null)}>
        {EMOTION_TICKS.map((v) => (
          <g key={v}>
            <line x1={LABEL_W} x2={data.width} y1={yOf(v)} y2={yOf(v)} stroke={v === 0 ? "#94a3b8" : "#e2e8f0"} strokeDasharray={v === 0 ? undefined : "4 4"} />
            <text x={LABEL_W + 6} y={yOf(v) - 3} fontSize={10} fill="#94a3b8">
              {v > 0 ? `+${v}` : v}
            </text>
          </g>
        ))}
        {data.curves.map((c) => {
          const pts = curvePoints(c);
          return pts.length > 1 ? (
            <path key={c.personaId} d={smoothPath(pts)} fill="none" stroke={c.colour} strokeWidth={active?.personaId === c.personaId ? 3.5 : 2.5} strokeLinecap="round" opacity={active && active.personaId !== c.personaId ? 0.55 : 1} />
          ) : null;
        })}
        {data.curves.map((c) =>
          data.stages.map((s) => {
            const v = valueOf(c.personaId, s.id);
            const isActive = active?.personaId === c.personaId;
            if (v === null && !(isActive && api.canEdit)) return null;
            const label = t("journeyCanvas.emotion.point", { persona: c.name, stage: s.name, value: v ?? "—" });
            return (
              <g key={`${c.personaId}:${s.id}`}>
                <circle
                  cx={s.cx}
                  cy={yOf(v ?? 0)}
                  r={v === null ? 6 : 7}
                  fill={v === null ? "#ffffff" : c.colour}
                  stroke={v === null ? c.colour : "#ffffff"}
                  strokeWidth={v === null ? 2 : 2.5}
                  strokeDasharray={v === null ? "3 2" : undefined}
                  className={api.canEdit ? "nodrag nopan cursor-ns-resize focus:outline-none" : ""}
                  tabIndex={api.canEdit ? 0 : undefined}
                  role={api.canEdit ? "slider" : undefined}
                  aria-label={label}
                  aria-valuemin={-2}
                  aria-valuemax={2}
                  aria-valuenow={v ?? undefined}
                  data-testid="emotion-point"
                  data-persona-id={c.personaId}
                  data-stage-id={s.id}
                  data-value={v ?? ""}
                  onPointerDown={(e) => onPointerDown(e, c.personaId, s.id)}
                  onKeyDown={(e) => onKey(e, c.personaId, s.id)}
                >
                  <title>{label}</title>
                </circle>
                {drag && drag.personaId === c.personaId && drag.stageId === s.id ? (
                  <text x={s.cx + 12} y={yOf(drag.value) + 4} fontSize={12} fontWeight={700} fill={c.colour}>
                    {drag.value > 0 ? `+${drag.value}` : drag.value}
                  </text>
                ) : null}
              </g>
            );
          }),
        )}
      </svg>
    </div>
  );
});

export const nodeTypes = {
  card: CardNode,
  stage: StageNode,
  lane: LaneNode,
  cell: CellNode,
  emotion: EmotionNode,
  addStage: AddStageNode,
};
