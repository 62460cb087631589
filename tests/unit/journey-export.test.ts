import { describe, expect, it } from "vitest";
import type { JourneyContent } from "../../app/models/journey-doc";
import { escapeXml, exportFileName, exportJourneySvg, wrapText, type ExportLabels } from "../../app/models/journey-export";

const labels: ExportLabels = {
  title: "信用卡申请 <Map>",
  subtitle: "Persona: Young",
  lanes: { actions: "Customer actions", touchpoints: "Touchpoints", frontstage: "Frontstage", backstage: "Backstage", systems: "Systems" },
  channels: { phone: "Phone", web: "Web", app: "App", branch: "Branch", sms: "SMS", chat: "Chat", email: "Email", social: "Social", other: "Other" },
  emotion: "Emotion curve",
  painPoints: (n) => `${n} pain points`,
};

function content(cardCount: number): JourneyContent {
  const stages = ["认知", "购买", "开户与使用", "服务", "忠诚与推荐"].map((name, i) => ({ id: `s${i}`, name, position: i }));
  const lanes = ["actions", "touchpoints", "frontstage", "backstage", "systems"] as const;
  const cards = Array.from({ length: cardCount }, (_, i) => ({
    id: `c${i}`,
    stageId: `s${i % 5}`,
    lane: lanes[Math.floor(i / 5) % 5],
    text: i === 0 ? "<script>alert(1)</script> & \"quotes\"" : `卡片 ${i}`,
    channel: lanes[Math.floor(i / 5) % 5] === "touchpoints" ? ("phone" as const) : null,
    position: i,
    createdBy: null,
    createdAt: "",
  }));
  return {
    stages,
    cards,
    personas: [{ id: "p1", name: "年轻白领", colour: "#e11d48", position: 1 }],
    emotions: { p1: { s0: 1, s1: -1, s4: 2 } },
    painPoints: [
      { id: "pp1", touchpointId: "c5", title: "等太久", description: "", severity: 4, reach: 3, impact: 3, effort: 3, source: "top_down", status: "open", createdBy: null, createdAt: "1" },
      { id: "pp2", touchpointId: "c5", title: "重复填表", description: "", severity: 3, reach: 3, impact: 3, effort: 3, source: "bottom_up", status: "open", createdBy: null, createdAt: "2" },
    ],
    questions: { a: "", b: "", c: "", d: "", e: "", f: "" },
  };
}

describe("exportJourneySvg", () => {
  it("draws the whole map: every stage, lane and card, whatever the size", () => {
    const c = content(60);
    const svg = exportJourneySvg(c, labels);
    expect(svg.startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\"")).toBe(true);
    expect(svg.trimEnd().endsWith("</svg>")).toBe(true);
    for (const s of c.stages) expect(svg).toContain(`>${s.name}</text>`);
    for (const l of Object.values(labels.lanes)) expect(svg).toContain(`>${l}</text>`);
    for (const card of c.cards.slice(1)) expect(svg).toContain(`>${card.text}</text>`);
    const height = Number(/height="(\d+)"/.exec(svg)![1]);
    expect(height).toBeGreaterThan(exportJourneySvg(content(5), labels).match(/height="(\d+)"/)!.slice(1).map(Number)[0]);
  });

  it("escapes user text, so markup in a card or title stays text", () => {
    const svg = exportJourneySvg(content(1), labels);
    expect(svg).not.toContain("<script>");
    expect(svg).toContain("&lt;script&gt;alert(1)&lt;/script&gt; &amp;");
    expect(svg).toContain("&quot;quotes&quot;");
    expect(svg).toContain("信用卡申请 &lt;Map&gt;");
  });

  it("uses a CJK font, draws the emotion curve, channels and the pain point count", () => {
    const svg = exportJourneySvg(content(10), labels);
    expect(svg).toContain("Noto Sans CJK SC");
    expect(svg).toMatch(/<path d="M[^"]+C[^"]+" fill="none" stroke="#e11d48"/);
    expect(svg).toContain(">年轻白领</text>");
    expect(svg).toContain(">Phone</text>");
    expect(svg).toContain("<title>2 pain points</title>");
  });
});

describe("wrapText", () => {
  it("breaks CJK anywhere and Latin at spaces, within the width", () => {
    const cjk = wrapText("客户在网点排队等待时间过长导致不满", 12, 60, 10);
    expect(cjk.length).toBeGreaterThan(1);
    for (const line of cjk) expect([...line].length).toBeLessThanOrEqual(5);
    expect(cjk.join("")).toBe("客户在网点排队等待时间过长导致不满");
    const latin = wrapText("the quick brown fox jumps over", 10, 60, 10);
    expect(latin.join(" ")).toBe("the quick brown fox jumps over");
    for (const line of latin) expect(line.startsWith(" ")).toBe(false);
  });

  it("ends with an ellipsis when lines run out", () => {
    const lines = wrapText("一二三四五六七八九十一二三四五六七八九十", 10, 50, 2);
    expect(lines).toHaveLength(2);
    expect(lines[1].endsWith("…")).toBe(true);
  });
});

describe("escapeXml and exportFileName", () => {
  it("escape the five XML characters and strip what file systems refuse", () => {
    expect(escapeXml(`<a href="x">'&'</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;");
    expect(exportFileName('信用卡/申请: "旅程"', "svg")).toBe("信用卡 申请 旅程.svg");
    expect(exportFileName("   ", "png")).toBe("journey-map.png");
  });
});
