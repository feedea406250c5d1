import { createHmac, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import autocannon from "autocannon";
const body = readFileSync("bench/fixtures/orders-fulfilled.json", "utf8");
const secret = "probe-secret";
const hmac = createHmac("sha256", secret).update(body).digest("base64");
const result = await autocannon({
  url: `http://127.0.0.1:${process.argv[2]}${process.argv[4] ?? "/webhooks"}`, connections: 10, duration: Number(process.argv[3] ?? 5), method: "POST", body,
  headers: { "content-type": "application/json", "x-shopify-hmac-sha256": hmac, "x-shopify-topic": "orders/fulfilled", "x-shopify-shop-domain": "probe.myshopify.com", "x-shopify-api-version": "2026-10" },
  requests: [{ setupRequest: (req: any) => ({ ...req, headers: { ...req.headers, "x-shopify-webhook-id": randomUUID() } }) }],
});
console.log("req/s", result.requests.average, "p50", result.latency.p50, "p99", result.latency.p99, "non2xx", result.non2xx);
