// The console's charts: each is a VChart spec (src/core/charts/chart-spec.ts, the same format a Lark
// card's chart component takes) drawn by the VChart library in the browser. A chart's container
// carries the spec as JSON and the server-drawn SVG (render-chart-svg.ts) as the fallback: without
// scripts, or if VChart fails, the SVG stays. The page's one inline script (allowed by the
// response's CSP nonce, see respond.ts) renders every spec into its container after the library
// (served from this site, library-assets.ts) has loaded.
import type { ChartSpec } from '../../../core/charts/chart-spec.ts';
import { html, raw, type SafeHtml } from './html.ts';
import { vchartAsset } from './library-assets.ts';
import { renderChartSvg } from './render-chart-svg.ts';

/**
 * JSON that is safe inside `<script type="application/json">`: `<`, `>` and `&` (so no `</script>`
 * or `<!--` can end the block) and the line separators are escaped as \\u sequences, which
 * JSON.parse reads back as the same characters.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** One chart: its container with the spec as JSON and the SVG fallback; `id` is unique in the page. */
export function chartBlock(spec: ChartSpec, id: string): SafeHtml {
  const title = spec.title?.visible === false ? '' : (spec.title?.text ?? '');
  return html`<div class="chart-box" data-chart="${id}" role="figure" aria-label="${title || '图表'}">
    <script type="application/json" data-chart-spec>
      ${raw(jsonForScript(spec))}
    </script>
    <div class="chart-fallback">${raw(renderChartSvg(spec, { id }))}</div>
  </div>`;
}

/**
 * The VChart library and the inline script (with the page's CSP `nonce`) that draws every
 * `.chart-box` of the page; each drawn container gets `data-rendered`, and the body
 * `data-charts="done"` once all were tried.
 */
export function chartScripts(nonce: string): SafeHtml {
  const draw = `document.addEventListener('DOMContentLoaded', function () {
  var boxes = document.querySelectorAll('.chart-box[data-chart]');
  var lib = window.VChart;
  var Chart = lib && (lib.default || lib.VChart);
  for (var i = 0; Chart && i < boxes.length; i++) {
    var box = boxes[i];
    var fallback = box.querySelector('.chart-fallback');
    try {
      var spec = JSON.parse(box.querySelector('script[data-chart-spec]').textContent);
      if (fallback) fallback.remove();
      new Chart(spec, { dom: box, mode: 'desktop-browser', animation: false }).renderSync();
      box.setAttribute('data-rendered', '');
    } catch (error) {
      if (fallback && !fallback.isConnected) { box.textContent = ''; box.appendChild(fallback); }
      box.setAttribute('data-chart-error', error && error.message ? error.message : String(error));
    }
  }
  document.body.setAttribute('data-charts', 'done');
});`;
  return html`<script src="${vchartAsset.url}" defer></script>
    <script nonce="${nonce}">
      ${raw(draw)};
    </script>`;
}
