-- CreateTable
CREATE TABLE "escalations" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "caseId" INTEGER NOT NULL,
    "entrySeq" INTEGER NOT NULL,
    "rung" INTEGER NOT NULL,
    "target" TEXT NOT NULL,
    "chatId" TEXT,
    "personId" INTEGER,
    "urgent" BOOLEAN NOT NULL DEFAULT false,
    "status" TEXT NOT NULL DEFAULT 'open',
    "sentAt" DATETIME NOT NULL,
    "acknowledgedBy" INTEGER,
    "acknowledgedAt" DATETIME,
    CONSTRAINT "escalations_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "cases" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "calendar_years" (
    "year" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "holidays" JSONB NOT NULL,
    "workdays" JSONB NOT NULL,
    "addedBy" TEXT,
    "addedAt" DATETIME NOT NULL
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_cases" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "householdId" INTEGER NOT NULL,
    "campaign" TEXT NOT NULL,
    "flowId" TEXT NOT NULL,
    "flowVersion" INTEGER NOT NULL,
    "snapshot" JSONB NOT NULL,
    "state" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'active',
    "regionId" INTEGER NOT NULL,
    "stateEnteredAt" DATETIME NOT NULL,
    "entrySeq" INTEGER NOT NULL DEFAULT 0,
    "deadlineAt" DATETIME,
    "clock" JSONB,
    "previousCaseId" INTEGER,
    "version" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "cases_householdId_fkey" FOREIGN KEY ("householdId") REFERENCES "households" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "cases_regionId_fkey" FOREIGN KEY ("regionId") REFERENCES "regions" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_cases" ("campaign", "createdAt", "flowId", "flowVersion", "householdId", "id", "regionId", "snapshot", "state", "stateEnteredAt", "status", "updatedAt", "version") SELECT "campaign", "createdAt", "flowId", "flowVersion", "householdId", "id", "regionId", "snapshot", "state", "stateEnteredAt", "status", "updatedAt", "version" FROM "cases";
DROP TABLE "cases";
ALTER TABLE "new_cases" RENAME TO "cases";
CREATE INDEX "cases_regionId_state_idx" ON "cases"("regionId", "state");
CREATE INDEX "cases_state_idx" ON "cases"("state");
CREATE INDEX "cases_status_deadlineAt_idx" ON "cases"("status", "deadlineAt");
CREATE UNIQUE INDEX "cases_householdId_campaign_key" ON "cases"("householdId", "campaign");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "escalations_status_caseId_idx" ON "escalations"("status", "caseId");

-- CreateIndex
CREATE UNIQUE INDEX "escalations_caseId_entrySeq_rung_key" ON "escalations"("caseId", "entrySeq", "rung");

