-- CreateTable
CREATE TABLE "Review" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shopId" TEXT NOT NULL,
    "reviewRequestId" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "productId" TEXT NOT NULL,
    "rating" INTEGER NOT NULL,
    "title" TEXT,
    "body" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "locale" TEXT,
    "verifiedBuyer" BOOLEAN NOT NULL DEFAULT true,
    "status" TEXT NOT NULL,
    "moderationReason" TEXT,
    "submittedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "moderatedAt" DATETIME,
    "publishedAt" DATETIME,
    "updatedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "Review_shopId_status_submittedAt_idx" ON "Review"("shopId", "status", "submittedAt");

-- CreateIndex
CREATE INDEX "Review_shopId_productId_status_idx" ON "Review"("shopId", "productId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "Review_shopId_reviewRequestId_productId_key" ON "Review"("shopId", "reviewRequestId", "productId");
