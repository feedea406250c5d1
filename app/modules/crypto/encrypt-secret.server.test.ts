import { randomBytes } from "node:crypto";

import { describe, expect, it } from "vitest";

import { ciphertextKeyId, decryptSecret } from "./decrypt-secret.server";
import { encryptSecret } from "./encrypt-secret.server";
import { parseEncryptionKeys } from "./parse-encryption-keys";

const key = () => randomBytes(32).toString("base64");
const binding = { table: "Session", column: "accessToken", rowId: "offline_a.myshopify.com" };

describe("encryptSecret / decryptSecret", () => {
  const oldKey = key();
  const newKey = key();
  const before = parseEncryptionKeys(`k2025:${oldKey}`);
  const after = parseEncryptionKeys(`k2026:${newKey},k2025:${oldKey}`);

  it("round-trips and never contains the plaintext", () => {
    const ciphertext = encryptSecret("shpat_secret_token_value", after, binding);
    expect(ciphertext).not.toContain("shpat_secret_token_value");
    expect(ciphertext.startsWith("enc:v1:k2026:")).toBe(true);
    expect(decryptSecret(ciphertext, after, binding)).toBe("shpat_secret_token_value");
  });

  it("uses a fresh nonce for every encryption", () => {
    expect(encryptSecret("same", after, binding)).not.toBe(encryptSecret("same", after, binding));
  });

  it("decrypts values written with an older key that is still listed (rotation)", () => {
    const written = encryptSecret("token", before, binding);
    expect(ciphertextKeyId(written)).toBe("k2025");
    expect(decryptSecret(written, after, binding)).toBe("token");
  });

  it("refuses a key id that is no longer listed, naming it", () => {
    const written = encryptSecret("token", before, binding);
    expect(() => decryptSecret(written, parseEncryptionKeys(`k2026:${newKey}`), binding)).toThrow(/k2025/);
  });

  it("fails when the ciphertext is moved to another row or column", () => {
    const written = encryptSecret("token", after, binding);
    expect(() => decryptSecret(written, after, { ...binding, rowId: "offline_b.myshopify.com" })).toThrow(/failed authentication/);
    expect(() => decryptSecret(written, after, { ...binding, column: "refreshToken" })).toThrow(/failed authentication/);
  });

  it("fails on a tampered ciphertext", () => {
    const parts = encryptSecret("token", after, binding).split(":");
    parts[4] = Buffer.from("tampered!").toString("base64url");
    expect(() => decryptSecret(parts.join(":"), after, binding)).toThrow(/failed authentication/);
  });
});

describe("parseEncryptionKeys", () => {
  it("makes the first key active and accepts the rest for decryption", () => {
    const ring = parseEncryptionKeys(`a:${key()}, b:${key()}`);
    expect(ring.active.id).toBe("a");
    expect([...ring.byId.keys()]).toEqual(["a", "b"]);
  });

  it.each([
    ["", /at least one key/],
    ["nokeyid", /key id/],
    [`a:${randomBytes(16).toString("base64")}`, /32 bytes, got 16/],
    ["a:not base64!", /not base64/],
    [`a:${randomBytes(32).toString("base64")},a:${randomBytes(32).toString("base64")}`, /listed twice/],
  ])("rejects %j", (value, message) => {
    expect(() => parseEncryptionKeys(value)).toThrow(message);
  });

  it("never puts key material in its error messages", () => {
    const short = randomBytes(16).toString("base64");
    expect(() => parseEncryptionKeys(`a:${short}`)).toThrow(expect.objectContaining({ message: expect.not.stringContaining(short) }));
  });
});
