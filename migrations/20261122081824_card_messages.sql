-- CreateTable
CREATE TABLE "card_messages" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "larkMessageId" TEXT NOT NULL,
    "caseId" INTEGER NOT NULL,
    "outboxId" INTEGER NOT NULL,
    "sentAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "card_messages_caseId_sentAt_idx" ON "card_messages"("caseId", "sentAt");

-- CreateIndex
CREATE UNIQUE INDEX "card_messages_larkMessageId_caseId_key" ON "card_messages"("larkMessageId", "caseId");

