// The /sandbox page in a real browser (Debian Chromium via playwright-core) against the real
// server in sandbox mode: the demo city, the simulator, the bot's /lark/events, the scheduler run
// by the page's time travel. Screenshots of every step go to test-results/sandbox/.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/create-prisma.ts';
import type { RunningServer } from '../../src/runtime/node.ts';
import { launchBrowser, screenshots } from '../helpers/browser.ts';
import { startSandboxServer, type SandboxServer } from '../helpers/sandbox-server.ts';

const shot = screenshots('sandbox');
/** As an officer's phone in China would be set. */
const zh = { locale: 'zh-CN', timezoneId: 'Asia/Shanghai' };
let server: RunningServer;
let browser: Browser;
let db: Db;

let sandbox: SandboxServer;

beforeAll(async () => {
  sandbox = await startSandboxServer('huhuqing-browser-');
  ({ server, db } = sandbox);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await sandbox?.close();
});

async function openAs(page: Page, name: string): Promise<void> {
  await page.goto(server.sandboxUrl!);
  await page.waitForSelector('body[data-ready="true"]');
  const value = await page.locator('#as-select option', { hasText: name }).first().getAttribute('value');
  await page.selectOption('#as-select', value!);
  await page.waitForFunction(`document.querySelector('#as-select').value === ${JSON.stringify(value)}`);
}

async function openChat(page: Page, name: RegExp | string): Promise<void> {
  await page.locator('.chat-item', { hasText: name }).first().click();
  await page.waitForFunction(`document.querySelector('#messages')?.getAttribute('data-chat-id')`);
}

const toastText = (page: Page, type: string) => page.locator(`#toasts .toast-${type}`).last();

describe('the /sandbox page (Chromium)', () => {
  it('an officer travels in time, gets the digest, is stopped by an empty required field, submits the form and sees the card move on', async () => {
    // The officer whose next reminder comes first.
    const timer = await db.timer.findFirstOrThrow({
      where: { status: 'pending', kind: 'remind', case: { state: 'verifying', household: { officer: { isNot: null } } } },
      orderBy: { dueAt: 'asc' },
      include: { case: { include: { household: { include: { officer: true } } } } },
    });
    const officer = timer.case!.household.officer!;
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 }, ...zh });
    await openAs(page, officer.name);
    await openChat(page, '私聊');
    const before = await page.locator('#messages .msg-card').count();
    await shot(page, 'officer-before');

    // Time travel to just after the reminder is due (the input is in the sandbox's time zone).
    const local = new Date(timer.dueAt.getTime() + 8 * 3600_000 + 60_000).toISOString().slice(0, 16);
    await page.fill('#travel-at', local);
    await page.click('#travel-to button');
    await expect.poll(() => page.locator('#messages .msg-card').count(), { timeout: 15_000 }).toBeGreaterThan(before);
    const digest = page.locator('#messages .msg-card').last();
    await expect.poll(() => digest.textContent()).toContain('办理');
    expect(await digest.textContent()).not.toContain(officer.mobile ?? 'no-mobile');
    await shot(page, 'officer-digest');

    // 办理 opens the case card in place, with the 已核实 form.
    await digest.locator('button[data-action="button"]', { hasText: '办理' }).first().click();
    const form = digest.locator('form.lk-form').first();
    await form.waitFor({ timeout: 10_000 });
    await shot(page, 'officer-case-card');
    const callbacksBefore = (await stateOf(page)).panel.callbacks.length;

    // Submit with the number of persons left empty: the page blocks it, as the Lark client does.
    const submit = form.locator('button[data-action="submit"]');
    await submit.click();
    await expect.poll(() => toastText(page, 'error').textContent()).toContain('有必填项未填写');
    await expect(form.locator('.lk-field-invalid').count()).resolves.toBeGreaterThan(0);
    await shot(page, 'officer-required-blocked');
    expect((await stateOf(page)).panel.callbacks.length).toBe(callbacksBefore);

    // Fill every required field and submit.
    await form.locator('[data-kind="input"] input, [data-kind="input"] textarea').first().fill('3');
    const multi = form.locator('[data-kind="multi_select"] select').first();
    await multi.selectOption({ index: 0 });
    const localDay = new Date((await stateOf(page)).now + 8 * 3600_000).toISOString().slice(0, 10);
    await form.locator('[data-kind="date"] input').first().fill(localDay);
    await submit.click();
    const confirmDialog = page.locator('#confirm-dialog[open]');
    if (await confirmDialog.count()) await page.click('#confirm-ok');
    await expect.poll(() => toastText(page, 'success').textContent(), { timeout: 10_000 }).toContain('已提交「已核实」');
    await expect.poll(() => digest.locator('.lk-card-title').first().textContent(), { timeout: 10_000 }).toContain('精准识别');
    await shot(page, 'officer-submitted');
    const c = await db.case.findUniqueOrThrow({ where: { id: timer.caseId! } });
    expect(c.state).toBe('classifying');
    await page.close();
  });

  it('a county supervisor acknowledges an escalation in the inspection group; a stranger’s click is refused', async () => {
    const escalations = await db.escalation.findMany({ where: { status: 'open', target: 'inspection_group' }, orderBy: { id: 'asc' } });
    expect(escalations.length).toBeGreaterThan(0);
    const chat = await db.chat.findUniqueOrThrow({ where: { chatId: escalations[0]!.chatId! }, include: { region: true } });
    const supervisor = await db.person.findFirstOrThrow({ where: { role: 'supervisor', regionId: chat.regionId } });

    const page = await browser.newPage({ viewport: { width: 1400, height: 900 }, ...zh });
    // A stranger (in the group, not on the roster) tries 督办 first: refused with a toast.
    await openAs(page, '群成员（未登记）');
    await openChat(page, chat.name!);
    const ackButtons = page.locator('#messages button[data-action="button"]', { hasText: '督办' });
    await expect.poll(() => ackButtons.count(), { timeout: 10_000 }).toBeGreaterThan(0);
    await ackButtons.first().click();
    if (await page.locator('#confirm-dialog[open]').count()) await page.click('#confirm-ok');
    await expect.poll(() => toastText(page, 'error').textContent(), { timeout: 10_000 }).toMatch(/名册|无权|不能|没有/);
    await shot(page, 'stranger-refused');
    expect(await db.escalation.count({ where: { status: 'acknowledged' } })).toBe(0);

    // The county supervisor acknowledges it: success toast, the card updated in place.
    await openAs(page, supervisor.name);
    await openChat(page, chat.name!);
    const card = page.locator('#messages .msg-card', { has: page.locator('button', { hasText: '督办' }) }).first();
    const messageId = await card.getAttribute('data-message-id');
    await card.locator('button', { hasText: '督办' }).first().click();
    if (await page.locator('#confirm-dialog[open]').count()) await page.click('#confirm-ok');
    await expect.poll(() => toastText(page, 'success').textContent(), { timeout: 10_000 }).toBeTruthy();
    await expect.poll(() => db.escalation.count({ where: { status: 'acknowledged' } })).toBeGreaterThan(0);
    const updated = page.locator(`[data-message-id="${messageId}"]`);
    await expect.poll(() => updated.textContent(), { timeout: 15_000 }).toContain(supervisor.name);
    await shot(page, 'supervisor-acknowledged');
    await page.close();
  });

  it('works on a phone-sized screen: chat list, then the conversation, a typed command and its answer, then the simulator panel', async () => {
    const officer = await db.person.findFirstOrThrow({ where: { role: 'officer', households: { some: {} } }, orderBy: { id: 'asc' } });
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      deviceScaleFactor: 2,
      ...zh,
    });
    const page = await context.newPage();
    await openAs(page, officer.name);
    await expect(page.locator('#chats').isVisible()).resolves.toBe(true);
    await expect(page.locator('#conversation').isVisible()).resolves.toBe(false);
    await shot(page, 'phone-chats');
    await openChat(page, '私聊');
    await expect(page.locator('#conversation').isVisible()).resolves.toBe(true);
    const replies = await page.locator('#messages .msg').count();
    await page.fill('#composer-text', '我的');
    await page.click('#composer button[type="submit"]');
    await expect.poll(() => page.locator('#messages .msg').count(), { timeout: 15_000 }).toBeGreaterThanOrEqual(replies + 2);
    const last = page.locator('#messages .msg').last();
    await expect.poll(() => last.getAttribute('class')).toContain('msg-card');
    // Nothing wider than the phone.
    const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
    expect(overflow).toBeLessThanOrEqual(0);
    const cardWidth = await last.locator('.lk-card').evaluate((el) => el.getBoundingClientRect().right);
    expect(cardWidth).toBeLessThanOrEqual(390);
    await shot(page, 'phone-conversation');
    await page.click('#panel-toggle');
    await expect(page.locator('#panel').isVisible()).resolves.toBe(true);
    await expect.poll(() => page.locator('#panel-calls').textContent()).toContain('/im/v1/messages');
    await shot(page, 'phone-panel');
    await context.close();
  });

  it('shows injected faults in the panel and the bot still delivers through them', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 }, ...zh });
    const officer = await db.person.findFirstOrThrow({ where: { role: 'officer' }, orderBy: { id: 'desc' } });
    await openAs(page, officer.name);
    // 20 % (the rate): each failed send waits 1–2, 2–4, 4–8 … s before the next, so at 40 %
    // four failures in a row (2.6 % of runs) outlasted the wait below.
    await page.fill('#faults-form input[name="status5xx"]', '20');
    await page.click('#faults-form button[type="submit"]');
    await expect.poll(() => page.locator('#panel-faults').textContent()).toContain('5xx 20%');
    await openChat(page, '私聊');
    const before = await page.locator('#messages .msg').count();
    await page.fill('#composer-text', '帮助');
    await page.click('#composer button[type="submit"]');
    await expect.poll(() => page.locator('#messages .msg').count(), { timeout: 60_000 }).toBeGreaterThanOrEqual(before + 2);
    await shot(page, 'faults-delivered');
    await page.click('#faults-clear');
    await expect.poll(() => page.locator('#panel-faults').textContent()).toContain('未注入故障');
    await page.close();
  }, 90_000);
});

interface PageState {
  now: number;
  panel: { callbacks: unknown[] };
}
async function stateOf(page: Page): Promise<PageState> {
  return page.evaluate(async () => (await fetch('/sandbox/api/state')).json() as Promise<PageState>);
}
