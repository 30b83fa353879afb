// Layout of the /sandbox page: three panes side by side on a desktop, one at a time on a phone
// (body[data-view] says which), like the Lark client. Card styles live in card-styles.ts.
export const pageStyles = `
*{box-sizing:border-box}
html,body{margin:0;height:100%}
body{font:14px/1.5 -apple-system,BlinkMacSystemFont,"PingFang SC","Noto Sans CJK SC","Microsoft YaHei",sans-serif;color:#1f2329;background:#f2f3f5;display:flex;flex-direction:column;overflow:hidden}
button{font:inherit;cursor:pointer;border:1px solid #d0d3d6;background:#fff;border-radius:6px;padding:4px 10px}
button.primary{background:#3370ff;border-color:#3370ff;color:#fff}
button:disabled{opacity:.5;cursor:default}
select,input{font:inherit}
.topbar{display:flex;flex-wrap:wrap;align-items:center;gap:8px 14px;padding:8px 12px;background:#fff;border-bottom:1px solid #dee0e3}
.brand{font-weight:600}.brand small{margin-left:6px;font-weight:400;color:#646a73}
.acting select{max-width:260px;margin-left:4px}
.clock{font-variant-numeric:tabular-nums;color:#245bdb;font-weight:600}
.travel{display:flex;flex-wrap:wrap;gap:6px}
.panel-toggle{margin-left:auto}
.layout{flex:1;display:flex;min-height:0}
.chats{width:260px;flex:none;background:#fff;border-right:1px solid #dee0e3;overflow-y:auto}
.chat-item{display:block;width:100%;text-align:left;border:0;border-bottom:1px solid #f0f1f2;border-radius:0;padding:10px 12px;background:#fff}
.chat-item[aria-current="true"]{background:#e1eaff}
.chat-item .name{font-weight:600;display:flex;justify-content:space-between;gap:6px}
.chat-item .name small{font-weight:400;color:#8f959e}
.chat-item .preview{color:#646a73;font-size:12px;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.chat-kind{font-size:11px;color:#3370ff;border:1px solid #b6cbff;border-radius:3px;padding:0 3px;margin-right:4px;font-weight:400}
.conversation{flex:1;display:flex;flex-direction:column;min-width:0}
.conv-header{display:flex;align-items:center;gap:8px;padding:10px 14px;background:#fff;border-bottom:1px solid #dee0e3;font-weight:600}
.back{display:none}
.messages{flex:1;overflow-y:auto;padding:14px;display:flex;flex-direction:column;gap:14px}
.msg{display:flex;flex-direction:column;max-width:min(640px,100%);align-self:flex-start}
.msg.mine{align-self:flex-end;align-items:flex-end}
.msg .meta{font-size:12px;color:#8f959e;margin-bottom:3px}
.msg .meta .edited,.msg .meta .urgent{margin-left:6px}
.msg .meta .urgent{color:#f54a45}
.bubble{background:#fff;border-radius:8px;padding:8px 12px;overflow-wrap:anywhere}
.msg.mine .bubble{background:#cce0ff}
.older{align-self:center;font-size:12px}
.empty{color:#8f959e;text-align:center;margin-top:40px}
.composer{display:flex;gap:8px;align-items:center;padding:10px;background:#fff;border-top:1px solid #dee0e3}
.composer input[name=text]{flex:1;min-width:0;padding:6px 8px;border:1px solid #d0d3d6;border-radius:6px}
.mention{white-space:nowrap;font-size:12px;color:#3370ff}
.panel{width:340px;flex:none;background:#fff;border-left:1px solid #dee0e3;overflow-y:auto;padding:0 12px 20px;font-size:12px}
body.panel-hidden .panel{display:none}
.panel h2{font-size:13px;margin:14px 0 6px}
.panel table{width:100%;border-collapse:collapse}
.panel td,.panel th{border-bottom:1px solid #f0f1f2;padding:2px 4px;text-align:left;vertical-align:top;overflow-wrap:anywhere}
.panel .bad{color:#f54a45}.panel .ok{color:#34c724}.muted{color:#8f959e}
.meter{height:6px;background:#f0f1f2;border-radius:3px;overflow:hidden;margin:2px 0 6px}.meter>i{display:block;height:100%;background:#3370ff}
.faults label{display:block;margin:3px 0}.faults input{width:60px}
.row{display:flex;gap:6px;flex-wrap:wrap;margin-top:6px}
.toasts{position:fixed;top:64px;left:50%;transform:translateX(-50%);display:flex;flex-direction:column;gap:8px;z-index:10;pointer-events:none;max-width:90vw}
.toast{padding:8px 16px;border-radius:8px;background:#fff;box-shadow:0 4px 14px rgba(0,0,0,.15);border-left:4px solid #3370ff}
.toast-success{border-color:#34c724}.toast-error{border-color:#f54a45}.toast-warning{border-color:#ff8800}
dialog{border:0;border-radius:10px;padding:18px 20px;max-width:min(420px,90vw);box-shadow:0 8px 30px rgba(0,0,0,.25)}
dialog h3{margin:0 0 8px;font-size:16px}
@media (max-width:760px){
  .topbar{padding:6px 8px;gap:6px}
  .brand small,.panel-toggle{font-size:12px}
  .acting select{max-width:170px}
  .travel button{padding:2px 6px;font-size:12px}
  .chats,.conversation,.panel{display:none;width:100%;border:0}
  body[data-view="chats"] .chats{display:block}
  body[data-view="conversation"] .conversation{display:flex}
  body[data-view="panel"] .panel{display:block}
  body.panel-hidden[data-view="panel"] .panel{display:block}
  .back{display:inline-block}
  .messages{padding:10px 8px}
}
`;
