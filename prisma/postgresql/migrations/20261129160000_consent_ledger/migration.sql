-- CreateTable
CREATE TABLE "ConsentEntry" (
    "id" TEXT NOT NULL,
    "shopId" TEXT NOT NULL,
    "customerRef" TEXT,
    "emailRef" TEXT,
    "state" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "occurredAt" TIMESTAMP(3) NOT NULL,
    "recordedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "noticeVersion" TEXT NOT NULL,

    CONSTRAINT "ConsentEntry_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ConsentEntry_shopId_customerRef_occurredAt_idx" ON "ConsentEntry"("shopId", "customerRef", "occurredAt");

-- CreateIndex
CREATE INDEX "ConsentEntry_shopId_emailRef_occurredAt_idx" ON "ConsentEntry"("shopId", "emailRef", "occurredAt");

-- CreateIndex
CREATE INDEX "ConsentEntry_shopId_recordedAt_idx" ON "ConsentEntry"("shopId", "recordedAt");

-- The ledger is append-only: a change of consent is a new entry, never an edit of an old one.
-- DELETE stays allowed (retention purge, erasure, shop/redact).
CREATE FUNCTION "ConsentEntry_reject_update"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'ConsentEntry is append-only: record a new entry instead of updating one'
        USING ERRCODE = 'raise_exception';
END;
$$;

CREATE TRIGGER "ConsentEntry_append_only"
BEFORE UPDATE ON "ConsentEntry"
FOR EACH ROW EXECUTE FUNCTION "ConsentEntry_reject_update"();
