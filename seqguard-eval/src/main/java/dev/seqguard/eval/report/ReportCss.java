package dev.seqguard.eval.report;

/** The report's only style sheet, inlined: system fonts, no external resources. */
final class ReportCss {
    private ReportCss() {
    }

    static final String CSS = """
            :root{--ink:#1d2433;--muted:#5b6478;--line:#dfe3ea;--bg:#f6f7f9;--card:#fff;--accent:#0072B2;--warm:#D55E00}
            *{box-sizing:border-box}
            html{-webkit-text-size-adjust:100%}
            body{margin:0;background:var(--bg);color:var(--ink);font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,"Noto Sans",sans-serif}
            .wrap{max-width:1120px;margin:0 auto;padding:0 20px}
            header.top{background:#14213d;color:#fff;padding:26px 0 22px}
            header.top .brand{font-size:12px;letter-spacing:.12em;text-transform:uppercase;color:#9fb3d9;font-weight:600}
            header.top h1{margin:4px 0 6px;font-size:28px;line-height:1.2;font-weight:650}
            header.top .sub{margin:0;color:#dbe4f5;font-size:15px;overflow-wrap:anywhere}
            header.top .gen{margin:6px 0 0;color:#9fb3d9;font-size:12.5px}
            nav.toc{display:flex;flex-wrap:wrap;gap:6px 18px;padding-top:12px;padding-bottom:4px;font-size:13.5px}
            nav.toc a{color:var(--accent);text-decoration:none}
            nav.toc a:hover{text-decoration:underline}
            section{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:20px 22px;margin:16px 0}
            h2{margin:0 0 4px;font-size:19px;font-weight:650}
            h3{margin:14px 0 6px;font-size:15px}
            p.note{margin:0 0 14px;color:var(--muted);font-size:14px;max-width:900px}
            p.na{margin:6px 0;padding:10px 12px;background:#f3f4f7;border-radius:6px;color:var(--muted);font-size:14px}
            .muted{color:var(--muted)}
            .num,td.n{font-variant-numeric:tabular-nums}
            .cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(180px,1fr));gap:12px;margin:4px 0 16px}
            .card{border:1px solid var(--line);border-radius:8px;padding:12px 14px;background:#fbfcfd}
            .card .k{font-size:12px;text-transform:uppercase;letter-spacing:.06em;color:var(--muted)}
            .card .v{font-size:22px;font-weight:650;margin-top:2px;overflow-wrap:anywhere;font-variant-numeric:tabular-nums}
            .card .s{font-size:12.5px;color:var(--muted)}
            .card.hero{border-color:var(--accent);background:#eef6fc}
            dl.kv{display:grid;grid-template-columns:minmax(150px,max-content) 1fr;gap:0;margin:0;font-size:14px}
            dl.kv dt,dl.kv dd{margin:0;padding:6px 10px;border-bottom:1px solid #eef0f4}
            dl.kv dt{color:var(--muted)}
            dl.kv dd{overflow-wrap:anywhere}
            dl.kv dt:nth-of-type(odd),dl.kv dd:nth-of-type(odd){background:#f8f9fb}
            .scroll{overflow-x:auto;-webkit-overflow-scrolling:touch}
            table{border-collapse:collapse;width:100%;font-size:14px}
            th,td{padding:7px 8px;text-align:left;border-bottom:1px solid #eef0f4;white-space:nowrap}
            th{font-size:11.5px;text-transform:uppercase;letter-spacing:.04em;color:var(--muted);font-weight:600;background:#f3f5f8;border-bottom:1px solid var(--line);white-space:normal;vertical-align:bottom}
            th .lc{text-transform:none;letter-spacing:0;font-weight:400}
            td.n,th.n{text-align:right}
            tbody tr:nth-child(even){background:#f8f9fb}
            tbody tr.sel{background:#e7f2fb;box-shadow:inset 3px 0 0 var(--accent)}
            tbody tr.sel td.det{font-weight:650}
            td.bar{background-image:linear-gradient(90deg,#56B4E9,#0072B2);background-repeat:no-repeat;background-origin:content-box;background-position:left 0 bottom -5px}
            td.best{font-weight:700}
            td.note{white-space:normal;color:var(--muted);font-size:12.5px;min-width:110px}
            .badge{display:inline-block;font-size:11px;font-weight:600;color:#fff;background:var(--accent);border-radius:10px;padding:1px 8px;vertical-align:1px;margin-left:4px}
            .fam{font-size:12px;color:var(--muted)}
            .charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(300px,1fr));gap:18px}
            figure{margin:0}
            figcaption{font-weight:600;font-size:14px;margin-bottom:4px}
            svg.chart{width:100%;height:auto;display:block}
            svg text{font-family:inherit}
            .plot{fill:#fcfcfd;stroke:#c9ced8}
            .grid{stroke:#eceef2}
            .tick{fill:#5b6478;font-size:11px}
            .axis{fill:#1d2433;font-size:12px}
            .chance{stroke:#8a93a6;stroke-dasharray:4 4;stroke-width:1.2}
            .curve{fill:none;stroke-width:1.8;stroke-linejoin:round;opacity:.9}
            .curve.sel{stroke-width:3.2;opacity:1}
            .flagzone{fill:#D55E00;fill-opacity:.06}
            .thr{stroke:#1d2433;stroke-width:1.6;stroke-dasharray:5 3}
            .thr-label{fill:#1d2433;font-size:12px;font-weight:600}
            ul.legend{list-style:none;margin:6px 0 0;padding:0;display:flex;flex-wrap:wrap;gap:4px 16px;font-size:13px}
            ul.legend li{display:flex;align-items:center;gap:6px}
            ul.legend li.sel{font-weight:650}
            svg.sw{width:28px;height:10px}
            .box{display:inline-block;width:12px;height:12px;border-radius:2px;opacity:.75}
            table.heat td.c{text-align:center;min-width:76px;font-variant-numeric:tabular-nums}
            table.heat th.c{text-align:center;white-space:normal}
            details.user{border:1px solid var(--line);border-radius:8px;margin:10px 0;background:#fff}
            details.user>summary{cursor:pointer;padding:10px 14px;list-style-position:outside;display:flex;flex-wrap:wrap;align-items:baseline;gap:4px 10px}
            details.user[open]>summary{border-bottom:1px solid #eef0f4}
            details.user .rank{color:var(--muted);font-variant-numeric:tabular-nums;min-width:28px}
            details.user .uid{font-weight:650;font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:14px;overflow-wrap:anywhere}
            details.user .score{font-variant-numeric:tabular-nums}
            .tag{font-size:12px;border-radius:10px;padding:1px 8px;border:1px solid}
            .tag-anom{color:#9a3f00;border-color:#e8b48f;background:#fdf1e8}
            .tag-normal{color:#0b5a87;border-color:#9cc8e3;background:#eef6fc}
            p.why{margin:10px 14px 4px;font-size:14px;overflow-wrap:anywhere}
            svg.strip{display:block;width:calc(100% - 28px);height:auto;margin:6px 14px 0}
            svg.strip .base{stroke:#c9ced8}
            svg.strip line{stroke-width:1.6}
            ol.events{list-style:none;margin:8px 14px 14px;padding:0;display:grid;grid-template-columns:repeat(auto-fill,minmax(150px,1fr));gap:6px}
            li.ev{border:1px solid #e3e6ec;border-radius:6px;padding:4px 7px;font-size:12px;line-height:1.45;min-width:0}
            li.ev .r1{display:flex;align-items:baseline;gap:6px;white-space:nowrap}
            li.ev .r2{white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
            li.ev.hot{border:2px solid var(--warm);padding:3px 6px}
            li.ev .t{font-variant-numeric:tabular-nums;font-weight:600}
            li.ev .gap{color:var(--muted);font-variant-numeric:tabular-nums;overflow:hidden;text-overflow:ellipsis}
            li.ev .act{color:#fff;border-radius:3px;padding:0 5px;font-weight:600;font-size:11px}
            li.ev .item{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:11.5px;overflow-wrap:anywhere}
            li.ev .cat{color:var(--muted);font-size:11px;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
            li.ev .es{margin-left:auto;color:var(--muted);font-variant-numeric:tabular-nums;font-size:11px}
            li.more{display:flex;align-items:center;justify-content:center;color:var(--muted);font-size:12px;border:1px dashed #cfd4dd;border-radius:6px;padding:4px}
            .legend-actions{display:flex;flex-wrap:wrap;gap:4px 12px;font-size:12.5px;color:var(--muted);margin:0 0 6px}
            .legend-actions span.act{color:#fff;border-radius:3px;padding:0 5px;font-weight:600;font-size:11px}
            footer{color:var(--muted);font-size:12.5px;padding:6px 20px 30px}
            @media (max-width:640px){
              body{font-size:14px}
              .wrap{padding:0 10px}
              section{padding:14px 12px;border-radius:8px}
              header.top h1{font-size:22px}
              dl.kv{grid-template-columns:1fr}
              .cards{grid-template-columns:repeat(2,minmax(0,1fr));gap:8px}
              .card{padding:10px}
              .card .v{font-size:19px}
              .card.hero{grid-column:1/-1}
              dl.kv dt{border-bottom:none;padding-bottom:0;background:none!important;font-size:12px}
              dl.kv dd{background:none!important}
              ol.events{grid-template-columns:repeat(auto-fill,minmax(130px,1fr))}
            }
            @media print{body{background:#fff}section{break-inside:avoid;border-color:#ccc}nav.toc{display:none}}
            """;
}
