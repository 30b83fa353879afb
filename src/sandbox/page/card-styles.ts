// CSS for the cards renderCardHtml draws, close to the Lark client: a white card with rounded corners
// and a light border, a tinted header per template, buttons per type (lark-platform.md §3.5),
// full-width inputs. Everything is scoped under .lk-card (the page styles bare buttons and .mention)
// and fits a 360 px phone: nothing wider than the card, long words break, column sets wrap.

/** Header template → [background, accent] (Lark's light header tints). */
const templates: Record<string, [string, string]> = {
  blue: ['#e1eaff', '#245bdb'],
  wathet: ['#d9f3fd', '#037eaa'],
  turquoise: ['#d5f6f2', '#078372'],
  green: ['#d9f5d6', '#237b19'],
  yellow: ['#faf1d1', '#aa7803'],
  orange: ['#feead2', '#b26206'],
  red: ['#fde2e2', '#d83931'],
  carmine: ['#fddcef', '#c71077'],
  violet: ['#f8def8', '#a018a0'],
  purple: ['#ece2fe', '#6425d0'],
  indigo: ['#e0e2fb', '#2b2f94'],
  grey: ['#eff0f1', '#51565d'],
};

/** Tag / font colour → [background, text]. */
const colors: Record<string, [string, string]> = {
  neutral: ['#eff0f1', '#51565d'],
  grey: ['#eff0f1', '#8f959e'],
  blue: ['#e1eaff', '#3370ff'],
  wathet: ['#d9f3fd', '#049fd7'],
  turquoise: ['#d5f6f2', '#078372'],
  lime: ['#eef6c6', '#667901'],
  green: ['#d9f5d6', '#2ea121'],
  yellow: ['#faf1d1', '#aa7803'],
  orange: ['#feead2', '#de7802'],
  red: ['#fde2e2', '#f54a45'],
  carmine: ['#fddcef', '#e01a82'],
  violet: ['#f8def8', '#b620b6'],
  purple: ['#ece2fe', '#7f3bf5'],
  indigo: ['#e0e2fb', '#4954e6'],
};

const templateRules = Object.entries(templates)
  .map(([t, [bg, accent]]) => `.lk-tpl-${t}{background:${bg}}.lk-tpl-${t} .lk-card-title{color:${accent}}`)
  .join('\n');

const colorRules = Object.entries(colors)
  .map(([c, [bg, fg]]) => `.lk-card .lk-tag-${c}{background:${bg};color:${fg}}.lk-card .font-${c}{color:${fg}}`)
  .join('\n');

export const cardStyles = `
.lk-card{box-sizing:border-box;display:block;width:520px;max-width:100%;background:#fff;border:1px solid #dee0e3;border-radius:8px;overflow:hidden;color:#1f2329;font-size:14px;line-height:1.57;text-align:left;overflow-wrap:anywhere;word-break:normal}
.lk-card *,.lk-card *::before,.lk-card *::after{box-sizing:border-box}
.lk-card-invalid{padding:12px 16px;color:#8f959e}
.lk-card-header{padding:12px 16px;background:#fff;border-bottom:1px solid rgba(31,35,41,.08)}
.lk-card-title-row{display:flex;flex-wrap:wrap;align-items:center;gap:4px 8px;min-width:0}
.lk-card-title{font-size:16px;font-weight:600;line-height:24px;min-width:0;max-width:100%}
.lk-card-subtitle{margin-top:2px;font-size:12px;color:#646a73}
${templateRules}
.lk-card-body,.lk-form,.lk-column,.lk-panel-body{display:flex;flex-direction:column;gap:8px;min-width:0;max-width:100%}
.lk-card-body{padding:12px 16px 16px}
.lk-card-body>.lk-btn,.lk-form>.lk-btn,.lk-column>.lk-btn,.lk-panel-body>.lk-btn,.lk-card-body>.lk-tag,.lk-form>.lk-tag,.lk-column>.lk-tag,.lk-panel-body>.lk-tag{align-self:flex-start}
.lk-form{margin:0;padding:0;border:0}
.lk-md,.lk-text{min-width:0;max-width:100%}
.lk-md p{margin:0}
.lk-md p+p,.lk-md p+ul,.lk-md p+ol,.lk-md ul+p,.lk-md ol+p{margin-top:6px}
.lk-md ul,.lk-md ol{margin:0;padding-left:20px}
.lk-md h1,.lk-md h2,.lk-md h3,.lk-md h4,.lk-md h5,.lk-md h6{margin:4px 0;font-size:16px;line-height:24px}
.lk-md h1{font-size:20px;line-height:28px}.lk-md h2{font-size:18px;line-height:26px}
.lk-md a{color:#3370ff;text-decoration:none}.lk-md a:hover{text-decoration:underline}
.lk-md code{background:#f2f3f5;border-radius:4px;padding:0 4px;font-size:13px}
.lk-md pre{margin:0;padding:8px;background:#f5f6f7;border-radius:6px;white-space:pre-wrap;overflow-wrap:anywhere;max-width:100%}
.lk-md pre code{background:none;padding:0}
.lk-md blockquote{margin:0;padding-left:10px;border-left:3px solid #dee0e3;color:#646a73}
.lk-md table{display:block;max-width:100%;overflow-x:auto;border-collapse:collapse}
.lk-md th,.lk-md td{border:1px solid #dee0e3;padding:2px 6px}
.lk-md hr{border:0;border-top:1px solid #dee0e3}
.lk-md-img{color:#8f959e}
.lk-card .mention{color:#3370ff;font-size:inherit;white-space:normal}
.lk-hr{width:100%;margin:4px 0;border:0;border-top:1px solid #dee0e3}
.lk-columns{display:flex;flex-wrap:wrap;gap:8px 12px;min-width:0;max-width:100%}
.lk-valign-top{justify-content:flex-start}.lk-valign-center{justify-content:center}.lk-valign-bottom{justify-content:flex-end}
.lk-tag{display:inline-block;max-width:100%;padding:0 6px;border-radius:4px;font-size:12px;line-height:20px;font-weight:500;vertical-align:middle}
${colorRules}
.lk-img{display:flex;align-items:center;justify-content:center;min-height:96px;max-width:100%;padding:8px;border-radius:6px;background:#f2f3f5;color:#8f959e;font-size:12px;text-align:center}
.lk-card .lk-btn{display:inline-block;max-width:100%;margin:0;padding:4px 12px;border:1px solid #d0d3d6;border-radius:6px;background:#fff;color:#1f2329;font:inherit;font-size:14px;line-height:22px;text-align:center;overflow-wrap:anywhere;cursor:pointer}
.lk-card .lk-btn:hover{background:#f2f3f5}
.lk-card .lk-btn-primary{border-color:#3370ff;color:#3370ff}.lk-card .lk-btn-primary:hover{background:#f0f4ff}
.lk-card .lk-btn-danger{border-color:#f54a45;color:#f54a45}.lk-card .lk-btn-danger:hover{background:#fef1f1}
.lk-card .lk-btn-text,.lk-card .lk-btn-primary_text,.lk-card .lk-btn-danger_text{border-color:transparent;background:transparent;padding-left:4px;padding-right:4px}
.lk-card .lk-btn-primary_text{color:#3370ff}.lk-card .lk-btn-danger_text{color:#f54a45}
.lk-card .lk-btn-primary_filled{border-color:#3370ff;background:#3370ff;color:#fff}.lk-card .lk-btn-primary_filled:hover{background:#245bdb}
.lk-card .lk-btn-danger_filled{border-color:#f54a45;background:#f54a45;color:#fff}.lk-card .lk-btn-danger_filled:hover{background:#d83931}
.lk-card .lk-btn-laser{border-color:#b5a4ff;background:linear-gradient(90deg,#e8f0ff,#f3e8ff);color:#5b3ee0}
.lk-card .lk-btn:disabled{opacity:.45;cursor:not-allowed;background:#fff}
.lk-field{display:flex;flex-direction:column;gap:4px;min-width:0;max-width:100%}
.lk-label{font-size:14px;color:#1f2329}
.lk-card .lk-input{display:block;width:100%;max-width:100%;min-width:0;margin:0;padding:5px 10px;border:1px solid #d0d3d6;border-radius:6px;background:#fff;color:#1f2329;font:inherit;font-size:14px;line-height:22px}
.lk-card textarea.lk-input{resize:vertical}
.lk-card select[multiple].lk-input{padding:4px}
.lk-card .lk-input:focus{outline:none;border-color:#3370ff;box-shadow:0 0 0 2px rgba(51,112,255,.15)}
.lk-card .lk-input:disabled{background:#f5f6f7;color:#8f959e}
.lk-field-invalid .lk-input{border-color:#f54a45}
.lk-field-error{color:#f54a45;font-size:12px;line-height:18px}
.lk-panel{border:1px solid #dee0e3;border-radius:6px;min-width:0;max-width:100%}
.lk-panel-title{padding:6px 10px;cursor:pointer;font-weight:500}
.lk-panel-body{padding:0 10px 10px}
.lk-unknown{padding:4px 8px;border:1px dashed #d0d3d6;border-radius:4px;color:#8f959e;font-size:12px}
@media (max-width:420px){
.lk-card-header{padding:10px 12px}
.lk-card-body{padding:10px 12px 12px}
.lk-column{min-width:min(100%,8em)}
}
`;
