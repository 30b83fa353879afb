import { afterEach, describe, expect, it } from 'vitest';
import { sendCaseEvent } from '../../src/app/cases/send-case-event.ts';
import { loadDailyDigest, maxDigestRegions } from '../../src/app/digest/load-daily-digest.ts';
import { runDueTimers } from '../../src/app/timers/run-due-timers.ts';
import { checkCard } from '../../src/lark/cards/check-card.ts';
import type { Card, CardElement } from '../../src/lark/cards/card-json.ts';
import { renderDailyDigestCard } from '../../src/lark/cards/render-daily-digest-card.ts';
import { validateCard } from '../../src/sandbox/simulator/validate-card.ts';
import { at, createCampaign } from '../helpers/engine-fixture.ts';
import { startChannel, type Channel } from '../helpers/lark-channel-fixture.ts';
import { allElements } from '../lark/cards/card-fixtures.ts';

let channel: Channel | undefined;
afterEach(async () => {
  await channel?.close();
  channel = undefined;
});

/** The campaign (three overdue households of 麒麟区 by 20 Oct) plus the city's supervisor group. */
async function start(options: { at?: string; quiet?: { start: string; end: string } } = {}): Promise<Channel> {
  const c = await startChannel({ openedAt: at('2025-09-26 15:30'), households: 3, dailyDigest: { at: options.at ?? '08:30' } });
  if (options.quiet) c.campaign.deps.quiet = options.quiet;
  const db = c.campaign.db.prisma;
  const city = await db.region.findFirstOrThrow({ where: { name: '曲靖市' } });
  const now = c.clock.now();
  await db.chat.create({
    data: { chatId: 'oc_supervisor', name: '曲靖市督导群', purpose: 'supervisor_group', regionId: city.id, createdAt: now, updatedAt: now },
  });
  c.sim.addChat({ chatId: 'oc_supervisor', name: '曲靖市督导群', members: ['ou_city', 'ou_admin'] });
  return c;
}

async function tickAt(c: Channel, local: string): Promise<void> {
  c.clock.set(at(local));
  await c.tick();
  await c.sendOutbox();
}

const digestRows = (c: Channel) => c.campaign.db.prisma.outboxMessage.count({ where: { idempotencyKey: { startsWith: 'daily_digest:' } } });

/** The digest cards a chat received, newest last. */
function digestsIn(c: Channel, chatId: string): Card[] {
  return c.sim
    .messagesIn(chatId)
    .map((m) => JSON.parse(m.content) as Card)
    .filter((card) => card.header?.title.content.startsWith('每日简报'));
}

function markdownOf(card: Card): string {
  return allElements(card)
    .filter((e) => e.tag === 'markdown')
    .map((e) => e.content as string)
    .join('\n');
}

describe('the daily digest', () => {
  it('goes once to each supervisor group and inspection group at the set time, with a chart and masked names only', async () => {
    channel = await start();
    const c = channel;
    const db = c.campaign.db.prisma;

    await tickAt(c, '2025-10-20 08:00');
    const timer = await db.timer.findUniqueOrThrow({ where: { key: 'digest:2025-10-20' } });
    expect(timer).toMatchObject({ kind: 'digest', status: 'pending', caseId: null });
    // 08:30, moved a few minutes off the half hour like every message.
    expect(timer.dueAt.getTime()).toBeGreaterThan(at('2025-10-20 08:30').getTime());
    expect(timer.dueAt.getTime()).toBeLessThan(at('2025-10-20 08:44').getTime());
    await tickAt(c, '2025-10-20 08:30');
    expect(await digestRows(c)).toBe(0);

    await tickAt(c, '2025-10-20 08:45');
    expect(await digestRows(c)).toBe(2);
    const [city] = digestsIn(c, 'oc_supervisor');
    const [county] = digestsIn(c, 'oc_inspection');
    expect(city?.header.title.content).toBe('每日简报 · 曲靖市');
    expect(city?.header.subtitle?.content).toBe('10月20日（周一）');
    expect(county?.header.title.content).toBe('每日简报 · 麒麟区');
    for (const card of [city!, county!]) {
      expect(validateCard(card)).toBeUndefined();
      expect(checkCard(card)).toEqual([]);
      const text = markdownOf(card);
      expect(text).toContain('**在册住户**：3 户 · 9 人（较昨日 —）');
      expect(text).toContain('入户核实：**3** 户（—） · 逾期 3');
      expect(text).toContain('「—」表示没有前一天的统计');
      // The top overdue: masked names, archive numbers, the officer @mentioned, days overdue.
      expect(text).toContain('**逾期最久的 3 户**');
      expect(text).toContain('杨&#42;华');
      expect(text).toContain('QJ-00001');
      expect(text).toContain('<at id=ou_officer></at>');
      expect(text).toMatch(/已逾期 \d+ 天/);
      const json = JSON.stringify(card);
      expect(json).not.toContain('杨小华');
      expect(json).not.toMatch(/\d{17}[\dX]/); // no ID number
      expect(json).not.toContain('13812345678');
      expect(json).not.toContain('13900000001');
      const chart = allElements(card).find((e) => e.tag === 'chart') as CardElement & { chart_spec: Record<string, unknown> };
      expect(chart.chart_spec).toMatchObject({
        type: 'bar',
        xField: 'region',
        yField: 'households',
        seriesField: 'state',
        data: [{ id: 'households', values: [{ region: '麒麟区', state: '入户核实', households: 3 }] }],
      });
    }
    const stats = await db.dailyStat.findMany({ where: { day: '2025-10-20' } });
    expect(stats).toEqual([expect.objectContaining({ state: 'verifying', households: 3, persons: 9, overdue: 3 })]);

    // More ticks the same day, and a restart (new deps, new tick token): nothing goes out twice.
    await tickAt(c, '2025-10-20 08:50');
    await tickAt(c, '2025-10-20 17:00');
    await runDueTimers({ ...c.campaign.deps }, at('2025-10-20 17:01'), { token: 'after-restart' });
    await c.sendOutbox();
    expect(await digestRows(c)).toBe(2);
    expect(digestsIn(c, 'oc_supervisor')).toHaveLength(1);
    expect(digestsIn(c, 'oc_inspection')).toHaveLength(1);
    expect(await db.timer.findUniqueOrThrow({ where: { key: 'digest:2025-10-21' } })).toMatchObject({ status: 'pending' });
  });

  it('shows the change since yesterday on the second day', async () => {
    channel = await start();
    const c = channel;
    await tickAt(c, '2025-10-20 08:00');
    await tickAt(c, '2025-10-20 08:45');
    const verified = await sendCaseEvent(c.campaign.deps, {
      caseId: c.campaign.caseIds[0]!,
      type: 'VERIFIED',
      form: { persons: 3, causes: ['收入低'], visit_date: '2025-10-20' },
      operator: c.campaign.people.officer,
      source: 'card',
      now: at('2025-10-20 10:00'),
    });
    expect(verified.ok).toBe(true);

    await tickAt(c, '2025-10-21 08:45');
    const cards = digestsIn(c, 'oc_supervisor');
    expect(cards).toHaveLength(2);
    const text = markdownOf(cards[1]!);
    expect(cards[1]!.header.subtitle?.content).toBe('10月21日（周二）');
    expect(text).toContain('**在册住户**：3 户 · 9 人（较昨日 0）');
    expect(text).toContain("**已逾期**：<font color='red'>2</font> 户（较昨日 -1）");
    expect(text).toContain('入户核实：**2** 户（-1） · 逾期 2');
    expect(text).toContain('精准识别：**1** 户（+1）');
    expect(text).toContain('较昨日：与前一天简报的统计相比');
    expect(validateCard(cards[1])).toBeUndefined();
  });

  it('waits for the morning when the set time falls in the quiet hours', async () => {
    channel = await start({ at: '07:00', quiet: { start: '21:00', end: '08:00' } });
    const c = channel;
    await tickAt(c, '2025-10-20 06:00');
    await tickAt(c, '2025-10-20 07:30');
    expect(await digestRows(c)).toBe(0);
    await tickAt(c, '2025-10-20 08:20');
    expect(await digestRows(c)).toBe(2);
    expect(digestsIn(c, 'oc_supervisor')).toHaveLength(1);
  });

  it('after days without ticks sends only the latest day, once', async () => {
    channel = await start();
    const c = channel;
    await tickAt(c, '2025-10-20 08:00');
    await tickAt(c, '2025-10-20 08:45');
    // The server is down from the 20th to Thursday the 23rd at 10:00.
    await tickAt(c, '2025-10-23 10:00');
    await tickAt(c, '2025-10-23 10:01');
    await tickAt(c, '2025-10-23 10:02');
    const cards = digestsIn(c, 'oc_supervisor');
    expect(cards.map((card) => card.header.subtitle?.content)).toEqual(['10月20日（周一）', '10月23日（周四）']);
    const db = c.campaign.db.prisma;
    expect(await db.auditEvent.count({ where: { action: 'digest.skipped' } })).toBe(1);
    expect(await db.auditEvent.count({ where: { action: 'digest.sent' } })).toBe(2);
  });

  it('stops when turned off: a waiting digest timer is cancelled', async () => {
    channel = await start();
    const c = channel;
    await tickAt(c, '2025-10-20 08:00');
    delete c.campaign.deps.dailyDigest;
    await tickAt(c, '2025-10-20 08:45');
    expect(await digestRows(c)).toBe(0);
    expect(await c.campaign.db.prisma.timer.findUniqueOrThrow({ where: { key: 'digest:2025-10-20' } })).toMatchObject({
      status: 'cancelled',
    });
  });
});

describe('the digest of a large region', () => {
  it('groups by the regions one level down and sums those beyond 20 into one 「其他」', async () => {
    const campaign = await createCampaign({ households: 1, openedAt: at('2025-09-26 15:30') });
    try {
      const db = campaign.db.prisma;
      const city = await db.region.findFirstOrThrow({ where: { name: '曲靖市' } });
      const province = await db.region.findFirstOrThrow({ where: { name: '云南省' } });
      const counties = [await db.region.findFirstOrThrow({ where: { name: '麒麟区' } })];
      for (let i = 1; i <= 24; i++) {
        const r = await db.region.create({
          data: { code: `5303${String(50 + i)}`, name: `测试${i}县`, level: 'county', parentId: city.id, path: '' },
        });
        counties.push(await db.region.update({ where: { id: r.id }, data: { path: `${city.path}${r.id}/` } }));
      }
      const day = '2025-10-20';
      await db.dailyStat.createMany({
        data: counties.flatMap((c, i) => [
          { day, regionId: c.id, state: 'verifying', households: 10 + i, persons: 30, overdue: 1 },
          { day, regionId: c.id, state: 'classifying', households: 5, persons: 15, overdue: 0 },
        ]),
      });
      const load = (regionId: number | null) =>
        loadDailyDigest(
          campaign.deps,
          { type: 'daily_digest', day, regionId, takenAt: at('2025-10-20 08:37').toISOString() },
          at('2025-10-20 09:00'),
        );

      const ofCity = (await load(city.id))!;
      expect(ofCity.regionName).toBe('曲靖市');
      expect(ofCity.byRegion).toHaveLength(maxDigestRegions);
      const other = ofCity.byRegion[maxDigestRegions - 1]!;
      expect(other.name).toBe('其他 6 个地区');
      // The six smallest counties (麒麟区 and 测试1–5县) went into 其他.
      expect(other.households).toBe([10, 11, 12, 13, 14, 15].reduce((a, b) => a + b, 0) + 6 * 5);
      expect(ofCity.byRegion.reduce((t, r) => t + r.households, 0)).toBe(ofCity.total.households);
      expect(ofCity.total).toMatchObject({ households: 25 * 15 + 300, overdue: 25, householdsChange: null });
      expect(ofCity.byState.map((s) => [s.title, s.households])).toEqual([
        ['入户核实', 25 * 10 + 300],
        ['精准识别', 125],
      ]);
      const card = renderDailyDigestCard(ofCity, { now: at('2025-10-20 09:00'), tz: 'Asia/Shanghai' });
      expect(checkCard(card)).toEqual([]);

      const ofProvince = (await load(province.id))!;
      expect(ofProvince.byRegion.map((r) => r.name)).toEqual(['曲靖市']);
      const ofAll = (await load(null))!;
      expect(ofAll.regionName).toBe('全部地区');
      expect(ofAll.byRegion.map((r) => r.name)).toEqual(['云南省']);
      const ofCounty = (await load(counties[3]!.id))!;
      expect(ofCounty.byRegion).toEqual([expect.objectContaining({ name: '测试3县', households: 18 })]);
    } finally {
      await campaign.db.cleanup();
    }
  });
});
