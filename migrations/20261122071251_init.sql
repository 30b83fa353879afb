-- CreateTable
CREATE TABLE "regions" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "level" TEXT NOT NULL,
    "parentId" INTEGER,
    "path" TEXT NOT NULL,
    CONSTRAINT "regions_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "regions" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "people" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "openId" TEXT,
    "mobile" TEXT,
    "email" TEXT,
    "role" TEXT NOT NULL,
    "regionId" INTEGER,
    "delegateId" INTEGER,
    "onLeave" BOOLEAN NOT NULL DEFAULT false,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "people_regionId_fkey" FOREIGN KEY ("regionId") REFERENCES "regions" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "people_delegateId_fkey" FOREIGN KEY ("delegateId") REFERENCES "people" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "chats" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "chatId" TEXT NOT NULL,
    "name" TEXT,
    "purpose" TEXT NOT NULL,
    "regionId" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "chats_regionId_fkey" FOREIGN KEY ("regionId") REFERENCES "regions" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "households" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "archiveNo" TEXT NOT NULL,
    "archiveLevel" TEXT NOT NULL,
    "regionId" INTEGER NOT NULL,
    "headName" TEXT NOT NULL,
    "idNumber" TEXT NOT NULL,
    "persons" INTEGER NOT NULL,
    "causes" TEXT NOT NULL,
    "causeMask" INTEGER NOT NULL,
    "tier" TEXT,
    "employer" TEXT,
    "phone" TEXT,
    "officerId" INTEGER,
    "deadline" TEXT,
    "filedOn" TEXT NOT NULL,
    "closedOn" TEXT,
    "closedReason" TEXT,
    "rowHash" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "households_regionId_fkey" FOREIGN KEY ("regionId") REFERENCES "regions" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "households_officerId_fkey" FOREIGN KEY ("officerId") REFERENCES "people" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "flow_versions" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "flowId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "definition" JSONB NOT NULL,
    "checksum" TEXT NOT NULL,
    "publishedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "publishedBy" TEXT
);

-- CreateTable
CREATE TABLE "cases" (
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
    "version" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "cases_householdId_fkey" FOREIGN KEY ("householdId") REFERENCES "households" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "cases_regionId_fkey" FOREIGN KEY ("regionId") REFERENCES "regions" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "timers" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "key" TEXT NOT NULL,
    "caseId" INTEGER,
    "kind" TEXT NOT NULL,
    "dueAt" DATETIME NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "payload" JSONB,
    "claimedBy" TEXT,
    "claimedAt" DATETIME,
    "firedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "timers_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "cases" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "audit_events" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "at" DATETIME NOT NULL,
    "actor" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "caseId" INTEGER,
    "householdId" INTEGER,
    "fromState" TEXT,
    "toState" TEXT,
    "before" JSONB,
    "after" JSONB
);

-- CreateTable
CREATE TABLE "outbox" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "idempotencyKey" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "receiveIdType" TEXT,
    "receiveId" TEXT,
    "payload" JSONB NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" DATETIME NOT NULL,
    "lastError" TEXT,
    "larkMessageId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" DATETIME
);

-- CreateTable
CREATE TABLE "inbound_events" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "dedupeKey" TEXT NOT NULL,
    "eventType" TEXT NOT NULL,
    "body" JSONB NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'received',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "receivedAt" DATETIME NOT NULL,
    "processedAt" DATETIME
);

-- CreateIndex
CREATE UNIQUE INDEX "regions_code_key" ON "regions"("code");

-- CreateIndex
CREATE INDEX "regions_path_idx" ON "regions"("path");

-- CreateIndex
CREATE UNIQUE INDEX "regions_parentId_name_key" ON "regions"("parentId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "people_openId_key" ON "people"("openId");

-- CreateIndex
CREATE UNIQUE INDEX "people_mobile_key" ON "people"("mobile");

-- CreateIndex
CREATE UNIQUE INDEX "people_email_key" ON "people"("email");

-- CreateIndex
CREATE INDEX "people_name_idx" ON "people"("name");

-- CreateIndex
CREATE UNIQUE INDEX "chats_chatId_key" ON "chats"("chatId");

-- CreateIndex
CREATE INDEX "chats_regionId_purpose_idx" ON "chats"("regionId", "purpose");

-- CreateIndex
CREATE UNIQUE INDEX "households_archiveNo_key" ON "households"("archiveNo");

-- CreateIndex
CREATE INDEX "households_officerId_idx" ON "households"("officerId");

-- CreateIndex
CREATE INDEX "households_regionId_archiveLevel_idx" ON "households"("regionId", "archiveLevel");

-- CreateIndex
CREATE INDEX "households_filedOn_idx" ON "households"("filedOn");

-- CreateIndex
CREATE INDEX "households_closedOn_idx" ON "households"("closedOn");

-- CreateIndex
CREATE UNIQUE INDEX "flow_versions_flowId_version_key" ON "flow_versions"("flowId", "version");

-- CreateIndex
CREATE INDEX "cases_regionId_state_idx" ON "cases"("regionId", "state");

-- CreateIndex
CREATE INDEX "cases_state_idx" ON "cases"("state");

-- CreateIndex
CREATE UNIQUE INDEX "cases_householdId_campaign_key" ON "cases"("householdId", "campaign");

-- CreateIndex
CREATE UNIQUE INDEX "timers_key_key" ON "timers"("key");

-- CreateIndex
CREATE INDEX "timers_status_dueAt_idx" ON "timers"("status", "dueAt");

-- CreateIndex
CREATE INDEX "timers_caseId_status_idx" ON "timers"("caseId", "status");

-- CreateIndex
CREATE INDEX "audit_events_caseId_at_idx" ON "audit_events"("caseId", "at");

-- CreateIndex
CREATE INDEX "audit_events_householdId_at_idx" ON "audit_events"("householdId", "at");

-- CreateIndex
CREATE INDEX "audit_events_at_idx" ON "audit_events"("at");

-- CreateIndex
CREATE UNIQUE INDEX "outbox_idempotencyKey_key" ON "outbox"("idempotencyKey");

-- CreateIndex
CREATE INDEX "outbox_status_nextAttemptAt_idx" ON "outbox"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "outbox_receiveId_idx" ON "outbox"("receiveId");

-- CreateIndex
CREATE UNIQUE INDEX "inbound_events_dedupeKey_key" ON "inbound_events"("dedupeKey");

-- CreateIndex
CREATE INDEX "inbound_events_status_receivedAt_idx" ON "inbound_events"("status", "receivedAt");

