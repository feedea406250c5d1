/**
 * Runs the fake Shopify on its own, e.g. for the demo:
 *   SHOPIFY_API_KEY=… SHOPIFY_API_SECRET=… tsx dev/fake-shopify/cli.ts --port 4100
 * Then point the app at it with SHOPIFY_FAKE_ORIGIN=http://127.0.0.1:4100.
 * With --app-proxy-url http://127.0.0.1:3000/proxy, the storefront's /apps/candor/… is served
 * at http://127.0.0.1:4100/shops/{shop}/apps/candor/… (also settable via PUT /_fake/app-proxy).
 */
import { parseArgs } from "node:util";

import { DEFAULT_FAKE_SCOPES, DEMO_SHOP_DOMAIN, startFakeShopify } from "./index";

const { values } = parseArgs({
  options: {
    port: { type: "string", default: "4100" },
    host: { type: "string", default: "127.0.0.1" },
    scopes: { type: "string" },
    "app-proxy-url": { type: "string" },
    "app-proxy-prefix": { type: "string", default: "apps" },
    "app-proxy-subpath": { type: "string", default: "candor" },
  },
});

function requireEnv(name: string): string {
  const value = process.env[name];
  if (!value) {
    console.error(`${name} is required (the same value the app uses)`);
    process.exit(2);
  }
  return value;
}

const fake = await startFakeShopify({
  port: Number(values.port),
  host: values.host,
  apiKey: requireEnv("SHOPIFY_API_KEY"),
  apiSecret: requireEnv("SHOPIFY_API_SECRET"),
  scopes: values.scopes ?? process.env.SCOPES ?? DEFAULT_FAKE_SCOPES,
  appProxy: values["app-proxy-url"]
    ? { prefix: values["app-proxy-prefix"], subpath: values["app-proxy-subpath"], url: values["app-proxy-url"] }
    : undefined,
});
console.log(`fake Shopify listening on ${fake.url} (shop ${DEMO_SHOP_DOMAIN}; control API under ${fake.url}/_fake/)`);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    void fake.close().finally(() => process.exit(0));
  });
}
