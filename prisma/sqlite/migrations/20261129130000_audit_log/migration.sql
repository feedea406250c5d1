-- CreateTable
CREATE TABLE "AuditEntry" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shopId" TEXT NOT NULL,
    "occurredAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorKind" TEXT NOT NULL,
    "actorId" TEXT,
    "action" TEXT NOT NULL,
    "outcome" TEXT NOT NULL DEFAULT 'allowed',
    "targetType" TEXT,
    "targetRef" TEXT,
    "requestId" TEXT,
    "details" TEXT NOT NULL DEFAULT '{}'
);

-- CreateIndex
CREATE INDEX "AuditEntry_shopId_occurredAt_idx" ON "AuditEntry"("shopId", "occurredAt");

-- CreateIndex
CREATE INDEX "AuditEntry_shopId_action_occurredAt_idx" ON "AuditEntry"("shopId", "action", "occurredAt");

-- CreateIndex
CREATE INDEX "AuditEntry_shopId_actorId_occurredAt_idx" ON "AuditEntry"("shopId", "actorId", "occurredAt");

-- Append-only: an entry can be deleted (retention, shop redact) but never changed.
CREATE TRIGGER "AuditEntry_append_only" BEFORE UPDATE ON "AuditEntry"
BEGIN
    SELECT RAISE(ABORT, 'AuditEntry is append-only: entries cannot be updated');
END;
