/**
 * The live journey-map canvas: @xyflow/react over the Yjs doc `journey:<mapId>`. Everything on
 * it is derived from the doc content through `layoutJourney` (cells and orders, never pixels);
 * dragging a card only moves it locally until the drop, which writes its new cell and order.
 * Every write is one transaction with CANVAS_ORIGIN, so this user's undo manager undoes exactly
 * this user's changes. Others' cursors and selections come from the awareness states.
 */
import { memo, useCallback, useEffect, useMemo, useRef, useState } from "react";
import {
  Background,
  BackgroundVariant,
  Controls,
  MiniMap,
  ReactFlow,
  ReactFlowProvider,
  useReactFlow,
  ViewportPortal,
  type NodeChange,
} from "@xyflow/react";
import { useSearchParams } from "@remix-run/react";
import type * as Y from "yjs";
import type { Awareness } from "y-protocols/awareness";
import { useTranslation } from "~/i18n/react";
import type { PresenceUser } from "~/collab/presence";
import type { JourneyMapInfo } from "~/components/journey/map-context";
import { useJourneyContent } from "~/components/journey/use-journey-content";
import { PainPointDrawer } from "~/components/journey/pain-point-drawer";
import { Button, DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuTrigger } from "~/components/ui";
import { ChevronDownIcon, PlusIcon } from "~/components/ui/icons";
import {
  CardTextSchema,
  JOURNEY_LANES,
  PERSONA_COLOURS,
  PersonaNameSchema,
  patchCard,
  positionBetween,
  putCard,
  putPersona,
  putStage,
  removeCard,
  removePersona,
  removeStage,
  setEmotion,
  StageNameSchema,
  type JourneyContent,
  type JourneyLane,
  type TouchpointChannel,
} from "~/models/journey-doc";
import {
  ADD_STAGE_W,
  CARD_H,
  CARD_W,
  cellAt,
  cellKey,
  EMOTION_H,
  HEADER_H,
  LABEL_W,
  layoutJourney,
  neighbourCell,
  STAGE_W,
  type DraftSlot,
  type JourneyLayout,
} from "~/models/journey-layout";
import { exportFileName, exportJourneySvg, LANE_COLOURS, type ExportLabels } from "~/models/journey-export";
import { CanvasApiContext, isTypingTarget, type CanvasApi } from "./canvas-api";
import { DeleteStageDialog, PersonasDialog, ShortcutsDialog } from "./dialogs";
import { downloadBlob, svgBlob, svgSize, svgToPng } from "./export-map";
import { nodeTypes, type CardNodeData, type JourneyNode, type RemoteMark } from "./nodes";
import { RemoteCursors } from "./remote-cursors";
import { CANVAS_ORIGIN, useCanvasUndo, useRemotePeers, type RemotePeer } from "./use-canvas-collab";

export interface JourneyCanvasProps {
  programId: string;
  map: JourneyMapInfo;
  doc: Y.Doc;
  awareness: Awareness | null;
  me: PresenceUser;
  canEdit: boolean;
  canReview: boolean;
  synced: boolean;
}

const selectionsOf = (peers: RemotePeer[]) => peers.filter((p) => p.selection.length > 0).map((p) => ({ name: p.user.name, color: p.user.color, ids: p.selection }));
const selectionsKey = (v: ReturnType<typeof selectionsOf>) => JSON.stringify(v);

type Drawer = { touchpointId: string; painPointId: string | "new" | null };

function CanvasInner({ programId, map, doc, awareness, me, canEdit, canReview, synced }: JourneyCanvasProps) {
  const { t } = useTranslation();
  const flow = useReactFlow();
  const content = useJourneyContent(doc);
  const undo = useCanvasUndo(doc);
  const [draft, setDraft] = useState<DraftSlot | null>(null);
  const [editingId, setEditingId] = useState<string | null>(null);
  const [selected, setSelected] = useState<string[]>([]);
  const [activeCell, setActiveCell] = useState<{ stageId: string; lane: JourneyLane } | null>(null);
  const [dragPos, setDragPos] = useState<Map<string, { x: number; y: number }>>(() => new Map());
  const [activePersonaId, setActivePersonaId] = useState<string | null>(null);
  const [drawer, setDrawer] = useState<Drawer | null>(null);
  const [stageToDelete, setStageToDelete] = useState<string | null>(null);
  const [personasOpen, setPersonasOpen] = useState(false);
  const [shortcutsOpen, setShortcutsOpen] = useState(false);
  const [exportError, setExportError] = useState<string | null>(null);
  const remoteSelections = useRemotePeers(awareness, selectionsOf, selectionsKey, [] as ReturnType<typeof selectionsOf>);

  // A link to one pain point (?painPoint=<id>, e.g. from traceability) opens its drawer once the map has loaded.
  const [searchParams] = useSearchParams();
  const focusPainPoint = searchParams.get("painPoint");
  const focusedPainPoint = useRef<string | null>(null);
  useEffect(() => {
    if (!content || !focusPainPoint || focusedPainPoint.current === focusPainPoint) return;
    const p = content.painPoints.find((x) => x.id === focusPainPoint);
    if (!p?.touchpointId) return;
    focusedPainPoint.current = focusPainPoint;
    setDrawer({ touchpointId: p.touchpointId, painPointId: p.id });
    setSelected([p.touchpointId]);
  }, [content, focusPainPoint]);

  // A link to one touchpoint (?touchpoint=<id>, e.g. from a mention) opens its drawer the same way.
  const focusTouchpoint = focusPainPoint ? null : searchParams.get("touchpoint");
  const focusedTouchpoint = useRef<string | null>(null);
  useEffect(() => {
    if (!content || !focusTouchpoint || focusedTouchpoint.current === focusTouchpoint) return;
    if (!content.cards.some((c) => c.id === focusTouchpoint && c.lane === "touchpoints")) return;
    focusedTouchpoint.current = focusTouchpoint;
    setDrawer({ touchpointId: focusTouchpoint, painPointId: null });
    setSelected([focusTouchpoint]);
  }, [content, focusTouchpoint]);

  const layout = useMemo(() => (content ? layoutJourney(content, draft) : null), [content, draft]);

  // The latest state for the stable API object and the key handler.
  const live = useRef({ content, layout, selected, editingId, draft, activeCell, canEdit, drawer });
  live.current = { content, layout, selected, editingId, draft, activeCell, canEdit, drawer };

  const write = useCallback(
    (fn: (d: Y.Doc) => void) => {
      if (!live.current.canEdit) return;
      doc.transact(() => fn(doc), CANVAS_ORIGIN);
    },
    [doc],
  );

  const endPosition = (stageId: string, lane: JourneyLane, skipId?: string) => {
    const cards = live.current.content?.cards.filter((c) => c.stageId === stageId && c.lane === lane && c.id !== skipId) ?? [];
    return positionBetween(cards.length ? cards[cards.length - 1].position : null, null);
  };

  const api = useMemo<CanvasApi>(
    () => ({
      canEdit,
      addCard(stageId, lane, afterId) {
        if (!live.current.canEdit) return;
        const cards = live.current.content?.cards.filter((c) => c.stageId === stageId && c.lane === lane) ?? [];
        let position = positionBetween(cards.length ? cards[cards.length - 1].position : null, null);
        if (afterId) {
          const i = cards.findIndex((c) => c.id === afterId);
          if (i >= 0) position = positionBetween(cards[i].position, cards[i + 1]?.position ?? null);
        }
        setEditingId(null);
        setActiveCell({ stageId, lane });
        setDraft({ id: `draft:${crypto.randomUUID()}`, stageId, lane, position });
      },
      commitDraft(text) {
        const d = live.current.draft;
        if (!d) return null;
        if (!text.trim()) {
          setDraft(null);
          return null;
        }
        const parsed = CardTextSchema.safeParse(text);
        if (!parsed.success) return parsed.error.issues[0]?.message ?? "validation.invalid";
        const id = crypto.randomUUID();
        write((x) =>
          putCard(x, {
            id,
            lane: d.lane,
            stageId: d.stageId,
            text: parsed.data,
            channel: d.lane === "touchpoints" ? "other" : null,
            position: d.position,
            createdBy: me.id,
            createdAt: new Date().toISOString(),
          }),
        );
        setDraft(null);
        setSelected([id]);
        return null;
      },
      cancelDraft() {
        setDraft(null);
      },
      startEdit(cardId) {
        if (!live.current.canEdit) return;
        setDraft(null);
        setEditingId(cardId);
      },
      commitEdit(cardId, text) {
        const parsed = CardTextSchema.safeParse(text);
        if (!parsed.success) return parsed.error.issues[0]?.message ?? "validation.invalid";
        const card = live.current.content?.cards.find((c) => c.id === cardId);
        if (card && card.text !== parsed.data) write((x) => patchCard(x, cardId, { text: parsed.data }));
        setEditingId(null);
        return null;
      },
      cancelEdit() {
        setEditingId(null);
      },
      deleteCards(ids) {
        if (!ids.length) return;
        write((x) => ids.forEach((id) => removeCard(x, id)));
        setSelected((s) => s.filter((id) => !ids.includes(id)));
        setDrawer((d) => (d && ids.includes(d.touchpointId) ? null : d));
      },
      setChannel(cardId, channel: TouchpointChannel) {
        write((x) => patchCard(x, cardId, { channel }));
      },
      openTouchpoint(touchpointId, painPointId = null) {
        setDrawer({ touchpointId, painPointId });
        setSelected([touchpointId]);
      },
      selectCell(stageId, lane) {
        setActiveCell({ stageId, lane });
        setSelected([]);
      },
      renameStage(stageId, name) {
        const parsed = StageNameSchema.safeParse(name);
        if (!parsed.success) return parsed.error.issues[0]?.message ?? "validation.invalid";
        const stage = live.current.content?.stages.find((s) => s.id === stageId);
        if (stage && stage.name !== parsed.data) write((x) => putStage(x, { ...stage, name: parsed.data }));
        return null;
      },
      moveStage(stageId, direction) {
        const stages = live.current.content?.stages ?? [];
        const i = stages.findIndex((s) => s.id === stageId);
        const j = i + direction;
        if (i < 0 || j < 0 || j >= stages.length) return;
        const position =
          direction < 0 ? positionBetween(stages[j - 1]?.position ?? null, stages[j].position) : positionBetween(stages[j].position, stages[j + 1]?.position ?? null);
        write((x) => putStage(x, { ...stages[i], position }));
      },
      requestDeleteStage(stageId) {
        setStageToDelete(stageId);
      },
      addStage() {
        const stages = live.current.content?.stages ?? [];
        write((x) =>
          putStage(x, {
            id: crypto.randomUUID(),
            name: t("journeyCanvas.stage.newName", { number: stages.length + 1 }),
            position: positionBetween(stages[stages.length - 1]?.position ?? null, null),
          }),
        );
      },
      setEmotion(personaId, stageId, value) {
        write((x) => setEmotion(x, personaId, stageId, value));
      },
      setActivePersona(personaId) {
        setActivePersonaId(personaId);
      },
      openPersonas() {
        setPersonasOpen(true);
      },
      toFlow(point) {
        return flow.screenToFlowPosition(point);
      },
    }),
    // t changes with the language; the rest is read through `live`.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [canEdit, write, me.id, t, flow],
  );

  // ---- nodes, rebuilt from the layout; unchanged cards keep their node object (and do not re-render).
  const cache = useRef(new Map<string, { sig: string; node: JourneyNode }>());
  // Card data objects survive position changes, so a card that only moved does not re-render inside.
  const dataCache = useRef(new Map<string, { sig: string; data: CardNodeData }>());
  const nodes = useMemo<JourneyNode[]>(() => {
    if (!content || !layout) return [];
    const out: JourneyNode[] = [];
    const next = new Map<string, { sig: string; node: JourneyNode }>();
    const nextData = new Map<string, { sig: string; data: CardNodeData }>();
    const reuse = (id: string, sig: string, make: () => JourneyNode) => {
      const prev = cache.current.get(id);
      const node = prev && prev.sig === sig ? prev.node : make();
      next.set(id, { sig, node });
      out.push(node);
    };
    const selectedSet = new Set(selected);
    const marks = new Map<string, RemoteMark[]>();
    for (const r of remoteSelections) for (const id of r.ids) marks.set(id, [...(marks.get(id) ?? []), { name: r.name, color: r.color }]);
    const pains = new Map<string, number>();
    for (const p of content.painPoints) if (p.touchpointId) pains.set(p.touchpointId, (pains.get(p.touchpointId) ?? 0) + 1);
    const cardCount = new Map<string, number>();
    const laneCount = new Map<string, number>();
    for (const c of content.cards) {
      cardCount.set(c.stageId, (cardCount.get(c.stageId) ?? 0) + 1);
      laneCount.set(c.lane, (laneCount.get(c.lane) ?? 0) + 1);
    }

    const emotionWidth = layout.addStageX;
    const eSig = JSON.stringify([layout.emotion.curves, layout.stages.map((s) => [s.id, s.cx, s.name]), activePersonaId]);
    reuse("emotion", eSig, () => ({
      id: "emotion",
      type: "emotion",
      position: { x: 0, y: layout.emotion.y },
      width: emotionWidth,
      height: EMOTION_H,
      draggable: false,
      selectable: false,
      focusable: false,
      zIndex: 1,
      data: {
        top: layout.emotion.y,
        width: emotionWidth,
        height: EMOTION_H,
        zeroY: layout.emotion.zeroY - layout.emotion.y,
        stages: layout.stages.map((s) => ({ id: s.id, cx: s.cx, name: s.name })),
        curves: layout.emotion.curves.map((c) => ({ ...c, points: c.points.map((p) => ({ ...p, y: p.y - layout.emotion.y })) })),
        activePersonaId,
      },
    }));
    for (const l of layout.lanes) {
      const n = laneCount.get(l.lane) ?? 0;
      reuse(`lane:${l.lane}`, `${l.y}|${l.height}|${n}`, () => ({
        id: `lane:${l.lane}`,
        type: "lane",
        position: { x: 0, y: l.y },
        width: LABEL_W,
        height: l.height,
        draggable: false,
        selectable: false,
        focusable: false,
        data: { lane: l.lane, cards: n },
      }));
    }
    layout.stages.forEach((s, i) => {
      const n = cardCount.get(s.id) ?? 0;
      const last = i === layout.stages.length - 1;
      reuse(`stage:${s.id}`, `${s.x}|${s.name}|${i}|${n}|${last}|${layout.stages.length}`, () => ({
        id: `stage:${s.id}`,
        type: "stage",
        position: { x: s.x, y: 0 },
        width: STAGE_W,
        height: HEADER_H,
        draggable: false,
        selectable: false,
        focusable: false,
        data: { id: s.id, name: s.name, index: i, count: layout.stages.length, last, cards: n },
      }));
      for (const l of layout.lanes) {
        const count = layout.cells.get(cellKey(s.id, l.lane))?.length ?? 0;
        const active = activeCell?.stageId === s.id && activeCell.lane === l.lane;
        reuse(`cell:${s.id}:${l.lane}`, `${s.x}|${l.y}|${l.height}|${count}|${active}`, () => ({
          id: `cell:${s.id}:${l.lane}`,
          type: "cell",
          position: { x: s.x, y: l.y },
          width: STAGE_W,
          height: l.height,
          draggable: false,
          selectable: false,
          focusable: false,
          zIndex: 0,
          data: { stageId: s.id, lane: l.lane, count, active },
        }));
      }
    });
    reuse("add-stage", `${layout.addStageX}`, () => ({
      id: "add-stage",
      type: "addStage",
      position: { x: layout.addStageX, y: 0 },
      width: ADD_STAGE_W,
      height: HEADER_H,
      draggable: false,
      selectable: false,
      focusable: false,
      data: {},
    }));

    const cardList = draft ? [...content.cards, { id: draft.id, lane: draft.lane, stageId: draft.stageId, text: "", channel: draft.lane === "touchpoints" ? ("other" as const) : null, position: draft.position, createdBy: me.id, createdAt: "" }] : content.cards;
    for (const card of cardList) {
      const box = layout.cards.get(card.id);
      if (!box) continue;
      const isDraft = !!draft && card.id === draft.id;
      const pos = dragPos.get(card.id) ?? { x: box.x, y: box.y };
      const mark = marks.get(card.id) ?? null;
      const painCount = pains.get(card.id) ?? 0;
      const editing = isDraft || editingId === card.id;
      const sel = selectedSet.has(card.id);
      const dataSig = `${card.stageId}|${card.lane}|${card.text}|${card.channel}|${painCount}|${editing}|${mark ? JSON.stringify(mark) : ""}`;
      const prevData = dataCache.current.get(card.id);
      const data: CardNodeData = prevData && prevData.sig === dataSig ? prevData.data : { card, pains: painCount, editing, draft: isDraft, remote: mark };
      nextData.set(card.id, { sig: dataSig, data });
      const sig = `${pos.x}|${pos.y}|${dataSig}|${sel}|${canEdit}`;
      reuse(card.id, sig, () => ({
        id: card.id,
        type: "card",
        position: pos,
        width: CARD_W,
        height: CARD_H,
        selected: sel,
        draggable: canEdit && !editing,
        selectable: !isDraft,
        zIndex: editing ? 30 : 10,
        data,
      }));
    }
    cache.current = next;
    dataCache.current = nextData;
    return out;
  }, [content, layout, selected, remoteSelections, dragPos, editingId, draft, activeCell, activePersonaId, canEdit, me.id]);

  const onNodesChange = useCallback((changes: NodeChange<JourneyNode>[]) => {
    let sel: Set<string> | null = null;
    let drag: Map<string, { x: number; y: number }> | null = null;
    for (const c of changes) {
      if (c.type === "select") {
        sel ??= new Set(live.current.selected);
        if (c.selected) sel.add(c.id);
        else sel.delete(c.id);
      } else if (c.type === "position" && c.position && c.dragging) {
        drag ??= new Map();
        drag.set(c.id, c.position);
      }
    }
    if (sel) {
      const next = [...sel];
      setSelected((prev) => (prev.length === next.length && prev.every((x, i) => x === next[i]) ? prev : next));
    }
    if (drag) {
      const d = drag;
      setDragPos((prev) => {
        const m = new Map(prev);
        d.forEach((v, k) => m.set(k, v));
        return m;
      });
    }
  }, []);

  const onNodeDragStop = useCallback(
    (_: unknown, _node: JourneyNode, dragged: JourneyNode[]) => {
      const { layout: lay, content: cont } = live.current;
      if (lay && cont && live.current.canEdit) {
        const byId = new Map(cont.cards.map((c) => [c.id, c]));
        const moves: { id: string; stageId: string; lane: JourneyLane; position: number }[] = [];
        for (const n of dragged) {
          if (n.type !== "card") continue;
          const card = byId.get(n.id);
          if (!card) continue;
          const hit = cellAt(lay, { x: n.position.x + CARD_W / 2, y: n.position.y + CARD_H / 2 }, n.id);
          if (!hit) continue;
          const before = hit.beforeId ? byId.get(hit.beforeId) : undefined;
          const after = hit.afterId ? byId.get(hit.afterId) : undefined;
          const ids = lay.cells.get(cellKey(card.stageId, card.lane)) ?? [];
          const oldIdx = ids.indexOf(card.id);
          if (hit.stageId === card.stageId && hit.lane === card.lane && hit.index === oldIdx) continue;
          moves.push({ id: card.id, stageId: hit.stageId, lane: hit.lane, position: positionBetween(before?.position ?? null, after?.position ?? null) });
        }
        if (moves.length) write((x) => moves.forEach((m) => patchCard(x, m.id, { stageId: m.stageId, lane: m.lane, position: m.position })));
      }
      setDragPos(new Map());
    },
    [write],
  );

  // Any click handler also gives the background nodes (cells, headers, emotion row) pointer events.
  const onNodeClick = useCallback(
    (_: unknown, node: JourneyNode) => {
      if (node.type === "cell") api.selectCell(node.data.stageId, node.data.lane);
    },
    [api],
  );

  // ---- presence: my cursor (flow coordinates) and my selection.
  useEffect(() => {
    awareness?.setLocalStateField("selection", selected);
  }, [awareness, selected]);
  useEffect(() => () => {
    awareness?.setLocalStateField("cursor", null);
    awareness?.setLocalStateField("selection", []);
  }, [awareness]);
  const cursorFrame = useRef(0);
  const cursorAt = useRef<{ x: number; y: number } | null>(null);
  const onPointerMove = (e: React.PointerEvent) => {
    if (!awareness) return;
    cursorAt.current = { x: e.clientX, y: e.clientY };
    if (cursorFrame.current) return;
    cursorFrame.current = requestAnimationFrame(() => {
      cursorFrame.current = 0;
      const p = cursorAt.current;
      if (!p) return;
      const f = flow.screenToFlowPosition(p);
      awareness.setLocalStateField("cursor", { x: Math.round(f.x), y: Math.round(f.y) });
    });
  };
  const onPointerLeave = () => {
    cursorAt.current = null;
    awareness?.setLocalStateField("cursor", null);
  };

  // ---- keyboard shortcuts (never while typing in a field or with a dialog open).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || isTypingTarget(e.target)) return;
      const s = live.current;
      const mod = e.ctrlKey || e.metaKey;
      const key = e.key.toLowerCase();
      if (mod && key === "z" && !e.shiftKey) {
        e.preventDefault();
        if (s.canEdit) undo.manager?.undo();
        return;
      }
      if (mod && ((key === "z" && e.shiftKey) || key === "y")) {
        e.preventDefault();
        if (s.canEdit) undo.manager?.redo();
        return;
      }
      if (mod || e.altKey) return;
      if (e.key === "?") {
        e.preventDefault();
        setShortcutsOpen(true);
        return;
      }
      if (e.key === "Escape") {
        setDraft(null);
        setEditingId(null);
        setSelected([]);
        setActiveCell(null);
        setDrawer(null);
        return;
      }
      if (!s.canEdit || !s.content || !s.layout) return;
      const cards = s.selected.map((id) => s.content!.cards.find((c) => c.id === id)).filter((c) => !!c);
      if (e.key === "Delete" || e.key === "Backspace") {
        if (cards.length) {
          e.preventDefault();
          api.deleteCards(cards.map((c) => c.id));
        }
      } else if (e.key === "Enter") {
        if (cards.length === 1) {
          e.preventDefault();
          api.startEdit(cards[0].id);
        }
      } else if (key === "n") {
        e.preventDefault();
        if (cards.length === 1) api.addCard(cards[0].stageId, cards[0].lane, cards[0].id);
        else if (s.activeCell) api.addCard(s.activeCell.stageId, s.activeCell.lane);
        else if (s.layout.stages[0]) api.addCard(s.layout.stages[0].id, JOURNEY_LANES[0]);
      } else if (e.key.startsWith("Arrow") && cards.length === 1) {
        e.preventDefault();
        const dir = e.key.slice(5).toLowerCase() as "left" | "right" | "up" | "down";
        const card = cards[0];
        const to = neighbourCell(s.layout, card, dir);
        if (to) {
          const position = endPosition(to.stageId, to.lane, card.id);
          write((x) => patchCard(x, card.id, { stageId: to.stageId, lane: to.lane, position }));
          setActiveCell(to);
        }
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, undo.manager, write]);

  // ---- first view: the whole width of the map, from the top (readable even with 500 cards).
  const wrapper = useRef<HTMLDivElement>(null);
  const placed = useRef(false);
  useEffect(() => {
    if (placed.current || !layout || !wrapper.current || layout.stages.length === 0) return;
    placed.current = true;
    const w = wrapper.current.clientWidth || 1000;
    const zoom = Math.max(0.35, Math.min(1, (w - 32) / layout.width));
    void flow.setViewport({ x: 16, y: 12, zoom });
  }, [layout, flow]);

  // ---- export (the whole map from the content, not the viewport).
  const exportLabels = (): ExportLabels => ({
    title: map.name,
    subtitle: t("journeyCanvas.export.subtitle", { persona: map.persona, date: new Date().toISOString().slice(0, 10) }),
    lanes: Object.fromEntries(JOURNEY_LANES.map((l) => [l, t(`journey.lanes.${l}`)])) as ExportLabels["lanes"],
    channels: Object.fromEntries(["phone", "web", "app", "branch", "sms", "chat", "email", "social", "other"].map((c) => [c, t(`journey.channels.${c}`)])) as ExportLabels["channels"],
    emotion: t("journeyCanvas.emotion.title"),
    painPoints: (count) => t("journeyCanvas.pain.badge", { count }),
  });
  const exportAs = async (kind: "svg" | "png") => {
    if (!content) return;
    setExportError(null);
    const svg = exportJourneySvg(content, exportLabels());
    try {
      if (kind === "svg") downloadBlob(svgBlob(svg), exportFileName(map.name, "svg"));
      else {
        const { width, height } = svgSize(svg);
        downloadBlob(await svgToPng(svg, width, height, 2), exportFileName(map.name, "png"));
      }
    } catch {
      setExportError(t("journeyCanvas.export.failed"));
    }
  };

  if (!content || !layout || (content.stages.length === 0 && !synced)) {
    return (
      <div className="flex h-full items-center justify-center text-sm text-slate-500" data-testid="canvas-loading">
        <span className="mr-2 h-4 w-4 animate-spin rounded-full border-2 border-slate-300 border-r-transparent" aria-hidden />
        {t("journeyCanvas.loading")}
      </div>
    );
  }

  const drawerCard = drawer ? content.cards.find((c) => c.id === drawer.touchpointId && c.lane === "touchpoints") : null;
  const stageDeleting = stageToDelete ? content.stages.find((s) => s.id === stageToDelete) : null;

  return (
    <CanvasApiContext.Provider value={api}>
      <div className="flex h-full flex-col">
        <div className="flex flex-wrap items-center gap-2 border-b border-slate-200 bg-white px-3 py-2" role="toolbar" aria-label={t("journeyCanvas.toolbar")}>
          {canEdit ? (
            <>
              <Button size="sm" variant="ghost" onClick={() => undo.manager?.undo()} disabled={!undo.canUndo} data-testid="undo" title={t("journeyCanvas.undoHint")}>
                <svg viewBox="0 0 24 24" className="h-4 w-4" fill="none" stroke="currentColor" strokeWidth={2} aria-hidden>
                  <path d="M9 14 4 9l5-5M4 9h10.5a5.5 5.5 0 0 1 0 11H11" />
                </svg>
                {t("journeyCanvas.undo")}
              </Button>
              <Button size="sm" variant="ghost" onClick={() => undo.manager?.redo()} disabled={!undo.canRedo} data-testid="redo" title={t("journeyCanvas.redoHint")}>
                <svg viewBox="0 0 24 24" className="h-4 w-4" fill="none" stroke="currentColor" strokeWidth={2} aria-hidden>
                  <path d="m15 14 5-5-5-5M20 9H9.5a5.5 5.5 0 0 0 0 11H13" />
                </svg>
                {t("journeyCanvas.redo")}
              </Button>
              <span className="mx-1 h-5 w-px bg-slate-200" aria-hidden />
              <Button size="sm" variant="ghost" onClick={() => api.addStage()} data-testid="toolbar-add-stage">
                <PlusIcon className="h-4 w-4" />
                {t("journeyCanvas.stage.add")}
              </Button>
              <Button size="sm" variant="ghost" onClick={() => setPersonasOpen(true)} data-testid="toolbar-personas">
                {t("journeyCanvas.personas.title")}
              </Button>
            </>
          ) : null}
          <div className="ml-auto flex items-center gap-2">
            <span className="hidden text-xs text-slate-500 xl:inline" data-testid="canvas-stats" data-cards={content.cards.length}>
              {t("journeyCanvas.stats", { cards: content.cards.length, stages: content.stages.length, pains: content.painPoints.length })}
            </span>
            {exportError ? (
              <span className="text-xs text-red-700" role="alert">
                {exportError}
              </span>
            ) : null}
            <DropdownMenu>
              <DropdownMenuTrigger asChild>
                <Button size="sm" variant="secondary" data-testid="export-menu">
                  {t("journeyCanvas.export.button")}
                  <ChevronDownIcon className="h-4 w-4" />
                </Button>
              </DropdownMenuTrigger>
              <DropdownMenuContent>
                <DropdownMenuItem onSelect={() => void exportAs("svg")} data-testid="export-svg">
                  {t("journeyCanvas.export.svg")}
                </DropdownMenuItem>
                <DropdownMenuItem onSelect={() => void exportAs("png")} data-testid="export-png">
                  {t("journeyCanvas.export.png")}
                </DropdownMenuItem>
              </DropdownMenuContent>
            </DropdownMenu>
            <Button size="sm" variant="ghost" onClick={() => setShortcutsOpen(true)} aria-label={t("journeyCanvas.shortcuts.title")} data-testid="shortcuts-button">
              <kbd className="font-mono text-xs">?</kbd>
            </Button>
          </div>
        </div>
        <div ref={wrapper} className="relative min-h-0 flex-1 bg-slate-100" onPointerMove={onPointerMove} onPointerLeave={onPointerLeave} data-testid="journey-canvas" data-ready="true" data-card-count={content.cards.length}>
          <ReactFlow<JourneyNode>
            nodes={nodes}
            edges={[]}
            nodeTypes={nodeTypes}
            onNodesChange={onNodesChange}
            onNodeDragStop={onNodeDragStop}
            onNodeClick={onNodeClick}
            nodesDraggable={canEdit}
            nodesConnectable={false}
            nodesFocusable={false}
            edgesFocusable={false}
            elementsSelectable
            deleteKeyCode={null}
            disableKeyboardA11y
            panOnScroll
            zoomOnDoubleClick={false}
            selectionOnDrag={false}
            minZoom={0.1}
            maxZoom={2}
            onlyRenderVisibleElements
            onPaneClick={() => {
              setSelected([]);
              setActiveCell(null);
            }}
            proOptions={{ hideAttribution: true }}
          >
            <Background variant={BackgroundVariant.Dots} gap={24} size={1} color="#cbd5e1" />
            <Controls showInteractive={false} position="bottom-left" />
            <MiniMap
              pannable
              zoomable
              position="bottom-right"
              nodeColor={(n) => (n.type === "card" ? LANE_COLOURS[(n.data as CardNodeData).card.lane] : n.type === "stage" ? "#1e293b" : "transparent")}
              nodeStrokeWidth={0}
              maskColor="rgba(241,245,249,0.7)"
              ariaLabel={t("journeyCanvas.minimap")}
            />
            <ViewportPortal>
              <RemoteCursors awareness={awareness} />
            </ViewportPortal>
          </ReactFlow>
          {drawer && drawerCard ? (
            <PainPointDrawer
              programId={programId}
              mapId={map.id}
              touchpoint={drawerCard}
              painPoints={content.painPoints}
              painPointId={drawer.painPointId}
              canEdit={canEdit}
              canReview={canReview}
              meId={me.id}
              write={write}
              onSelect={(painPointId) => setDrawer({ touchpointId: drawerCard.id, painPointId })}
              onClose={() => setDrawer(null)}
            />
          ) : null}
        </div>
      </div>
      <ShortcutsDialog open={shortcutsOpen} onOpenChange={setShortcutsOpen} />
      <PersonasDialog
        open={personasOpen}
        onOpenChange={setPersonasOpen}
        personas={content.personas}
        onAdd={(name) => {
          const used = new Set(content.personas.map((p) => p.colour));
          const colour = PERSONA_COLOURS.find((c) => !used.has(c)) ?? PERSONA_COLOURS[content.personas.length % PERSONA_COLOURS.length];
          const last = content.personas[content.personas.length - 1];
          write((x) => putPersona(x, { id: crypto.randomUUID(), name, colour, position: positionBetween(last?.position ?? null, null) }));
        }}
        onRename={(id, name) => {
          const parsed = PersonaNameSchema.safeParse(name);
          if (!parsed.success) return parsed.error.issues[0]?.message ?? "validation.invalid";
          const p = content.personas.find((x) => x.id === id);
          if (p) write((x) => putPersona(x, { ...p, name: parsed.data }));
          return null;
        }}
        onRemove={(id) => write((x) => removePersona(x, id))}
      />
      <DeleteStageDialog
        stage={stageDeleting ?? null}
        cards={stageDeleting ? content.cards.filter((c) => c.stageId === stageDeleting.id).length : 0}
        onCancel={() => setStageToDelete(null)}
        onConfirm={() => {
          if (stageDeleting && content.stages.length > 1) write((x) => removeStage(x, stageDeleting.id));
          setStageToDelete(null);
        }}
      />
    </CanvasApiContext.Provider>
  );
}

/** The canvas with its own React Flow store; memoised so presence updates of the page do not re-render it. */
export const JourneyCanvas = memo(function JourneyCanvas(props: JourneyCanvasProps) {
  return (
    <ReactFlowProvider>
      <CanvasInner {...props} />
    </ReactFlowProvider>
  );
});

export type { JourneyContent, JourneyLayout };
