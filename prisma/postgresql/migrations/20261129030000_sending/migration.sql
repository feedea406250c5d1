-- AlterTable
ALTER TABLE "OutboxMessage" ADD COLUMN "availableAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "ReviewRequest" ADD COLUMN "reminderDueAt" TIMESTAMP(3),
ADD COLUMN "reminderSentAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "RequestedProduct" (
    "id" TEXT NOT NULL,
    "shopId" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "productId" TEXT NOT NULL,
    "reviewRequestId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RequestedProduct_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SendAttempt" (
    "id" TEXT NOT NULL,
    "shopId" TEXT NOT NULL,
    "reviewRequestId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "errorCode" TEXT,
    "messageIdHash" TEXT,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "SendAttempt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Suppression" (
    "id" TEXT NOT NULL,
    "shopId" TEXT NOT NULL,
    "customerRef" TEXT,
    "emailRef" TEXT,
    "source" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Suppression_pkey" PRIMARY KEY ("id")
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
