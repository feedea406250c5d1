import { Session } from "@shopify/shopify-api";
import type { SessionStorage } from "@shopify/shopify-app-session-storage";

import type { Db } from "~/db.server";
import { decryptSecret } from "~/modules/crypto/decrypt-secret.server";
import { encryptSecret, type CiphertextBinding } from "~/modules/crypto/encrypt-secret.server";
import type { EncryptionKeyring } from "~/modules/crypto/parse-encryption-keys";

type TokenColumn = "accessToken" | "refreshToken";

const binding = (sessionId: string, column: TokenColumn): CiphertextBinding => ({
  table: "Session",
  column,
  rowId: sessionId,
});

/**
 * Shopify session storage on Candor's database that never lets a token reach it in clear:
 * access and refresh tokens are encrypted with AES-256-GCM, bound to their row and column,
 * before they are written, and decrypted after they are read.
 *
 * Candor stores offline sessions only, so the staff fields of online sessions (name, email)
 * are never written.
 */
export class EncryptedSessionStorage implements SessionStorage {
  constructor(
    private readonly db: () => Db,
    private readonly keyring: () => EncryptionKeyring,
  ) {}

  async storeSession(session: Session): Promise<boolean> {
    const keyring = this.keyring();
    const data = {
      shop: session.shop,
      state: session.state,
      isOnline: session.isOnline,
      scope: session.scope ?? null,
      expires: session.expires ?? null,
      accessToken: session.accessToken ? encryptSecret(session.accessToken, keyring, binding(session.id, "accessToken")) : "",
      userId: session.onlineAccessInfo?.associated_user.id ? BigInt(session.onlineAccessInfo.associated_user.id) : null,
      refreshToken: session.refreshToken
        ? encryptSecret(session.refreshToken, keyring, binding(session.id, "refreshToken"))
        : null,
      refreshTokenExpires: session.refreshTokenExpires ?? null,
    };
    await this.db().session.upsert({ where: { id: session.id }, create: { id: session.id, ...data }, update: data });
    return true;
  }

  async loadSession(id: string): Promise<Session | undefined> {
    const row = await this.db().session.findUnique({ where: { id } });
    return row ? this.toSession(row) : undefined;
  }

  async deleteSession(id: string): Promise<boolean> {
    await this.db().session.deleteMany({ where: { id } });
    return true;
  }

  async deleteSessions(ids: string[]): Promise<boolean> {
    await this.db().session.deleteMany({ where: { id: { in: ids } } });
    return true;
  }

  async findSessionsByShop(shop: string): Promise<Session[]> {
    const rows = await this.db().session.findMany({ where: { shop }, take: 25, orderBy: { expires: "desc" } });
    return rows.map((row) => this.toSession(row));
  }

  private toSession(row: Awaited<ReturnType<Db["session"]["findUniqueOrThrow"]>>): Session {
    const keyring = this.keyring();
    return new Session({
      id: row.id,
      shop: row.shop,
      state: row.state,
      isOnline: row.isOnline,
      scope: row.scope ?? undefined,
      expires: row.expires ?? undefined,
      accessToken: row.accessToken ? decryptSecret(row.accessToken, keyring, binding(row.id, "accessToken")) : undefined,
      refreshToken: row.refreshToken ? decryptSecret(row.refreshToken, keyring, binding(row.id, "refreshToken")) : undefined,
      refreshTokenExpires: row.refreshTokenExpires ?? undefined,
    });
  }
}
