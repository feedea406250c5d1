-- CreateTable
CREATE TABLE "DataRequest" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shopId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "regime" TEXT NOT NULL DEFAULT 'gdpr',
    "customerRef" TEXT,
    "emailRef" TEXT,
    "orderIds" TEXT NOT NULL DEFAULT '[]',
    "shopifyRequestId" TEXT,
    "status" TEXT NOT NULL,
    "requestedBy" TEXT NOT NULL,
    "receivedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "dueAt" DATETIME NOT NULL,
    "completedAt" DATETIME,
    "receipt" TEXT,
    "updatedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "DataRequest_shopId_status_dueAt_idx" ON "DataRequest"("shopId", "status", "dueAt");

-- CreateIndex
CREATE INDEX "DataRequest_shopId_receivedAt_idx" ON "DataRequest"("shopId", "receivedAt");

-- AlterTable
ALTER TABLE "Suppression" ADD COLUMN "appliesToOrdersBefore" DATETIME;
