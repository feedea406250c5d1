-- CreateTable
CREATE TABLE "ReviewRequest" (
    "id" TEXT NOT NULL,
    "shopId" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "groupKey" TEXT NOT NULL,
    "productIds" TEXT NOT NULL,
    "customerRef" TEXT,
    "emailRef" TEXT,
    "status" TEXT NOT NULL,
    "statusReason" TEXT,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "sentAt" TIMESTAMP(3),
    "cancelledAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ReviewRequest_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ReviewRequest_shopId_status_dueAt_idx" ON "ReviewRequest"("shopId", "status", "dueAt");

-- CreateIndex
CREATE INDEX "ReviewRequest_shopId_customerRef_idx" ON "ReviewRequest"("shopId", "customerRef");

-- CreateIndex
CREATE INDEX "ReviewRequest_shopId_emailRef_idx" ON "ReviewRequest"("shopId", "emailRef");

-- CreateIndex
CREATE UNIQUE INDEX "ReviewRequest_shopId_orderId_groupKey_key" ON "ReviewRequest"("shopId", "orderId", "groupKey");
