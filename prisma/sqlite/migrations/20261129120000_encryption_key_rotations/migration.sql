-- CreateTable
CREATE TABLE "EncryptionKeyRotation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shopId" TEXT NOT NULL,
    "keyId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "startedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" DATETIME,
    "reencrypted" INTEGER NOT NULL DEFAULT 0,
    "unreadable" INTEGER NOT NULL DEFAULT 0
);

-- CreateIndex
CREATE INDEX "EncryptionKeyRotation_shopId_startedAt_idx" ON "EncryptionKeyRotation"("shopId", "startedAt");
