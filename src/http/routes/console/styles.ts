// The console's stylesheet (inline in every page: no other request, no CDN). Phone first: one
// column under 760 px, wide tables scroll inside their card, never the page.
export const consoleCss = `
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font:15px/1.55 -apple-system,BlinkMacSystemFont,"PingFang SC","Hiragino Sans GB","Microsoft YaHei","Noto Sans CJK SC","WenQuanYi Zen Hei",sans-serif;color:#1f2329;background:#f5f6f7}
a{color:#3370ff;text-decoration:none}a:hover{text-decoration:underline}
header.top{background:#fff;border-bottom:1px solid #dee0e3;padding:8px 16px;display:flex;flex-wrap:wrap;gap:6px 18px;align-items:center}
.brand{font-weight:700;font-size:17px;color:#1f2329}.brand small{font-weight:400;color:#8f959e;font-size:12px;margin-left:6px}
nav.tabs{display:flex;flex-wrap:wrap;gap:4px}nav.tabs a{padding:4px 10px;border-radius:6px;color:#1f2329}nav.tabs a.active{background:#e1eaff;color:#245bdb;font-weight:600}
.who{margin-left:auto;display:flex;flex-wrap:wrap;gap:6px;align-items:center;font-size:13px;color:#646a73}
.who form{margin:0}
main{max-width:1120px;margin:0 auto;padding:12px}
h1{font-size:20px;margin:6px 0 12px}h2{font-size:16px;margin:0 0 10px}
.card{background:#fff;border:1px solid #dee0e3;border-radius:10px;padding:12px 14px;margin-bottom:12px;min-width:0}
.muted{color:#8f959e;font-size:13px}.notice{background:#fff7e8;border:1px solid #ffd591;border-radius:8px;padding:8px 12px;margin-bottom:12px}
.tiles{display:grid;grid-template-columns:repeat(auto-fit,minmax(128px,1fr));gap:8px;margin-bottom:12px}
.tile{background:#fff;border:1px solid #dee0e3;border-radius:10px;padding:10px 12px}
.tile .n{font-size:24px;font-weight:700;font-variant-numeric:tabular-nums}.tile .l{font-size:13px;color:#646a73}
.tile.ok .n{color:#2ea121}.tile.risk .n{color:#de7802}.tile.late .n{color:#d83931}
.cols{display:grid;grid-template-columns:minmax(0,1fr);gap:12px}
@media (min-width:900px){.cols{grid-template-columns:minmax(0,1fr) minmax(0,1fr)}}
.table-wrap{overflow-x:auto;-webkit-overflow-scrolling:touch}
table{border-collapse:collapse;width:100%;font-size:14px}
th,td{padding:6px 8px;border-bottom:1px solid #eff0f1;text-align:left;vertical-align:top}
th{font-weight:600;color:#646a73;font-size:13px;white-space:nowrap}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
tr.total td{font-weight:700;border-top:2px solid #dee0e3}
.late{color:#d83931}.risk{color:#de7802}.ok{color:#2ea121}
form.filters{display:flex;flex-wrap:wrap;gap:8px 10px;align-items:flex-end}
form.filters label{display:flex;flex-direction:column;gap:2px;font-size:13px;color:#646a73;min-width:0;max-width:100%}
form.filters label.check{flex-direction:row;align-items:center;gap:6px;padding-bottom:6px}
input,select,button{font:inherit;font-size:14px;padding:6px 8px;border:1px solid #d0d3d6;border-radius:6px;background:#fff;color:#1f2329;max-width:100%}
button{cursor:pointer}
button.primary{background:#3370ff;border-color:#3370ff;color:#fff}
button.link{border:none;background:none;color:#3370ff;padding:2px 4px}
svg.chart{display:block;width:100%;height:auto;max-width:640px;margin:0 auto}
.chart-box{position:relative;width:100%;max-width:640px;height:280px;margin:0 auto;overflow:hidden}
.chart-box .chart-fallback,.chart-box svg.chart{width:100%;height:100%;max-width:none}
dl.facts{display:grid;grid-template-columns:max-content minmax(0,1fr);gap:4px 14px;margin:0}
dl.facts dt{color:#646a73}dl.facts dd{margin:0;overflow-wrap:anywhere}
ol.timeline{list-style:none;margin:0;padding:0}
ol.timeline li{border-left:2px solid #dee0e3;padding:0 0 12px 12px;position:relative}
ol.timeline li::before{content:"";position:absolute;left:-6px;top:6px;width:10px;height:10px;border-radius:50%;background:#3370ff}
ol.timeline .when{font-size:13px;color:#8f959e}ol.timeline .what{font-weight:600}
ol.timeline .detail{font-size:13px;color:#646a73;overflow-wrap:anywhere}
.pager{display:flex;gap:12px;align-items:center;justify-content:center;margin-top:10px;flex-wrap:wrap}
.roster h2{margin-top:14px}
.people{display:grid;grid-template-columns:repeat(auto-fill,minmax(210px,1fr));gap:8px}
.people button{width:100%;text-align:left;padding:10px 12px;background:#fff;border:1px solid #dee0e3;border-radius:8px}
.people button:hover{border-color:#3370ff}
.people .r{display:block;color:#8f959e;font-size:12px}
.badge{display:inline-block;font-size:12px;padding:0 6px;border-radius:4px;background:#eff0f1;color:#646a73;white-space:nowrap}
.badge.late{background:#fde2e2;color:#d83931}.badge.risk{background:#feead2;color:#de7802}.badge.ok{background:#d9f5d6;color:#2ea121}
@media (max-width:600px){
  main{padding:8px}
  th,td{padding:5px 5px;font-size:13px}
  .hide-sm{display:none}
  .who{margin-left:0;width:100%}
  form.filters>label{flex:1 1 40%}
}
`;
