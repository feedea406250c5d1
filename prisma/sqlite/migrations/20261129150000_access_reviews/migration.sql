-- CreateTable
CREATE TABLE "AccessReview" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shopId" TEXT NOT NULL,
    "reviewedBy" TEXT NOT NULL,
    "reviewedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "staffCount" INTEGER NOT NULL,
    "activeKeys" INTEGER NOT NULL
);

-- CreateIndex
CREATE INDEX "AccessReview_shopId_reviewedAt_idx" ON "AccessReview"("shopId", "reviewedAt");
