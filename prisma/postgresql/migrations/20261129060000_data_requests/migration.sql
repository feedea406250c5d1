-- CreateTable
CREATE TABLE "DataRequest" (
    "id" TEXT NOT NULL,
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
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "completedAt" TIMESTAMP(3),
    "receipt" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "DataRequest_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "DataRequest_shopId_status_dueAt_idx" ON "DataRequest"("shopId", "status", "dueAt");

-- CreateIndex
CREATE INDEX "DataRequest_shopId_receivedAt_idx" ON "DataRequest"("shopId", "receivedAt");

-- AlterTable
ALTER TABLE "Suppression" ADD COLUMN "appliesToOrdersBefore" TIMESTAMP(3);
