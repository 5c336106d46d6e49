/// The style sheet of the sweep report: system fonts only, laid out for a 1280 px window.
enum HTMLStyle {
  static let css = """
    body { font-family: system-ui, -apple-system, "Segoe UI", Helvetica, Arial, sans-serif;
      color: #1a1a1a; background: #ffffff; margin: 0; line-height: 1.45; }
    main { max-width: 1240px; margin: 0 auto; padding: 16px 20px 48px; }
    h1 { font-size: 26px; margin: 8px 0 12px; }
    h2 { font-size: 20px; margin: 32px 0 8px; border-bottom: 1px solid #dddddd; padding-bottom: 4px; }
    p.rule, p.note { color: #444444; max-width: 900px; }
    dl.sweep { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px;
      background: #f6f6f6; padding: 10px 14px; border-radius: 4px; }
    dl.sweep dt { font-weight: 600; }
    dl.sweep dd { margin: 0; font-family: ui-monospace, Menlo, Consolas, monospace; }
    table { border-collapse: collapse; margin: 8px 0; font-variant-numeric: tabular-nums; }
    th, td { padding: 4px 12px; border-bottom: 1px solid #e4e4e4; text-align: left; }
    th { background: #f0f0f0; }
    td.num, th.num { text-align: right; }
    tr.total td { font-weight: 600; border-top: 2px solid #bbbbbb; }
    .swatch { display: inline-block; width: 28px; height: 0; vertical-align: middle;
      margin-right: 6px; border-top-width: 3px; }
    figure { margin: 12px 0; }
    svg { max-width: 100%; height: auto; }
    .plots { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 8px 16px; }
    details { border: 1px solid #e0e0e0; border-radius: 4px; padding: 4px 10px; margin: 4px 0; }
    summary { cursor: pointer; font-family: ui-monospace, Menlo, Consolas, monospace; }
    ul.files li { font-family: ui-monospace, Menlo, Consolas, monospace; }
    """
}
