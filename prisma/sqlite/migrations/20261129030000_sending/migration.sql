-- AlterTable
ALTER TABLE "OutboxMessage" ADD COLUMN "availableAt" DATETIME;

-- AlterTable
ALTER TABLE "ReviewRequest" ADD COLUMN "reminderDueAt" DATETIME;
ALTER TABLE "ReviewRequest" ADD COLUMN "reminderSentAt" DATETIME;

-- CreateTable
CREATE TABLE "RequestedProduct" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shopId" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "productId" TEXT NOT NULL,
    "reviewRequestId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "SendAttempt" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shopId" TEXT NOT NULL,
    "reviewRequestId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "errorCode" TEXT,
    "messageIdHash" TEXT,
    "startedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" DATETIME
);

-- CreateTable
CREATE TABLE "Suppression" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shopId" TEXT NOT NULL,
    "customerRef" TEXT,
    "emailRef" TEXT,
    "source" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE INDEX "RequestedProduct_shopId_reviewRequestId_idx" ON "RequestedProduct"("shopId", "reviewRequestId");

-- CreateIndex
CREATE UNIQUE INDEX "RequestedProduct_shopId_orderId_productId_key" ON "RequestedProduct"("shopId", "orderId", "productId");

-- CreateIndex
CREATE INDEX "SendAttempt_shopId_reviewRequestId_idx" ON "SendAttempt"("shopId", "reviewRequestId");

-- CreateIndex
CREATE INDEX "SendAttempt_shopId_startedAt_idx" ON "SendAttempt"("shopId", "startedAt");

-- CreateIndex
CREATE INDEX "Suppression_shopId_customerRef_idx" ON "Suppression"("shopId", "customerRef");

-- CreateIndex
CREATE INDEX "Suppression_shopId_emailRef_idx" ON "Suppression"("shopId", "emailRef");
