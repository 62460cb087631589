import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import * as encoding from "lib0/encoding";
import * as awarenessProtocol from "y-protocols/awareness";
import { decodeMessage, encodeAwareness, encodeSyncStep1, encodeUpdate, isEmptyUpdate, MalformedMessage } from "../../server/collab/protocol";
import { MessageRateLimiter } from "../../server/collab/limits";
import { docNameFromPath, originAllowed, parseAllowedOrigins } from "../../server/collab/auth";
import { parseDocName } from "../../app/models/doc-name";

describe("protocol: decoding what stock clients send", () => {
  const doc = new Y.Doc();
  doc.getText("t").insert(0, "hi");

  it("decodes sync step 1, updates and awareness", () => {
    expect(decodeMessage(encodeSyncStep1(doc)).type).toBe("sync-step-1");
    const update = Y.encodeStateAsUpdate(doc);
    expect(decodeMessage(encodeUpdate(update))).toEqual({ type: "update", update });
    const awareness = new awarenessProtocol.Awareness(doc);
    awareness.setLocalState({ user: { name: "A" } });
    expect(decodeMessage(encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(awareness, [doc.clientID]))).type).toBe("awareness");
    awareness.destroy();
    expect(decodeMessage(new Uint8Array([3]))).toEqual({ type: "query-awareness" });
  });

  it.each([
    ["empty frame", []],
    ["unknown type", [9]],
    ["unknown sync step", [0, 7, 0]],
    ["truncated update", [0, 2, 5, 1, 2]],
    ["awareness with invalid JSON", [1, 5, 1, 1, 1, 1, 123]],
  ])("rejects %s", (_what, bytes) => {
    expect(() => decodeMessage(new Uint8Array(bytes))).toThrow(MalformedMessage);
  });

  it("recognises an empty update", () => {
    expect(isEmptyUpdate(Y.encodeStateAsUpdate(new Y.Doc()))).toBe(true);
    expect(isEmptyUpdate(Y.encodeStateAsUpdate(doc))).toBe(false);
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, 0);
    expect(isEmptyUpdate(encoding.toUint8Array(e))).toBe(true);
  });
});

describe("limits", () => {
  it("the rate limiter allows a burst of twice the rate, then refills over time", () => {
    const limiter = new MessageRateLimiter(10, 0);
    let allowed = 0;
    for (let i = 0; i < 100; i++) if (limiter.allow(0)) allowed++;
    expect(allowed).toBe(20);
    expect(limiter.allow(100)).toBe(true); // 100 ms at 10/s refilled one token
    expect(limiter.allow(100)).toBe(false);
  });
});

describe("doc names, paths and origins", () => {
  it("parses <kind>:<id> and refuses anything else", () => {
    expect(parseDocName("brief:abc-123")).toEqual({ name: "brief:abc-123", kind: "brief", id: "abc-123" });
    for (const bad of ["brief", ":x", "Brief:x", "brief:a/b", "brief:", "brief:a b", 42]) expect(parseDocName(bad)).toBeNull();
  });
  it("takes the doc name from /collab/<name>, ignoring the query", () => {
    expect(docNameFromPath("/collab/brief:abc?x=1")).toBe("brief:abc");
    expect(docNameFromPath("/collab/brief%3Aabc")).toBe("brief:abc");
    expect(docNameFromPath("/api/v1/programs")).toBeNull();
  });
  it("allows the app's own origin, allow-listed ones and non-browser clients only", () => {
    const allowed = parseAllowedOrigins("https://app.example.com, not a url");
    expect(originAllowed("http://localhost:3000", "localhost:3000", allowed)).toBe(true);
    expect(originAllowed("https://app.example.com", "localhost:3000", allowed)).toBe(true);
    expect(originAllowed("https://evil.example", "localhost:3000", allowed)).toBe(false);
    expect(originAllowed("null", "localhost:3000", allowed)).toBe(false);
    expect(originAllowed(undefined, "localhost:3000", allowed)).toBe(true);
  });
});
