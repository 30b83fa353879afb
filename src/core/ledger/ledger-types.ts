// The 督查 ledger of a region (built in app/ledger, written as a workbook in files/).
export interface LedgerCase {
  archiveNo: string;
  headName: string;
  county: string;
  state: string;
  officer: string;
  deadline: string;
  daysOverdue: number;
  reason: string;
  reminders: number;
  escalations: number;
  acknowledgedBy: string;
}

export interface LedgerContact {
  archiveNo: string;
  kind: '提醒' | '督办';
  at: Date;
  to: string;
  rung: number | null;
  urgent: boolean;
  acknowledgedBy: string;
  acknowledgedAt: Date | null;
}

export interface InspectionLedger {
  region: string;
  at: Date;
  cases: LedgerCase[];
  contacts: LedgerContact[];
}
