-- CreateTable
CREATE TABLE "api_tokens" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "regionId" INTEGER,
    "personId" INTEGER,
    "createdAt" DATETIME NOT NULL,
    "createdBy" TEXT NOT NULL,
    "revokedAt" DATETIME,
    "lastUsedAt" DATETIME
);

-- CreateTable
CREATE TABLE "daily_stats" (
    "day" TEXT NOT NULL,
    "regionId" INTEGER NOT NULL,
    "state" TEXT NOT NULL,
    "households" INTEGER NOT NULL,
    "persons" INTEGER NOT NULL,
    "overdue" INTEGER NOT NULL,

    PRIMARY KEY ("day", "regionId", "state")
);

-- CreateIndex
CREATE UNIQUE INDEX "api_tokens_tokenHash_key" ON "api_tokens"("tokenHash");

