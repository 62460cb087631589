import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "../../app/models/password.server";

describe("password hashing", () => {
  it("verifies the right password and refuses a wrong one", async () => {
    const stored = await hashPassword("correct horse battery");
    expect(await verifyPassword("correct horse battery", stored)).toBe(true);
    expect(await verifyPassword("correct horse batterY", stored)).toBe(false);
  });

  it("salts each hash: the same password hashes differently", async () => {
    const a = await hashPassword("same-password");
    const b = await hashPassword("same-password");
    expect(a).not.toEqual(b);
    expect(a.startsWith("scrypt$")).toBe(true);
    expect(a).not.toContain("same-password");
  });

  it("refuses malformed stored hashes instead of throwing", async () => {
    expect(await verifyPassword("x", "plaintext")).toBe(false);
    expect(await verifyPassword("x", "")).toBe(false);
  });

  it("treats compatibility forms of the same characters alike (NFKC)", async () => {
    const stored = await hashPassword("ｐａｓｓｗｏｒｄ１２３");
    expect(await verifyPassword("password123", stored)).toBe(true);
  });
});
