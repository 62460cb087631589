/** Comments, the pure part: mention tokens (parse, segments, excerpts), the composer's @query, picking and encoding, and the input limits. */
import { describe, expect, it } from "vitest";
import {
  bodySegments,
  commentExcerpt,
  CommentBodySchema,
  COMMENT_BODY_MAX_CHARS,
  CreateCommentSchema,
  decodeMentions,
  encodeMentions,
  filterMentionCandidates,
  insertMention,
  mentionName,
  mentionQueryAt,
  mentionToken,
  parseMentionRefs,
  parseMentions,
  plainText,
} from "../../app/models/comments";

const CHEN = { id: "3f1c2d9e-0000-4000-8000-000000000001", name: "陈明" };
const LI = { id: "3f1c2d9e-0000-4000-8000-000000000002", name: "李静" };

describe("mention tokens", () => {
  it("writes a token and reads its id and name back", () => {
    expect(mentionToken(CHEN)).toBe(`@[陈明](user:${CHEN.id})`);
    const body = `${mentionToken(CHEN)} 请看一下，${mentionToken(LI)} 也请确认。再提一次 ${mentionToken(CHEN)}`;
    expect(parseMentions(body)).toEqual([CHEN.id, LI.id]);
    expect(parseMentionRefs(body)).toEqual([CHEN, LI]);
  });

  it("ignores look-alikes: no brackets, a bad id, a line break in the name, an email", () => {
    expect(parseMentions("@陈明 hello, write to chen@demo.test")).toEqual([]);
    expect(parseMentions("@[陈明](user:)")).toEqual([]);
    expect(parseMentions("@[陈明](user:abc def)")).toEqual([]);
    expect(parseMentions("@[陈\n明](user:abc)")).toEqual([]);
    expect(parseMentions("@[陈明](person:abc)")).toEqual([]);
  });

  it("keeps names token-safe: brackets and line breaks removed, at most 80 characters", () => {
    expect(mentionName(" [Ann]\nLee ")).toBe("Ann Lee");
    expect(mentionName("x".repeat(200))).toHaveLength(80);
    expect(mentionName("[]")).toBe("?");
    const odd = { id: "u1", name: "Ann [QA]" };
    expect(parseMentionRefs(mentionToken(odd))).toEqual([{ id: "u1", name: "Ann QA" }]);
  });

  it("splits a body into text and mention segments for chips", () => {
    const body = `你好 ${mentionToken(CHEN)}，请和${mentionToken(LI)}确认`;
    expect(bodySegments(body)).toEqual([
      { kind: "text", text: "你好 " },
      { kind: "mention", userId: CHEN.id, name: "陈明" },
      { kind: "text", text: "，请和" },
      { kind: "mention", userId: LI.id, name: "李静" },
      { kind: "text", text: "确认" },
    ]);
    expect(bodySegments("plain <b>text</b>")).toEqual([{ kind: "text", text: "plain <b>text</b>" }]);
    expect(bodySegments("")).toEqual([]);
  });

  it("renders plain text and one-line excerpts", () => {
    const body = `${mentionToken(CHEN)}\n\n进度页面   需要改版`;
    expect(plainText(body)).toBe("@陈明\n\n进度页面   需要改版");
    expect(commentExcerpt(body)).toBe("@陈明 进度页面 需要改版");
    const long = "很长".repeat(100);
    const ex = commentExcerpt(long, 20);
    expect([...ex]).toHaveLength(20);
    expect(ex.endsWith("…")).toBe(true);
  });
});

describe("the composer", () => {
  it("finds the @query at the caret, not inside an email or after a space", () => {
    expect(mentionQueryAt("@", 1)).toEqual({ start: 0, query: "" });
    expect(mentionQueryAt("请 @陈", 4)).toEqual({ start: 2, query: "陈" });
    expect(mentionQueryAt("请@陈", 3)).toEqual({ start: 1, query: "陈" });
    expect(mentionQueryAt("mail chen@demo", 14)).toBeNull();
    expect(mentionQueryAt("@陈明 你好", 6)).toBeNull();
    expect(mentionQueryAt("no at sign", 5)).toBeNull();
    // The caret decides: before the "@" there is no query.
    expect(mentionQueryAt("ab @chen", 2)).toBeNull();
    expect(mentionQueryAt(`@${"x".repeat(31)}`, 32)).toBeNull();
  });

  it("filters people by name (prefix first) or email, case-insensitively", () => {
    const people = [
      { id: "1", name: "Alice Chen", email: "alice@x.test" },
      { id: "2", name: "陈明", email: "lead@demo.test" },
      { id: "3", name: "Bob", email: "chen.bob@x.test" },
      { id: "4", name: "Marc Chenault", email: "marc@x.test" },
    ];
    expect(filterMentionCandidates(people, "chen").map((p) => p.id)).toEqual(["1", "4", "3"]);
    expect(filterMentionCandidates(people, "陈").map((p) => p.id)).toEqual(["2"]);
    expect(filterMentionCandidates(people, "LEAD").map((p) => p.id)).toEqual(["2"]);
    expect(filterMentionCandidates(people, "").map((p) => p.id)).toEqual(["1", "2", "3", "4"]);
    expect(filterMentionCandidates(people, "", 2)).toHaveLength(2);
    expect(filterMentionCandidates(people, "zzz")).toEqual([]);
  });

  it("inserts @Name for the query and moves the caret after it", () => {
    const text = "请 @陈 看一下";
    const q = mentionQueryAt(text, 4)!;
    expect(insertMention(text, q, 4, CHEN)).toEqual({ text: "请 @陈明  看一下", caret: 6 });
  });

  it("encodes the visible @Name of the people picked as tokens, and decodes them back to edit", () => {
    const picked = [CHEN, LI, { id: "u3", name: "陈明明" }];
    const body = encodeMentions("@陈明明 和 @陈明 请看，@李静。mail x@陈明 stays", picked);
    expect(body).toBe(`${mentionToken({ id: "u3", name: "陈明明" })} 和 ${mentionToken(CHEN)} 请看，${mentionToken(LI)}。mail x@陈明 stays`);
    expect(parseMentions(body)).toEqual(["u3", CHEN.id, LI.id]);
    // A person picked whose @Name was deleted again is not mentioned.
    expect(parseMentions(encodeMentions("只提 @李静", [CHEN, LI]))).toEqual([LI.id]);
    expect(encodeMentions("no mentions", [])).toBe("no mentions");
    // Regex characters in names are literal.
    expect(parseMentions(encodeMentions("@A.B (x) hi", [{ id: "r", name: "A.B (x)" }]))).toEqual(["r"]);
    expect(decodeMentions(body)).toEqual({ text: "@陈明明 和 @陈明 请看，@李静。mail x@陈明 stays", picked: [{ id: "u3", name: "陈明明" }, CHEN, LI] });
  });
});

describe("input limits", () => {
  it("takes a body of 1 to 4,000 characters (trimmed)", () => {
    expect(CommentBodySchema.parse("  好的  ")).toBe("好的");
    expect(CommentBodySchema.safeParse("   ").error?.issues[0].message).toBe("validation.required");
    expect(CommentBodySchema.safeParse(undefined).error?.issues[0].message).toBe("validation.required");
    expect(CommentBodySchema.safeParse("x".repeat(COMMENT_BODY_MAX_CHARS)).success).toBe(true);
    expect(CommentBodySchema.safeParse("x".repeat(COMMENT_BODY_MAX_CHARS + 1)).error?.issues[0].message).toBe("comments.errors.bodyTooLong");
  });

  it("refuses more than 20 people mentioned in one comment", () => {
    const many = (n: number) => Array.from({ length: n }, (_, i) => mentionToken({ id: `u${i}`, name: `P${i}` })).join(" ");
    expect(CommentBodySchema.safeParse(many(20)).success).toBe(true);
    expect(CommentBodySchema.safeParse(many(21)).error?.issues[0].message).toBe("comments.errors.tooManyMentions");
  });

  it("checks the target type, and treats an empty context or thread as none", () => {
    expect(CreateCommentSchema.parse({ targetType: "kpi", targetId: "k1", body: "x", targetContext: "", threadId: "" })).toEqual({
      targetType: "kpi",
      targetId: "k1",
      body: "x",
      targetContext: null,
      threadId: null,
    });
    expect(CreateCommentSchema.safeParse({ targetType: "board", targetId: "k1", body: "x" }).error?.issues[0].message).toBe("comments.errors.targetType");
    expect(CreateCommentSchema.safeParse({ targetType: "kpi", targetId: "", body: "x" }).error?.issues[0].message).toBe("comments.errors.targetNotFound");
  });
});
