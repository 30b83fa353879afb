import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { AppError } from '../../core/app-error.ts';
import { parseLocalCalendarYear } from '../../core/time/parse-local-calendar-year.ts';
import { chineseDaysCoversYear } from '../../core/time/work-calendar.ts';
import { openDatabase } from '../open-database.ts';

export function registerCalendar(program: Command): void {
  const calendar = program.command('calendar').description('工作日日历：法定节假日与调休（内置数据之外的年份由管理员添加）');
  calendar
    .command('add')
    .description('添加或替换一年的当地日历：{"year": 2027, "holidays": ["2027-01-01", …], "workdays": ["2027-02-07", …]}')
    .argument('<file>', 'JSON 文件')
    .action(async (file: string) => {
      let json: unknown;
      try {
        json = JSON.parse(readFileSync(file, 'utf8'));
      } catch (error) {
        throw new AppError('invalid_argument', `无法读取日历文件 ${file}：${(error as Error).message}`);
      }
      const year = parseLocalCalendarYear(json);
      const { db } = await openDatabase();
      try {
        const now = new Date();
        await db.$transaction([
          db.calendarYear.upsert({
            where: { year: year.year },
            create: { ...year, addedBy: 'cli', addedAt: now },
            update: { holidays: year.holidays, workdays: year.workdays, addedBy: 'cli', addedAt: now },
          }),
          db.auditEvent.create({
            data: {
              at: now,
              actor: 'cli',
              source: 'admin',
              action: 'calendar.year_added',
              after: { year: year.year, holidays: year.holidays.length, workdays: year.workdays.length },
            },
          }),
        ]);
        console.log(
          `已添加 ${year.year} 年日历：节假日 ${year.holidays.length} 天，调休上班 ${year.workdays.length} 天。此后按工作日计算的期限会使用它。`,
        );
      } finally {
        await db.$disconnect();
      }
    });
  calendar
    .command('list')
    .description('列出可用的日历年份')
    .action(async () => {
      const { db } = await openDatabase();
      try {
        const local = await db.calendarYear.findMany({ orderBy: { year: 'asc' } });
        const builtIn = Array.from({ length: 40 }, (_, i) => 2000 + i).filter(chineseDaysCoversYear);
        console.log(`内置（chinese-days）：${builtIn[0]}–${builtIn[builtIn.length - 1]}`);
        console.log(local.length === 0 ? '管理员添加：无' : `管理员添加：${local.map((y) => y.year).join('、')}`);
      } finally {
        await db.$disconnect();
      }
    });
}
