/**
 * GET /api/manage/app.css. Colours meet WCAG AA: text at least 4.5:1 on its background (ink #1a1a1a,
 * muted #4a4a4a, accent #0b5cad, error #a4262c on white or #f4f5f7), control borders at least 3:1;
 * every focusable element has a visible 3px focus ring.
 */
export const APP_CSS = `
:root{color-scheme:light;--ink:#1a1a1a;--muted:#4a4a4a;--accent:#0b5cad;--error:#a4262c;--border:#6b7078;--rule:#d0d4da}
*{box-sizing:border-box}
[hidden]{display:none!important}
body{font:16px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;background:#f4f5f7;color:var(--ink)}
header{display:flex;align-items:center;gap:1rem;padding:.75rem 1.5rem;background:#fff;border-bottom:1px solid var(--rule)}
header h1{font-size:1.25rem;margin:0}header p{margin:0;color:var(--muted)}#sign-out{margin-left:auto}
main{max-width:82rem;margin:0 auto;padding:1.25rem 1.5rem 2rem}
#app{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(100%,32rem),1fr));gap:1.5rem;align-items:start}
section.card{background:#fff;border-radius:10px;box-shadow:0 1px 3px rgba(0,0,0,.12);padding:1.25rem 1.5rem}
#sign-in{max-width:40rem}
h2{font-size:1.2rem;margin:0 0 1rem}h3{font-size:1.05rem;margin:1.25rem 0 .5rem}
fieldset{border:1px solid var(--rule);border-radius:6px;margin:0 0 1rem;padding:.5rem 1rem .75rem}
legend{font-weight:600;padding:0 .25rem}
.grid{display:grid;grid-template-columns:repeat(3,minmax(0,1fr));gap:.75rem}.grid fieldset{margin:0}
.row{display:flex;flex-wrap:wrap;gap:1rem}.row .field{flex:1 1 9rem;margin:0}
.field{margin:0 0 1rem}.field>label{display:block;font-weight:600;margin-bottom:.25rem}
.check{display:flex;align-items:center;gap:.5rem;margin:.35rem 0}
.check.master{font-weight:600;margin-bottom:1rem}
input[type=text],input[type=number],input[type=time],select,textarea{font:inherit;color:inherit;background:#fff;border:1px solid var(--border);border-radius:4px;padding:.4rem .5rem;width:100%}
input[type=number],input[type=time]{max-width:10rem}
textarea{font:.9rem/1.45 ui-monospace,Consolas,"Liberation Mono",monospace;resize:vertical}
input[type=checkbox]{width:1.2rem;height:1.2rem;margin:0;accent-color:var(--accent)}
button{font:inherit;font-weight:600;color:#fff;background:var(--accent);border:2px solid var(--accent);border-radius:6px;padding:.45rem 1rem;cursor:pointer}
button.secondary{color:var(--accent);background:#fff}
button:disabled{cursor:progress;opacity:.7}
:focus-visible{outline:3px solid var(--ink);outline-offset:2px}
[aria-invalid=true]{border-color:var(--error)!important;box-shadow:0 0 0 1px var(--error)}
.field-error,.problem{color:var(--error);font-weight:600;margin:.25rem 0 0}
.form-errors{color:var(--error);font-weight:600}.form-errors:empty{display:none}
.hint{color:var(--muted);font-size:.9rem;margin:.25rem 0}
code{font-family:ui-monospace,Consolas,monospace;word-break:break-all;background:#eef0f3;padding:.1rem .25rem;border-radius:3px}
#status{min-height:1.5rem;margin:0 0 1rem;font-weight:600}#status.error{color:var(--error)}
.stale{border:2px solid var(--error);background:#fdf3f4;border-radius:6px;padding:.5rem 1rem;margin:0 0 1rem;display:flex;align-items:center;gap:1rem}
.stale p{margin:0;color:var(--error);font-weight:600}
.actions{display:flex;flex-wrap:wrap;align-items:center;gap:1rem}
.preview{border-top:1px solid var(--rule);margin-top:1.25rem}
.preview iframe{display:block;width:100%;height:26rem;border:1px solid var(--rule);border-radius:4px;background:#fff}
pre{white-space:pre-wrap;word-break:break-word;background:#f7f8fa;border:1px solid var(--rule);border-radius:4px;padding:.75rem;font-size:.9rem;margin:.5rem 0}
#sms-counter{font-weight:600}
.wide{grid-column:1/-1}
table{border-collapse:collapse;width:100%;margin:0 0 1rem;font-size:.95rem}caption{text-align:left}
th,td{text-align:left;vertical-align:top;border-bottom:1px solid var(--rule);padding:.4rem .5rem}td.problem{margin:0}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
@media (max-width:40rem){.grid{grid-template-columns:1fr}}
`;
