/**
 * The workspace's one stylesheet: system fonts, one accent, light and dark from the reader's
 * setting. Contrast of every text colour is at least 4.5:1 on its background (axe checks it).
 */
export const WORKSPACE_CSS = `
:root{color-scheme:light dark;--bg:#f7f7f5;--panel:#fff;--text:#1b1b1f;--muted:#595961;--line:#dcdcd8;--accent:#1f5fbf;--accent-text:#fff;--ok:#17663a;--warn:#8a4b00;--bad:#a11d2b;--chip:#eeeeea;--focus:#1f5fbf}
@media (prefers-color-scheme:dark){:root{--bg:#131316;--panel:#1c1c21;--text:#ececef;--muted:#a9a9b3;--line:#34343c;--accent:#8ab4ff;--accent-text:#0d1320;--ok:#6fd39a;--warn:#f0b35c;--bad:#ff8f9a;--chip:#2a2a31;--focus:#8ab4ff}}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:var(--bg);color:var(--text);font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
a{color:var(--accent)}
:focus-visible{outline:3px solid var(--focus);outline-offset:2px}
.skip{position:absolute;left:-9999px;top:0}
.skip:focus{left:8px;top:8px;background:var(--panel);padding:8px 12px;z-index:10}
.top{background:var(--panel);border-bottom:1px solid var(--line)}
.top-in{max-width:1120px;margin:0 auto;padding:10px 20px;display:flex;flex-wrap:wrap;gap:8px 20px;align-items:center}
.brand{font-weight:700;font-size:18px;letter-spacing:-.01em;color:var(--text);text-decoration:none;margin-right:8px}
.brand span{color:var(--accent)}
nav ul{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:2px 4px}
nav a{display:block;padding:6px 10px;border-radius:6px;color:var(--text);text-decoration:none}
nav a:hover{background:var(--chip)}
nav a[aria-current=page]{background:var(--chip);font-weight:600}
.who{margin-left:auto;display:flex;gap:10px;align-items:center;color:var(--muted);font-size:14px}
main{max-width:1120px;margin:0 auto;padding:24px 20px 64px}
h1{font-size:28px;line-height:1.2;margin:0 0 6px;letter-spacing:-.015em}
h2{font-size:20px;margin:28px 0 10px}
h3{font-size:16px;margin:16px 0 6px}
.lead{color:var(--muted);margin:0 0 20px;max-width:62ch}
.panel{background:var(--panel);border:1px solid var(--line);border-radius:10px;padding:18px}
label{display:block;font-weight:600;margin:0 0 6px}
.hint{color:var(--muted);font-size:14px;margin:4px 0 0;font-weight:400}
input[type=text],input[type=password],input[type=search],input[type=datetime-local],select,textarea{width:100%;font:inherit;color:var(--text);background:var(--panel);border:1px solid var(--muted);border-radius:6px;padding:8px 10px}
textarea{min-height:8em;resize:vertical}
textarea.code,pre{font:13px/1.45 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
.field{margin:0 0 14px}
.row{display:flex;flex-wrap:wrap;gap:10px;align-items:flex-end}
.row>.grow{flex:1 1 220px}
button,.button{font:inherit;font-weight:600;display:inline-flex;align-items:center;gap:6px;padding:8px 14px;border-radius:6px;border:1px solid var(--accent);background:var(--accent);color:var(--accent-text);cursor:pointer;text-decoration:none;min-height:40px}
button.secondary,.button.secondary{background:transparent;color:var(--accent)}
button.danger{background:var(--bad);border-color:var(--bad);color:#fff}
@media (prefers-color-scheme:dark){button.danger{color:#1c0a0d}}
button.link{background:none;border:none;color:var(--accent);padding:0;min-height:0;text-decoration:underline;font-weight:500}
.actions{display:flex;flex-wrap:wrap;gap:8px;margin:12px 0}
.chip{display:inline-block;padding:1px 8px;border-radius:999px;background:var(--chip);font-size:13px;font-weight:600}
.s-live{color:var(--ok)}.s-removed{color:var(--bad)}.s-unknown{color:var(--warn)}.s-hidden{color:var(--muted)}
.notice{border-left:4px solid var(--accent);background:var(--panel);padding:10px 14px;border-radius:6px;margin:0 0 16px}
.notice.bad{border-color:var(--bad)}.notice.ok{border-color:var(--ok)}
.muted{color:var(--muted)}
.small{font-size:14px}
.grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(240px,1fr));gap:14px;list-style:none;padding:0;margin:0}
.card{background:var(--panel);border:1px solid var(--line);border-radius:10px;overflow:hidden;display:flex;flex-direction:column}
.card a.title{display:block;padding:10px 12px 0;font-weight:600;color:var(--text);text-decoration:none;overflow-wrap:anywhere}
.card a.title:hover{text-decoration:underline}
.card .thumb{aspect-ratio:1/1;width:100%;height:auto;object-fit:cover;background:var(--chip);display:block}
.card .noimg{aspect-ratio:1/1;display:flex;align-items:center;justify-content:center;background:var(--chip);color:var(--muted);font-size:14px}
.card .meta{padding:4px 12px 12px;font-size:14px;color:var(--muted);overflow-wrap:anywhere}
.caption-text,.card .cap{white-space:pre-line}
.card .cap{display:-webkit-box;-webkit-line-clamp:2;-webkit-box-orient:vertical;overflow:hidden;margin:4px 0 0;color:var(--text)}
.filters{display:flex;flex-wrap:wrap;gap:10px;align-items:flex-end;margin:0 0 18px}
.filters .grow{flex:1 1 260px}
.results{list-style:none;padding:0;margin:18px 0 0;display:grid;gap:14px;grid-template-columns:minmax(0,1fr)}
.result{background:var(--panel);border:1px solid var(--line);border-radius:10px;padding:14px 16px;overflow-wrap:anywhere;min-width:0}
.result .url{font:13px/1.4 ui-monospace,Menlo,monospace;overflow-wrap:anywhere;color:var(--muted)}
.outcome{font-weight:700;margin:4px 0}
.outcome.ok{color:var(--ok)}.outcome.bad{color:var(--bad)}.outcome.warn{color:var(--warn)}.outcome.busy{color:var(--muted)}
.two{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr);gap:16px}
@media (max-width:760px){.two{grid-template-columns:minmax(0,1fr)}}
.frame{width:100%;max-width:540px;border:0;display:block;background:transparent}
.frames{display:flex;flex-wrap:wrap;gap:16px}
.frames figure{margin:0;flex:1 1 300px;max-width:540px}
.frames figcaption{font-size:14px;color:var(--muted);margin:0 0 6px}
table{border-collapse:collapse;width:100%;font-size:14px}
th,td{text-align:left;vertical-align:top;padding:8px 10px;border-bottom:1px solid var(--line);overflow-wrap:anywhere}
th{font-weight:600;color:var(--muted)}
.table-wrap{overflow-x:auto;background:var(--panel);border:1px solid var(--line);border-radius:10px}
details{margin:10px 0}
summary{cursor:pointer;font-weight:600;padding:4px 0}
.snippets textarea{min-height:5em}
.cite{font-size:14px;color:var(--muted);overflow-wrap:anywhere;margin:8px 0 0}
dialog{border:1px solid var(--line);border-radius:12px;background:var(--panel);color:var(--text);padding:20px;max-width:min(520px,calc(100vw - 24px));width:100%}
dialog::backdrop{background:rgb(0 0 0 / .45)}
dialog h2{margin-top:0}
.pager{display:flex;justify-content:space-between;margin:18px 0 0}
.progress{color:var(--muted);font-size:14px;margin:8px 0 0;min-height:1.5em}
.key{font:15px/1.4 ui-monospace,Menlo,monospace;background:var(--chip);padding:8px 10px;border-radius:6px;overflow-wrap:anywhere;user-select:all}
.changes{margin:4px 0 0;padding-left:18px}
.sign-in{max-width:420px;margin:40px auto}
.inline-form{display:inline}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
@media (max-width:520px){main{padding:16px 14px 48px}.top-in{padding:8px 14px}h1{font-size:23px}.who{margin-left:0;width:100%;justify-content:space-between}}
`;
