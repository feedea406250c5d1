import { createHmac, randomBytes } from "node:crypto";

import { SignJWT } from "jose";
import { beforeAll, describe, expect, it, vi } from "vitest";

import { baseTestEnv } from "../../../tests/support/app-process";

const env = baseTestEnv();
const SHOP = "tokens.myshopify.com";
const REQUEST_ID = "0d1c6c8e-3f3a-4a55-9c63-2d3c4b5a6f70";
const inOneDay = () => new Date(Date.now() + 86_400_000);

let signLinkToken: typeof import("./sign-link-token.server").signLinkToken;
let verifyLinkToken: typeof import("./verify-link-token.server").verifyLinkToken;

beforeAll(async () => {
  for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
  ({ signLinkToken } = await import("./sign-link-token.server"));
  ({ verifyLinkToken } = await import("./verify-link-token.server"));
});

const base64url = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
const codeOf = (promise: Promise<unknown>) => promise.then(() => "accepted", (error: { code?: string }) => error.code ?? "no code");

describe("link tokens", () => {
  it("round-trips the shop, the request, the purpose and the expiry", async () => {
    const expiresAt = inOneDay();
    const token = await signLinkToken(SHOP, { reviewRequestId: REQUEST_ID, purpose: "review", expiresAt });
    expect(await verifyLinkToken(token, "review")).toEqual({
      shop: SHOP,
      reviewRequestId: REQUEST_ID,
      purpose: "review",
      expiresAt: new Date(Math.floor(expiresAt.getTime() / 1000) * 1000),
    });
    // Identifiers only: the claims hold nothing else.
    const claims = JSON.parse(Buffer.from(token.split(".")[1]!, "base64url").toString()) as Record<string, unknown>;
    expect(Object.keys(claims).sort()).toEqual(["aud", "exp", "shop", "sub"]);
  });

  it("refuses a token signed for another purpose", async () => {
    const token = await signLinkToken(SHOP, { reviewRequestId: REQUEST_ID, purpose: "unsubscribe", expiresAt: inOneDay() });
    expect(await codeOf(verifyLinkToken(token, "review"))).toBe("bad_request");
  });

  it("answers gone for an expired token, and not valid for a tampered or foreign one", async () => {
    const expired = await signLinkToken(SHOP, { reviewRequestId: REQUEST_ID, purpose: "review", expiresAt: new Date(Date.now() - 1_000) });
    expect(await codeOf(verifyLinkToken(expired, "review"))).toBe("gone");

    const token = await signLinkToken(SHOP, { reviewRequestId: REQUEST_ID, purpose: "review", expiresAt: inOneDay() });
    const [header, , signature] = token.split(".");
    const otherShop = base64url({ shop: "other.myshopify.com", sub: REQUEST_ID, aud: "review", exp: Math.floor(inOneDay().getTime() / 1000) });
    expect(await codeOf(verifyLinkToken(`${header}.${otherShop}.${signature}`, "review"))).toBe("bad_request");

    const foreign = await new SignJWT({ shop: SHOP }).setProtectedHeader({ alg: "HS256" }).setSubject(REQUEST_ID).setAudience("review").setExpirationTime("1d").sign(randomBytes(32));
    expect(await codeOf(verifyLinkToken(foreign, "review"))).toBe("bad_request");

    // An expired token that is also forged is not valid, not merely expired.
    const forgedExpired = await new SignJWT({ shop: SHOP }).setProtectedHeader({ alg: "HS256" }).setSubject(REQUEST_ID).setAudience("review").setExpirationTime(1).sign(randomBytes(32));
    expect(await codeOf(verifyLinkToken(forgedExpired, "review"))).toBe("bad_request");
  });

  it("refuses unsigned tokens and other algorithms, even with the right key", async () => {
    const claims = base64url({ shop: SHOP, sub: REQUEST_ID, aud: "review", exp: Math.floor(inOneDay().getTime() / 1000) });
    expect(await codeOf(verifyLinkToken(`${base64url({ alg: "none" })}.${claims}.`, "review"))).toBe("bad_request");
    const hs512Header = base64url({ alg: "HS512" });
    const hs512 = createHmac("sha512", Buffer.from(env.LINK_SIGNING_KEY!, "base64")).update(`${hs512Header}.${claims}`).digest("base64url");
    expect(await codeOf(verifyLinkToken(`${hs512Header}.${claims}.${hs512}`, "review"))).toBe("bad_request");
  });

  it("accepts a link signed by another HS256 implementation with the same key, as links already sent were", async () => {
    const earlier = await new SignJWT({ shop: SHOP })
      .setProtectedHeader({ alg: "HS256" })
      .setSubject(REQUEST_ID)
      .setAudience("unsubscribe")
      .setExpirationTime("30d")
      .sign(Buffer.from(env.LINK_SIGNING_KEY!, "base64"));
    expect(await verifyLinkToken(earlier, "unsubscribe")).toMatchObject({ shop: SHOP, reviewRequestId: REQUEST_ID, purpose: "unsubscribe" });
  });

  it("refuses a token without a shop domain or an expiry", async () => {
    const key = Buffer.from(env.LINK_SIGNING_KEY!, "base64");
    const noExpiry = await new SignJWT({ shop: SHOP }).setProtectedHeader({ alg: "HS256" }).setSubject(REQUEST_ID).setAudience("review").sign(key);
    expect(await codeOf(verifyLinkToken(noExpiry, "review"))).toBe("bad_request");
    const notAShop = await new SignJWT({ shop: "example.com" }).setProtectedHeader({ alg: "HS256" }).setSubject(REQUEST_ID).setAudience("review").setExpirationTime("1d").sign(key);
    expect(await codeOf(verifyLinkToken(notAShop, "review"))).toBe("bad_request");
  });
});
