-- CreateTable
CREATE TABLE "ConsentEntry" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shopId" TEXT NOT NULL,
    "customerRef" TEXT,
    "emailRef" TEXT,
    "state" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "occurredAt" DATETIME NOT NULL,
    "recordedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "noticeVersion" TEXT NOT NULL
);

-- CreateIndex
CREATE INDEX "ConsentEntry_shopId_customerRef_occurredAt_idx" ON "ConsentEntry"("shopId", "customerRef", "occurredAt");

-- CreateIndex
CREATE INDEX "ConsentEntry_shopId_emailRef_occurredAt_idx" ON "ConsentEntry"("shopId", "emailRef", "occurredAt");

-- CreateIndex
CREATE INDEX "ConsentEntry_shopId_recordedAt_idx" ON "ConsentEntry"("shopId", "recordedAt");

-- The ledger is append-only: a change of consent is a new entry, never an edit of an old one.
-- DELETE stays allowed (retention purge, erasure, shop/redact).
CREATE TRIGGER "ConsentEntry_append_only"
BEFORE UPDATE ON "ConsentEntry"
BEGIN
    SELECT RAISE(ABORT, 'ConsentEntry is append-only: record a new entry instead of updating one');
END;
