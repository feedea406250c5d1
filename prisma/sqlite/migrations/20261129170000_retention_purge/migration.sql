-- AlterTable
ALTER TABLE "Review" ADD COLUMN "displayNameRemovedAt" DATETIME;

-- CreateTable
CREATE TABLE "PurgeRun" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shopId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "startedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" DATETIME,
    "counts" TEXT NOT NULL DEFAULT '{}',
    "attempts" INTEGER NOT NULL DEFAULT 1,
    "lastError" TEXT,
    "updatedAt" DATETIME NOT NULL
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
