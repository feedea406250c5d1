-- CreateTable
CREATE TABLE "EncryptionKeyRotation" (
    "id" TEXT NOT NULL,
    "shopId" TEXT NOT NULL,
    "keyId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),
    "reencrypted" INTEGER NOT NULL DEFAULT 0,
    "unreadable" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "EncryptionKeyRotation_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "EncryptionKeyRotation_shopId_startedAt_idx" ON "EncryptionKeyRotation"("shopId", "startedAt");
