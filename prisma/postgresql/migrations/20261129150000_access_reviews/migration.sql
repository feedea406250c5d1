-- CreateTable
CREATE TABLE "AccessReview" (
    "id" TEXT NOT NULL,
    "shopId" TEXT NOT NULL,
    "reviewedBy" TEXT NOT NULL,
    "reviewedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "staffCount" INTEGER NOT NULL,
    "activeKeys" INTEGER NOT NULL,

    CONSTRAINT "AccessReview_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "AccessReview_shopId_reviewedAt_idx" ON "AccessReview"("shopId", "reviewedAt");
