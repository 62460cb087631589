/**
 * A journey map as one standalone SVG document: the WHOLE map (every stage, lane, card, pain
 * point badge and emotion curve), drawn from the doc content with the same layout as the canvas,
 * so it never depends on what the viewport shows. The PNG export draws this SVG onto a canvas.
 *
 * Pure (no DOM): every piece of user text is XML-escaped; fonts include CJK faces so Chinese
 * renders wherever the SVG is opened.
 */
import type { JourneyContent, JourneyLane, TouchpointChannel } from "./journey-doc";
import {
  CARD_H,
  CARD_W,
  EMOTION_TICKS,
  emotionToY,
  HEADER_H,
  LABEL_W,
  layoutJourney,
  smoothPath,
} from "./journey-layout";

export const EXPORT_FONT = `"Noto Sans CJK SC", "Noto Sans SC", "PingFang SC", "Microsoft YaHei", "Source Han Sans SC", sans-serif`;

export const LANE_COLOURS: Record<JourneyLane, string> = {
  actions: "#0284c7",
  touchpoints: "#4f46e5",
  frontstage: "#059669",
  backstage: "#d97706",
  systems: "#475569",
};

export interface ExportLabels {
  title: string;
  subtitle: string;
  lanes: Record<JourneyLane, string>;
  channels: Record<TouchpointChannel, string>;
  emotion: string;
  /** e.g. "2 pain points" for a count. */
  painPoints: (count: number) => string;
}

export function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" })[c]!);
}

/** Rough advance width of a character at 1px font size (wide for CJK and full-width forms). */
function charWidth(ch: string): number {
  const cp = ch.codePointAt(0)!;
  if (cp >= 0x1100 && (cp <= 0x115f || (cp >= 0x2e80 && cp <= 0xa4cf) || (cp >= 0xac00 && cp <= 0xd7a3) || (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0xfe30 && cp <= 0xfe4f) || (cp >= 0xff00 && cp <= 0xff60) || (cp >= 0xffe0 && cp <= 0xffe6) || cp >= 0x20000))
    return 1;
  if (ch === " ") return 0.3;
  if (/[A-Z0-9mwMW]/.test(ch)) return 0.66;
  return 0.55;
}

/**
 * Breaks text into at most `maxLines` lines of `maxWidth` px (CJK may break anywhere, other
 * scripts at spaces where they can); the last line ends with "…" when text was left out.
 */
export function wrapText(text: string, fontSize: number, maxWidth: number, maxLines: number): string[] {
  const lines: string[] = [];
  const chars = [...text.replace(/\s+/g, " ").trim()];
  let line = "";
  let width = 0;
  let lastSpace = -1;
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i];
    const w = charWidth(ch) * fontSize;
    if (width + w > maxWidth && line) {
      let rest = "";
      if (ch !== " " && lastSpace > 0) {
        rest = line.slice(lastSpace + 1);
        line = line.slice(0, lastSpace);
      }
      lines.push(line.trimEnd());
      if (lines.length === maxLines) {
        const last = lines[maxLines - 1];
        const cut = [...last];
        while (cut.length && (cut.reduce((a, c) => a + charWidth(c) * fontSize, 0) + fontSize) > maxWidth) cut.pop();
        lines[maxLines - 1] = `${cut.join("").trimEnd()}…`;
        return lines;
      }
      line = ch === " " ? "" : rest + ch;
      width = [...line].reduce((a, c) => a + charWidth(c) * fontSize, 0);
      lastSpace = line.lastIndexOf(" ");
      continue;
    }
    if (ch === " ") lastSpace = line.length;
    line += ch;
    width += w;
  }
  if (line) lines.push(line);
  return lines;
}

export function exportJourneySvg(content: JourneyContent, labels: ExportLabels): string {
  const layout = layoutJourney(content);
  const TOP = 72; // title block above the map
  const PAD = 24;
  const width = Math.max(layout.addStageX + PAD, 640);
  const height = TOP + layout.height + PAD;
  const out: string[] = [];
  const text = (x: number, y: number, s: string, attrs = "") => `<text x="${x}" y="${y}" ${attrs}>${escapeXml(s)}</text>`;
  const painCount = new Map<string, number>();
  for (const p of content.painPoints) if (p.touchpointId) painCount.set(p.touchpointId, (painCount.get(p.touchpointId) ?? 0) + 1);
  const cardById = new Map(content.cards.map((c) => [c.id, c]));

  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family='${EXPORT_FONT}'>`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    text(PAD, 34, labels.title, `font-size="22" font-weight="700" fill="#0f172a"`),
    text(PAD, 58, labels.subtitle, `font-size="13" fill="#475569"`),
    `<g transform="translate(0 ${TOP})">`,
  );

  // Stage headers.
  for (const s of layout.stages) {
    out.push(
      `<rect x="${s.x + 4}" y="8" width="${s.width - 8}" height="${HEADER_H - 16}" rx="8" fill="#1e293b"/>`,
      text(s.x + 18, HEADER_H / 2 + 5, wrapText(s.name, 14, s.width - 36, 1)[0] ?? "", `font-size="14" font-weight="600" fill="#ffffff"`),
    );
  }

  // Emotion row: scale, neutral line, one curve per persona, legend.
  const e = layout.emotion;
  out.push(`<rect x="0" y="${e.y}" width="${layout.addStageX}" height="${e.height}" fill="#fdf4ff" stroke="#e2e8f0"/>`);
  out.push(text(16, e.y + 24, labels.emotion, `font-size="13" font-weight="600" fill="#334155"`));
  for (const v of EMOTION_TICKS) {
    const y = emotionToY(layout, v);
    out.push(
      `<line x1="${LABEL_W}" x2="${layout.addStageX}" y1="${y}" y2="${y}" stroke="${v === 0 ? "#94a3b8" : "#e2e8f0"}" stroke-dasharray="${v === 0 ? "" : "4 4"}"/>`,
      text(LABEL_W - 10, y + 4, v > 0 ? `+${v}` : String(v), `font-size="11" text-anchor="end" fill="#64748b"`),
    );
  }
  e.curves.forEach((c, i) => {
    const ly = e.y + 48 + i * 20;
    out.push(
      `<circle cx="22" cy="${ly - 4}" r="5" fill="${c.colour}"/>`,
      text(34, ly, wrapText(c.name, 12, LABEL_W - 80, 1)[0] ?? "", `font-size="12" fill="#334155"`),
    );
    if (c.points.length > 1) out.push(`<path d="${smoothPath(c.points)}" fill="none" stroke="${c.colour}" stroke-width="3" stroke-linecap="round"/>`);
    for (const p of c.points) out.push(`<circle cx="${p.x}" cy="${p.y}" r="6" fill="#ffffff" stroke="${c.colour}" stroke-width="3"/>`);
  });

  // Lanes: label column, cell grid, cards.
  for (const l of layout.lanes) {
    out.push(
      `<rect x="0" y="${l.y}" width="${layout.addStageX}" height="${l.height}" fill="${l.index % 2 ? "#f8fafc" : "#ffffff"}" stroke="#e2e8f0"/>`,
      `<rect x="0" y="${l.y}" width="4" height="${l.height}" fill="${LANE_COLOURS[l.lane]}"/>`,
      text(16, l.y + 26, labels.lanes[l.lane], `font-size="13" font-weight="600" fill="#1e293b"`),
    );
  }
  for (const s of layout.stages) out.push(`<line x1="${s.x}" x2="${s.x}" y1="${e.y}" y2="${layout.height}" stroke="#e2e8f0"/>`);

  for (const box of layout.cards.values()) {
    const card = cardById.get(box.id);
    if (!card) continue;
    const colour = LANE_COLOURS[card.lane];
    out.push(
      `<g transform="translate(${box.x} ${box.y})">`,
      `<rect width="${CARD_W}" height="${CARD_H}" rx="8" fill="#ffffff" stroke="#cbd5e1"/>`,
      `<rect width="4" height="${CARD_H}" rx="2" fill="${colour}"/>`,
    );
    let ty = 20;
    if (card.lane === "touchpoints") {
      const label = labels.channels[card.channel ?? "other"];
      const w = Math.ceil([...label].reduce((a, c) => a + charWidth(c) * 11, 0)) + 14;
      out.push(`<rect x="12" y="8" width="${w}" height="18" rx="9" fill="#eef2ff"/>`, text(19, 21, label, `font-size="11" fill="#3730a3"`));
      const n = painCount.get(card.id) ?? 0;
      if (n) {
        out.push(
          `<g><title>${escapeXml(labels.painPoints(n))}</title><circle cx="${CARD_W - 16}" cy="17" r="10" fill="#dc2626"/>`,
          text(CARD_W - 16, 21, String(n), `font-size="11" font-weight="700" text-anchor="middle" fill="#ffffff"`),
          `</g>`,
        );
      }
      ty = 42;
    }
    const lines = wrapText(card.text, 12, CARD_W - 26, card.lane === "touchpoints" ? 3 : 4);
    lines.forEach((ln, i) => out.push(text(12, ty + i * 16, ln, `font-size="12" fill="#0f172a"`)));
    out.push(`</g>`);
  }

  out.push(`</g>`, `</svg>`);
  return out.join("\n");
}

/** A file name for the export: the map's name without characters file systems refuse. */
export function exportFileName(mapName: string, ext: "svg" | "png"): string {
  const base = mapName.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, " ").replace(/\s+/g, " ").trim().slice(0, 80).trim() || "journey-map";
  return `${base}.${ext}`;
}

