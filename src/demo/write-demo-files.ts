// Writes the demo household file and the demo roster (households.<ext>, roster.<ext>) into a folder.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { generateHouseholds, householdHeaders, type HouseholdHeader } from './generate-households.ts';
import { generateRoster } from './generate-roster.ts';
import { rosterHeaders, toRosterRows, type Roster } from './roster-format.ts';
import { writeCsv, type CsvEncoding, type WrittenFile } from './write-csv.ts';
import { writeXlsx } from './write-xlsx.ts';

export type DemoFileFormat = 'csv' | 'xlsx';

export interface WriteDemoFilesOptions {
  dir: string;
  households: number;
  seed: number;
  /** YYYY-MM-DD, the day the demo is "now". */
  today: string;
  format?: DemoFileFormat;
  /** CSV only. */
  encoding?: CsvEncoding;
  overdueShare?: number;
}

export interface DemoFiles {
  households: WrittenFile;
  roster: WrittenFile;
  rosterData: Roster;
}

const householdDates: readonly HouseholdHeader[] = ['脱困时限', '建档日期'];
const householdWidths: Partial<Record<HouseholdHeader, number>> = {
  档案编号: 24,
  身份证号: 21,
  致困原因: 30,
  工作单位: 34,
  联系电话: 14,
  责任人: 36,
};
const rosterWidths: Record<string, number> = { 邮箱: 26, open_id: 38, 群ID: 38, 群名称: 22 };

export async function writeDemoFiles(options: WriteDemoFilesOptions): Promise<DemoFiles> {
  const format = options.format ?? 'csv';
  await mkdir(options.dir, { recursive: true });
  const roster = generateRoster({ seed: options.seed });
  const households = generateHouseholds({
    count: options.households,
    seed: options.seed,
    roster,
    today: options.today,
    ...(options.overdueShare === undefined ? {} : { overdueShare: options.overdueShare }),
  });
  const householdsPath = join(options.dir, `households.${format}`);
  const rosterPath = join(options.dir, `roster.${format}`);
  if (format === 'xlsx') {
    return {
      households: await writeXlsx(householdsPath, householdHeaders, households, {
        sheetName: '困难职工档案',
        dateColumns: householdDates,
        widths: householdWidths,
      }),
      roster: await writeXlsx(rosterPath, rosterHeaders, toRosterRows(roster), { sheetName: '人员与群', widths: rosterWidths }),
      rosterData: roster,
    };
  }
  const csv = { encoding: options.encoding ?? 'utf8' } as const;
  return {
    households: await writeCsv(householdsPath, householdHeaders, households, csv),
    roster: await writeCsv(rosterPath, rosterHeaders, toRosterRows(roster), csv),
    rosterData: roster,
  };
}
