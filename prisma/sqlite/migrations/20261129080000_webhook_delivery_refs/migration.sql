-- AlterTable
ALTER TABLE "WebhookDelivery" ADD COLUMN "customerRef" TEXT;
ALTER TABLE "WebhookDelivery" ADD COLUMN "emailRef" TEXT;

-- CreateTable
CREATE TABLE "WebhookDeliveryOrder" (
    "shopId" TEXT NOT NULL,
    "webhookDeliveryId" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "receivedAt" DATETIME NOT NULL,

    PRIMARY KEY ("webhookDeliveryId", "orderId"),
    CONSTRAINT "WebhookDeliveryOrder_webhookDeliveryId_fkey" FOREIGN KEY ("webhookDeliveryId") REFERENCES "WebhookDelivery" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- Backfill: deliveries stored before this migration name the customer and the orders only
-- inside their minimised event.
UPDATE "WebhookDelivery"
SET "customerRef" = json_extract("event", '$.customerRef'),
    "emailRef" = json_extract("event", '$.emailRef')
WHERE json_type("event") = 'object';

INSERT OR IGNORE INTO "WebhookDeliveryOrder" ("shopId", "webhookDeliveryId", "receivedAt", "orderId")
SELECT "shopId", "id", "receivedAt", json_extract("event", '$.orderId')
FROM "WebhookDelivery"
WHERE json_type("event", '$.orderId') = 'text';

INSERT OR IGNORE INTO "WebhookDeliveryOrder" ("shopId", "webhookDeliveryId", "receivedAt", "orderId")
SELECT delivery."shopId", delivery."id", delivery."receivedAt", named."value"
FROM "WebhookDelivery" AS delivery, json_each(delivery."event", '$.orderIds') AS named
WHERE json_type(delivery."event", '$.orderIds') = 'array' AND named."type" = 'text';

-- CreateIndex
CREATE INDEX "WebhookDelivery_shopId_customerRef_idx" ON "WebhookDelivery"("shopId", "customerRef");

-- CreateIndex
CREATE INDEX "WebhookDelivery_shopId_emailRef_idx" ON "WebhookDelivery"("shopId", "emailRef");

-- CreateIndex
CREATE INDEX "WebhookDeliveryOrder_shopId_orderId_idx" ON "WebhookDeliveryOrder"("shopId", "orderId");

-- CreateIndex
CREATE INDEX "DataRequest_shopId_customerRef_idx" ON "DataRequest"("shopId", "customerRef");

-- CreateIndex
CREATE INDEX "DataRequest_shopId_emailRef_idx" ON "DataRequest"("shopId", "emailRef");
