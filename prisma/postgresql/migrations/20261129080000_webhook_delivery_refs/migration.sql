-- AlterTable
ALTER TABLE "WebhookDelivery" ADD COLUMN "customerRef" TEXT,
ADD COLUMN "emailRef" TEXT;

-- CreateTable
CREATE TABLE "WebhookDeliveryOrder" (
    "shopId" TEXT NOT NULL,
    "webhookDeliveryId" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "WebhookDeliveryOrder_pkey" PRIMARY KEY ("webhookDeliveryId","orderId")
);

-- Backfill: deliveries stored before this migration name the customer and the orders only
-- inside their minimised event.
UPDATE "WebhookDelivery"
SET "customerRef" = "event"::jsonb ->> 'customerRef',
    "emailRef" = "event"::jsonb ->> 'emailRef'
WHERE jsonb_typeof("event"::jsonb) = 'object';

INSERT INTO "WebhookDeliveryOrder" ("shopId", "webhookDeliveryId", "receivedAt", "orderId")
SELECT "shopId", "id", "receivedAt", "event"::jsonb ->> 'orderId'
FROM "WebhookDelivery"
WHERE jsonb_typeof("event"::jsonb -> 'orderId') = 'string'
UNION
SELECT delivery."shopId", delivery."id", delivery."receivedAt", named."orderId"
FROM "WebhookDelivery" AS delivery
CROSS JOIN LATERAL jsonb_array_elements_text(
    CASE WHEN jsonb_typeof(delivery."event"::jsonb -> 'orderIds') = 'array' THEN delivery."event"::jsonb -> 'orderIds' ELSE '[]'::jsonb END
) AS named("orderId");

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

-- AddForeignKey
ALTER TABLE "WebhookDeliveryOrder" ADD CONSTRAINT "WebhookDeliveryOrder_webhookDeliveryId_fkey" FOREIGN KEY ("webhookDeliveryId") REFERENCES "WebhookDelivery"("id") ON DELETE CASCADE ON UPDATE CASCADE;
