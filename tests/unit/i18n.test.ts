import { describe, expect, it } from "vitest";
import en from "../../app/i18n/en.json";
import zh from "../../app/i18n/zh-CN.json";
import { localeFromAcceptLanguage, tFor } from "../../app/i18n/config";
import { createTranslator } from "../../app/i18n/translate";

type Tree = { [k: string]: string | Tree };

function flatten(tree: Tree, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    if (typeof v === "string") out.set(prefix + k, v);
    else for (const [kk, vv] of flatten(v, `${prefix}${k}.`)) out.set(kk, vv);
  }
  return out;
}

const enKeys = flatten(en as Tree);
const zhKeys = flatten(zh as Tree);
const vars = (s: string) => [...s.matchAll(/\{\{\s*(\w+)/g)].map((m) => m[1]).sort();

describe("translations", () => {
  it("every English key has a Chinese translation", () => {
    expect([...enKeys.keys()].filter((k) => !zhKeys.has(k))).toEqual([]);
  });

  it("every Chinese key has an English translation", () => {
    expect([...zhKeys.keys()].filter((k) => !enKeys.has(k))).toEqual([]);
  });

  it("no translation is empty", () => {
    const empty = [...enKeys, ...zhKeys].filter(([, v]) => v.trim() === "").map(([k]) => k);
    expect(empty).toEqual([]);
  });

  it("both languages use the same interpolation variables", () => {
    const mismatched = [...enKeys.keys()].filter((k) => zhKeys.has(k) && vars(enKeys.get(k)!).join() !== vars(zhKeys.get(k)!).join());
    expect(mismatched).toEqual([]);
  });

  it("the Chinese texts are Chinese", () => {
    expect(tFor("zh-CN")("errors.forbidden")).toMatch(/[\u4e00-\u9fff]/);
    expect(tFor("en")("errors.forbidden")).not.toMatch(/[\u4e00-\u9fff]/);
  });

  it("interpolates variables", () => {
    expect(tFor("en")("errors.too_many_requests", { seconds: 42 })).toContain("42");
    expect(tFor("zh-CN")("errors.too_many_requests", { seconds: 42 })).toContain("42");
  });
});

describe("language from Accept-Language", () => {
  it.each([
    ["zh-CN,zh;q=0.9,en;q=0.8", "zh-CN"],
    ["en-US,en;q=0.9", "en"],
    ["zh-TW", "zh-CN"],
    ["fr-FR, en;q=0.5", "en"],
    ["en;q=0.3, zh;q=0.9", "zh-CN"],
    ["fr", "zh-CN"],
    ["", "zh-CN"],
  ])("%s → %s", (header, expected) => {
    expect(localeFromAcceptLanguage(header)).toBe(expected);
  });
});

describe("the translator", () => {
  const tree = {
    a: { b: "Hello {{name}}", n_one: "{{count}} note", n_other: "{{count}} notes", list: { x: "X" } },
    plain: "plain",
  };
  const en = createTranslator("en", tree);
  const zh = createTranslator("zh-CN", { a: { n_other: "{{count}} 张便签" } });

  it("looks up dotted keys and interpolates", () => {
    expect(en.t("a.b", { name: "Li" })).toBe("Hello Li");
    expect(en.t("plain")).toBe("plain");
    expect(en.t("a.b")).toBe("Hello {{name}}");
  });

  it("chooses the plural form by count, per language", () => {
    expect(en.t("a.n", { count: 1 })).toBe("1 note");
    expect(en.t("a.n", { count: 3 })).toBe("3 notes");
    expect(zh.t("a.n", { count: 1 })).toBe("1 张便签");
  });

  it("returns subtrees only when asked, and the key when nothing is found", () => {
    expect(en.t("a.list", { returnObjects: true })).toEqual({ x: "X" });
    expect(en.t("a.list")).toBe("a.list");
    expect(en.t("no.such.key")).toBe("no.such.key");
    expect(en.exists("a.b")).toBe(true);
    expect(en.exists("a.list")).toBe(false);
  });
});
