/**
 * The diff of a current-state journey map and its future state, from their projected content
 * (pure: no database, no document). A future state starts as a copy, so its stages, cards and
 * personas keep the doc object ids of the current map: cards are matched by id.
 *
 *   - a touchpoint only in the future map is added, only in the current map removed;
 *   - a touchpoint in both is moved when its stage, lane or channel changed (a card that left or
 *     joined the touchpoint lane is a move too), and edited when its text changed (both can hold);
 *     renaming a stage moves nothing, and reordering within a cell is not a move;
 *   - the emotion curves of each persona, current vs future, on the stages of both maps;
 *   - the current map's pain points, each with the future touchpoints the team marked as resolving it.
 */
import type { JourneyLane, TouchpointChannel } from "./journey-doc";

export interface DiffStage {
  id: string;
  name: string;
  position: number;
}

export interface DiffCard {
  id: string;
  lane: JourneyLane;
  stageId: string;
  text: string;
  channel: TouchpointChannel | null;
  position: number;
}

export interface DiffPersona {
  id: string;
  name: string;
  colour: string;
}

export interface DiffPainPoint {
  id: string;
  title: string;
  touchpointId: string | null;
  severity: number;
  status: string;
}

/** A map's projected content, as the diff needs it. */
export interface ProjectedMap {
  stages: DiffStage[];
  cards: DiffCard[];
  personas: DiffPersona[];
  /** personaId → stageId → −2…+2 */
  emotions: Record<string, Record<string, number>>;
  painPoints: DiffPainPoint[];
}

export interface Resolution {
  painPointId: string;
  futureTouchpointId: string;
}

export type TouchpointChange = "stage" | "lane" | "channel" | "text";
export type TouchpointStatus = "added" | "removed" | "changed" | "unchanged";

export interface TouchpointDiff {
  id: string;
  status: TouchpointStatus;
  /** For changed: what changed (stage/lane/channel make it a move, text an edit). */
  changes: TouchpointChange[];
  moved: boolean;
  edited: boolean;
  current: DiffCard | null;
  future: DiffCard | null;
}

/** One row of the side-by-side view: a stage of either map (matched by id) and its touchpoints on each side. */
export interface StageRow {
  id: string;
  currentName: string | null;
  futureName: string | null;
  renamed: boolean;
  /** Touchpoints in this stage of the current map (removed, changed or unchanged). */
  current: TouchpointDiff[];
  /** Touchpoints in this stage of the future map (added, changed or unchanged). */
  future: TouchpointDiff[];
}

export interface EmotionPoint {
  stageId: string;
  stageName: string;
  current: number | null;
  future: number | null;
}

export interface EmotionOverlay {
  personaId: string;
  name: string;
  colour: string;
  inCurrent: boolean;
  inFuture: boolean;
  points: EmotionPoint[];
  /** Mean of (future − current) over the stages with both values; null when there are none. */
  meanDelta: number | null;
}

export interface PainResolution {
  painPoint: DiffPainPoint;
  /** The current touchpoint it is pinned on. */
  touchpointText: string | null;
  resolvedBy: { touchpointId: string; text: string; stageName: string | null; exists: boolean }[];
  resolved: boolean;
}

export interface JourneyDiff {
  rows: StageRow[];
  touchpoints: TouchpointDiff[];
  counts: { added: number; removed: number; moved: number; edited: number; unchanged: number };
  emotions: EmotionOverlay[];
  painPoints: PainResolution[];
  resolvedCount: number;
}

const isTouchpoint = (c: DiffCard | null | undefined) => c?.lane === "touchpoints";

export function diffTouchpoint(current: DiffCard | null, future: DiffCard | null): TouchpointDiff | null {
  if (!isTouchpoint(current) && !isTouchpoint(future)) return null;
  const id = (current ?? future)!.id;
  if (!current) return { id, status: "added", changes: [], moved: false, edited: false, current: null, future };
  if (!future) return { id, status: "removed", changes: [], moved: false, edited: false, current, future: null };
  const changes: TouchpointChange[] = [];
  if (current.stageId !== future.stageId) changes.push("stage");
  if (current.lane !== future.lane) changes.push("lane");
  else if (current.channel !== future.channel) changes.push("channel");
  if (current.text.trim() !== future.text.trim()) changes.push("text");
  const moved = changes.some((c) => c !== "text");
  const edited = changes.includes("text");
  return { id, status: changes.length ? "changed" : "unchanged", changes, moved, edited, current, future };
}

/** The stages of both maps in one order: the future's order, each current-only stage after its current predecessor. */
function alignStages(current: DiffStage[], future: DiffStage[]): { id: string; current: DiffStage | null; future: DiffStage | null }[] {
  const cur = [...current].sort((a, b) => a.position - b.position || a.id.localeCompare(b.id));
  const fut = [...future].sort((a, b) => a.position - b.position || a.id.localeCompare(b.id));
  const curById = new Map(cur.map((s) => [s.id, s]));
  const futIds = new Set(fut.map((s) => s.id));
  const order: { id: string; current: DiffStage | null; future: DiffStage | null }[] = fut.map((s) => ({
    id: s.id,
    current: curById.get(s.id) ?? null,
    future: s,
  }));
  cur.forEach((s, i) => {
    if (futIds.has(s.id)) return;
    // After the nearest preceding current stage already placed, or first.
    let at = 0;
    for (let j = i - 1; j >= 0; j--) {
      const k = order.findIndex((o) => o.id === cur[j].id);
      if (k >= 0) {
        at = k + 1;
        break;
      }
    }
    order.splice(at, 0, { id: s.id, current: s, future: null });
  });
  return order;
}

export function diffJourneys(current: ProjectedMap, future: ProjectedMap, resolutions: Resolution[] = []): JourneyDiff {
  const curCards = new Map(current.cards.map((c) => [c.id, c]));
  const futCards = new Map(future.cards.map((c) => [c.id, c]));
  const ids = [...new Set([...curCards.keys(), ...futCards.keys()])];
  const touchpoints = ids.map((id) => diffTouchpoint(curCards.get(id) ?? null, futCards.get(id) ?? null)).filter((d): d is TouchpointDiff => !!d);

  const aligned = alignStages(current.stages, future.stages);
  const byPos = (side: "current" | "future") => (a: TouchpointDiff, b: TouchpointDiff) =>
    (a[side]?.position ?? 0) - (b[side]?.position ?? 0) || a.id.localeCompare(b.id);
  const rows: StageRow[] = aligned.map((s) => ({
    id: s.id,
    currentName: s.current?.name ?? null,
    futureName: s.future?.name ?? null,
    renamed: !!s.current && !!s.future && s.current.name.trim() !== s.future.name.trim(),
    current: touchpoints.filter((d) => isTouchpoint(d.current) && d.current!.stageId === s.id).sort(byPos("current")),
    future: touchpoints.filter((d) => isTouchpoint(d.future) && d.future!.stageId === s.id).sort(byPos("future")),
  }));

  const counts = { added: 0, removed: 0, moved: 0, edited: 0, unchanged: 0 };
  for (const d of touchpoints) {
    if (d.status === "added") counts.added++;
    else if (d.status === "removed") counts.removed++;
    else if (d.status === "unchanged") counts.unchanged++;
    if (d.moved) counts.moved++;
    if (d.edited) counts.edited++;
  }

  const stageName = new Map<string, string>();
  for (const s of aligned) stageName.set(s.id, (s.future ?? s.current)!.name);
  const personaIds = [...new Set([...current.personas.map((p) => p.id), ...future.personas.map((p) => p.id)])];
  const emotions: EmotionOverlay[] = personaIds.map((pid) => {
    const cp = current.personas.find((p) => p.id === pid);
    const fp = future.personas.find((p) => p.id === pid);
    const points = aligned.map((s) => ({
      stageId: s.id,
      stageName: stageName.get(s.id)!,
      current: s.current && cp ? (current.emotions[pid]?.[s.id] ?? null) : null,
      future: s.future && fp ? (future.emotions[pid]?.[s.id] ?? null) : null,
    }));
    const both = points.filter((p) => p.current !== null && p.future !== null);
    const meanDelta = both.length ? both.reduce((n, p) => n + (p.future! - p.current!), 0) / both.length : null;
    return {
      personaId: pid,
      name: (fp ?? cp)!.name,
      colour: (fp ?? cp)!.colour,
      inCurrent: !!cp,
      inFuture: !!fp,
      points,
      meanDelta: meanDelta === null ? null : Math.round(meanDelta * 100) / 100,
    };
  });

  const futureStageName = new Map(future.stages.map((s) => [s.id, s.name]));
  const painPoints: PainResolution[] = current.painPoints.map((p) => {
    const marks = resolutions.filter((r) => r.painPointId === p.id);
    const resolvedBy = marks.map((r) => {
      const card = futCards.get(r.futureTouchpointId);
      const exists = isTouchpoint(card);
      return {
        touchpointId: r.futureTouchpointId,
        text: card?.text ?? "",
        stageName: card ? (futureStageName.get(card.stageId) ?? null) : null,
        exists,
      };
    });
    return {
      painPoint: p,
      touchpointText: p.touchpointId ? (curCards.get(p.touchpointId)?.text ?? null) : null,
      resolvedBy,
      resolved: resolvedBy.some((r) => r.exists),
    };
  });

  return { rows, touchpoints, counts, emotions, painPoints, resolvedCount: painPoints.filter((p) => p.resolved).length };
}
