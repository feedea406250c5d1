-- AlterTable
ALTER TABLE "Review" ADD COLUMN "displayNameRemovedAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "PurgeRun" (
    "id" TEXT NOT NULL,
    "shopId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),
    "counts" TEXT NOT NULL DEFAULT '{}',
    "attempts" INTEGER NOT NULL DEFAULT 1,
    "lastError" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PurgeRun_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "PurgeRun_shopId_startedAt_idx" ON "PurgeRun"("shopId", "startedAt");

-- CreateIndex
CREATE INDEX "WebhookDelivery_shopId_receivedAt_idx" ON "WebhookDelivery"("shopId", "receivedAt");

-- CreateIndex
CREATE INDEX "ReviewRequest_shopId_updatedAt_idx" ON "ReviewRequest"("shopId", "updatedAt");

-- CreateIndex
CREATE INDEX "Review_shopId_displayNameRemovedAt_submittedAt_idx" ON "Review"("shopId", "displayNameRemovedAt", "submittedAt");

-- CreateIndex
CREATE INDEX "DataRequest_shopId_completedAt_idx" ON "DataRequest"("shopId", "completedAt");
