-- AlterTable
ALTER TABLE "SendAttempt" ADD COLUMN "channel" TEXT NOT NULL DEFAULT 'email';
