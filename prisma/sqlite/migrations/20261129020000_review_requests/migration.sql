-- CreateTable
CREATE TABLE "ReviewRequest" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shopId" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "groupKey" TEXT NOT NULL,
    "productIds" TEXT NOT NULL,
    "customerRef" TEXT,
    "emailRef" TEXT,
    "status" TEXT NOT NULL,
    "statusReason" TEXT,
    "dueAt" DATETIME NOT NULL,
    "sentAt" DATETIME,
    "cancelledAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "ReviewRequest_shopId_status_dueAt_idx" ON "ReviewRequest"("shopId", "status", "dueAt");

-- CreateIndex
CREATE INDEX "ReviewRequest_shopId_customerRef_idx" ON "ReviewRequest"("shopId", "customerRef");

-- CreateIndex
CREATE INDEX "ReviewRequest_shopId_emailRef_idx" ON "ReviewRequest"("shopId", "emailRef");

-- CreateIndex
CREATE UNIQUE INDEX "ReviewRequest_shopId_orderId_groupKey_key" ON "ReviewRequest"("shopId", "orderId", "groupKey");
