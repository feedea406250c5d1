/**
 * `npm run demo`: Candor with everything local — embedded SQLite, a fake Shopify with a demo
 * shop, a mail catcher — and web + worker in one process. It installs the demo shop through
 * the real token-exchange path, delivers real signed webhooks, and prints where to look.
 */
import { createHash, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { applyMigrations } from "../app/db/migrate.server";
import { BROWSER_USER_AGENT } from "../dev/browser-user-agent";
import { DEMO_IDS, DEMO_OWNER_USER_ID, DEMO_SHOP_DOMAIN, startFakeShopify } from "../dev/fake-shopify/index";
import { startMailCatcher } from "../dev/mail-catcher/index";
import { mintSessionToken } from "../dev/session-token";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const dataDir = path.resolve(root, process.env.DEMO_DATA_DIR ?? ".data");
const port = Number(process.env.DEMO_PORT ?? 3000);
const appUrl = `http://localhost:${port}`;

interface DemoSecrets {
  apiSecret: string;
  encryptionKey: string;
  blindIndexKey: string;
  linkSigningKey?: string;
}

/** Demo keys are generated once and kept beside the demo database, so restarts can read it. */
function demoSecrets(): DemoSecrets {
  const file = path.join(dataDir, "demo-secrets.json");
  if (existsSync(file)) return JSON.parse(readFileSync(file, "utf8")) as DemoSecrets;
  const secrets = {
    apiSecret: randomBytes(24).toString("hex"),
    encryptionKey: randomBytes(32).toString("base64"),
    blindIndexKey: randomBytes(32).toString("base64"),
    linkSigningKey: randomBytes(32).toString("base64"),
  };
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}

async function main() {
  mkdirSync(dataDir, { recursive: true });
  const secrets = demoSecrets();
  const apiKey = "candor-demo-client-id";

  const fakeShopify = await startFakeShopify({ apiKey, apiSecret: secrets.apiSecret, port: Number(process.env.DEMO_FAKE_SHOPIFY_PORT ?? 0) });
  const mail = await startMailCatcher({ smtpPort: 0, httpPort: Number(process.env.DEMO_MAIL_PORT ?? 8025) });

  const databaseUrl = `file:${path.join(dataDir, "demo.db")}`;
  Object.assign(process.env, {
    NODE_ENV: "development",
    LOG_LEVEL: process.env.LOG_LEVEL ?? "info",
    SHOPIFY_API_KEY: apiKey,
    SHOPIFY_API_SECRET: secrets.apiSecret,
    SHOPIFY_APP_URL: appUrl,
    SCOPES: "read_orders,read_customers,read_products",
    PORT: String(port),
    DATABASE_URL: databaseUrl,
    REDIS_URL: process.env.REDIS_URL ?? "redis://127.0.0.1:6379",
    QUEUE_PREFIX: process.env.QUEUE_PREFIX ?? "candor-demo",
    SMTP_URL: mail.smtpUrl,
    MAIL_FROM: "Candor Demo Store <reviews@candor-demo.example>",
    ENCRYPTION_KEYS: `demo:${secrets.encryptionKey}`,
    BLIND_INDEX_KEY: secrets.blindIndexKey,
    // Demo data written before links were signed has no key yet: derive a stable one.
    LINK_SIGNING_KEY: secrets.linkSigningKey ?? createHash("sha256").update(`links:${secrets.blindIndexKey}`).digest("base64"),
    DATA_REGION: "local-demo",
    CANDOR_DEMO: "true",
    SHOPIFY_FAKE_ORIGIN: fakeShopify.url,
    RUN_WORKERS_IN_WEB: "true",
  });

  await applyMigrations({ databaseUrl });
  const { startWebServer } = await import("../server/web");
  const web = await startWebServer({ withWorkers: true });

  // Install: Shopify admin opens the app with a session token; Candor exchanges it for an
  // offline access token (the fake Shopify checks the token like Shopify does).
  const host = Buffer.from(`admin.shopify.com/store/${DEMO_SHOP_DOMAIN.replace(".myshopify.com", "")}`).toString("base64url");
  const idToken = await mintSessionToken({ apiKey, apiSecret: secrets.apiSecret, shop: DEMO_SHOP_DOMAIN, userId: DEMO_OWNER_USER_ID });
  const install = await fetch(`${appUrl}/app?${new URLSearchParams({ embedded: "1", shop: DEMO_SHOP_DOMAIN, host, id_token: idToken })}`, {
    headers: { "User-Agent": BROWSER_USER_AGENT },
  });
  if (install.status !== 200) throw new Error(`Installing the demo shop failed with HTTP ${install.status}`);

  // Review links point at the shop's own domain (the app proxy); the fake storefront forwards them.
  fakeShopify.setAppProxy({ prefix: "apps", subpath: "candor", url: `${appUrl}/proxy` });

  // The demo asks at once instead of after the default 10 days, so the emails show up now.
  const { updateShopSettings } = await import("../app/modules/settings/update-shop-settings.server");
  await updateShopSettings(DEMO_SHOP_DOMAIN, { delayDays: 0 }, { requestedBy: "system" });

  const delivered: string[] = [];
  for (const orderId of [DEMO_IDS.orders.adaFulfilled, DEMO_IDS.orders.jonasFulfilled, DEMO_IDS.orders.mayaTest]) {
    const response = await fakeShopify.sendWebhook({ address: `${appUrl}/webhooks`, topic: "orders/fulfilled", shop: DEMO_SHOP_DOMAIN, subject: { orderId } });
    delivered.push(`orders/fulfilled ${orderId} → HTTP ${response.status}`);
  }

  const banner = [
    "",
    "Candor demo is running (Ctrl-C to stop).",
    "",
    `  Admin (open in your browser):  ${appUrl}/demo/open?shop=${DEMO_SHOP_DOMAIN}`,
    `  Mail catcher:                  ${mail.httpUrl}`,
    `  Fake Shopify:                  ${fakeShopify.url}  (shop ${DEMO_SHOP_DOMAIN})`,
    `  Database:                      ${databaseUrl}`,
    "",
    "  Demo shop installed through token exchange; webhooks delivered:",
    ...delivered.map((line) => `    ${line}`),
    "",
    "  Review requests are sent at once in the demo (delay 0 days): Ada's, in French, arrives in the",
    "  mail catcher; Jonas is not subscribed to email marketing, so he is not asked; #1003 is a test order.",
    `  Review links in the emails point at https://${DEMO_SHOP_DOMAIN}/apps/candor/…; in the demo, open them`,
    `  through the fake storefront instead: ${fakeShopify.url}/shops/${DEMO_SHOP_DOMAIN}/apps/candor/…`,
    "",
  ].join("\n");
  process.stdout.write(`${banner}\n`);

  const stop = async () => {
    await web.stop();
    await Promise.allSettled([fakeShopify.close(), mail.close()]);
    process.exit(0);
  };
  process.once("SIGINT", () => void stop());
  process.once("SIGTERM", () => void stop());
}

main().catch((error: unknown) => {
  process.stderr.write(`candor demo failed: ${(error as Error).message}\n`);
  process.exit(1);
});
