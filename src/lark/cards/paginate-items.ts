// Splits a long list over several cards (第 1/3 页) so that every card stays within Lark's limits:
// each page takes as many items as still fit (found by binary search), at most `maxPerPage`.
import { AppError } from '../../core/app-error.ts';
import type { Card } from './card-json.ts';
import { fitsLimits, measureCard } from './measure-card.ts';

export interface Page {
  /** 1-based. */
  index: number;
  count: number;
}

export type RenderPage<T> = (items: readonly T[], page: Page) => Card;

// Pages are measured with a wide page label, so the final "第 1/3 页" can only be shorter.
const probe: Page = { index: 9999, count: 9999 };

export function paginateItems<T>(items: readonly T[], renderPage: RenderPage<T>, maxPerPage = Number.POSITIVE_INFINITY): Card[] {
  if (items.length === 0) return [renderPage([], { index: 1, count: 1 })];
  const slices: (readonly T[])[] = [];
  for (let start = 0; start < items.length;) {
    const take = largestFit(items, start, Math.min(items.length - start, maxPerPage), renderPage);
    slices.push(items.slice(start, start + take));
    start += take;
  }
  return slices.map((slice, i) => renderPage(slice, { index: i + 1, count: slices.length }));
}

/** Page label for a header: "" for a single page, else "（第 1/3 页）". */
export function pageLabel(page: Page): string {
  return page.count > 1 ? `（第 ${page.index}/${page.count} 页）` : '';
}

function largestFit<T>(items: readonly T[], start: number, most: number, renderPage: RenderPage<T>): number {
  const fits = (n: number) => fitsLimits(measureCard(renderPage(items.slice(start, start + n), probe)));
  if (!fits(1)) throw new AppError('invalid_argument', '单个条目的卡片就已超过飞书卡片的大小限制（200 个组件或 30 KB）：请缩短条目内容');
  let lo = 1;
  let hi = most;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (fits(mid)) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
