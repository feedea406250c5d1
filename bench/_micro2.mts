import { randomUUID } from "node:crypto";
import { createDb, databaseDialect } from "../app/db.server";
import { applyMigrations } from "../app/db/migrate.server";

const url = process.argv[2]!;
const variant = process.argv[3]!;
await applyMigrations({ databaseUrl: url });
const db = createDb(url);
const dialect = databaseDialect(url);
if (variant === "normal") await db.$executeRawUnsafe("PRAGMA synchronous = NORMAL");
const t = () => performance.now();
const times: number[] = [];
for (let round = 0; round < 30; round++) {
  const batch = Array.from({ length: 10 }, () => ({ id: randomUUID(), webhookId: randomUUID() }));
  const a = t();
  const ph = (i: number) => (dialect === "postgresql" ? `$${i}` : "?");
  let n = 1;
  const values = batch.map(() => `(${[0, 1, 2, 3, 4, 5, 6, 7].map(() => ph(n++)).join(",")})`).join(",");
  const params = batch.flatMap((d) => [d.id, "s.myshopify.com", d.webhookId, "ORDERS_FULFILLED", "2026-10", null, new Date(), "{}"]);
  if (variant === "cte") {
    await db.$queryRawUnsafe(`WITH ins AS (INSERT INTO "WebhookDelivery" ("id","shopId","webhookId","topic","apiVersion","triggeredAt","receivedAt","event") VALUES ${values} ON CONFLICT ("shopId","webhookId") DO NOTHING RETURNING "id","shopId","receivedAt")
      INSERT INTO "OutboxMessage" ("id","shopId","jobName","payload","createdAt","attempts") SELECT "id","shopId",'process-webhook@v1','{"shop":"' || "shopId" || '","deliveryId":"' || "id" || '"}',"receivedAt",0 FROM ins RETURNING "id"`, ...params);
  } else {
    await db.$transaction(async (tx) => {
      const ins = await tx.$queryRawUnsafe<{ id: string }[]>(`INSERT INTO "WebhookDelivery" ("id","shopId","webhookId","topic","apiVersion","triggeredAt","receivedAt","event") VALUES ${values} ON CONFLICT ("shopId","webhookId") DO NOTHING RETURNING "id"`, ...params);
      let m = 1;
      const v2 = ins.map(() => `(${[0, 1, 2, 3, 4, 5].map(() => ph(m++)).join(",")})`).join(",");
      await tx.$executeRawUnsafe(`INSERT INTO "OutboxMessage" ("id","shopId","jobName","payload","createdAt","attempts") VALUES ${v2}`, ...ins.flatMap((r) => [r.id, "s.myshopify.com", "process-webhook@v1", "{}", new Date(), 0]));
    });
  }
  times.push(t() - a);
}
times.sort((x, y) => x - y);
console.log(variant, "median", times[15]!.toFixed(2), "p90", times[27]!.toFixed(2));
await db.$disconnect();
