"""The report's stylesheet and script, kept as strings so the package ships them.

The script reads the figures from a JSON data element and builds the table
with DOM calls (createElement, textContent) only, never innerHTML: article
text can then contain any markup and it is shown, not parsed. Rows are built
into a document fragment and attached once, and a figure's sentence row only
when it is first asked for, so a table of a few thousand figures opens fast.
"""

from __future__ import annotations

CSS = """
:root { --ink: #1d2733; --muted: #5b6b7c; --line: #d9e0e7; --accent: #1f6f8b;
        --bar: #3b8fb0; --mark: #ffe08a; --bg: #f6f8fa; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.5 system-ui, "Segoe UI", Roboto, "Noto Sans", sans-serif;
       color: var(--ink); background: var(--bg); }
header { background: var(--accent); color: #fff; padding: 18px 28px; }
header h1 { margin: 0; font-size: 22px; }
header p { margin: 4px 0 0; opacity: .85; }
main { padding: 8px 28px 40px; max-width: 1240px; }
section { background: #fff; border: 1px solid var(--line); border-radius: 6px;
          padding: 14px 18px; margin-top: 16px; }
h2 { font-size: 17px; margin: 0 0 10px; }
.cards { display: flex; flex-wrap: wrap; gap: 10px; }
.card { border: 1px solid var(--line); border-radius: 6px; padding: 8px 14px; min-width: 110px; }
.card b { display: block; font-size: 22px; }
.card span { color: var(--muted); }
.charts { display: flex; flex-wrap: wrap; gap: 18px; }
.chart { background: #fff; }
.chart rect { fill: var(--bar); }
.chart text { font-size: 12px; fill: var(--ink); }
.chart .chart-title { font-size: 13px; font-weight: 600; }
.chart .count, .chart .chart-empty { fill: var(--muted); }
.tops { display: flex; flex-wrap: wrap; gap: 24px; }
.tops ol { margin: 0; padding-left: 22px; max-width: 520px; }
.tops li span { color: var(--muted); }
#search { width: 100%; max-width: 460px; padding: 7px 10px; font-size: 14px;
          border: 1px solid var(--line); border-radius: 4px; }
#search-count { margin-left: 12px; color: var(--muted); }
table { border-collapse: collapse; width: 100%; margin-top: 10px; }
th, td { text-align: left; padding: 5px 8px; border-bottom: 1px solid var(--line);
         vertical-align: top; }
th { background: var(--bg); position: sticky; top: 0; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
tr.figure:hover { background: #eef5f9; }
tr.evidence td { background: #fbfcfd; color: var(--ink); padding: 8px 12px 10px 28px; }
tr.evidence .rule { color: var(--muted); font-size: 12px; margin-left: 8px; }
mark { background: var(--mark); padding: 0 2px; border-radius: 2px; }
button.show { border: 1px solid var(--line); background: #fff; border-radius: 4px;
              cursor: pointer; font-size: 12px; }
.warn { color: #9a3b00; }
.note { color: var(--muted); margin: 6px 0; }
"""

JS = """
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("report-data").textContent);
  var body = document.getElementById("figures-body");
  var search = document.getElementById("search");
  var counter = document.getElementById("search-count");
  var rows = [];

  function fold(text) {
    // Case and diacritics folded, so "cong an" finds "Công an".
    return text.normalize("NFD").replace(/[\\u0300-\\u036f]/g, "")
      .replace(/\\u0111/g, "d").replace(/\\u0110/g, "d").toLowerCase();
  }

  function cell(row, text, className) {
    var td = document.createElement("td");
    td.textContent = text;
    if (className) { td.className = className; }
    row.appendChild(td);
    return td;
  }

  function evidence(figure, columns) {
    var row = document.createElement("tr");
    row.className = "evidence";
    var td = document.createElement("td");
    td.colSpan = columns;
    var s = figure.sentence;
    td.appendChild(document.createTextNode(s.slice(0, figure.start)));
    var mark = document.createElement("mark");
    mark.textContent = s.slice(figure.start, figure.end);
    td.appendChild(mark);
    td.appendChild(document.createTextNode(s.slice(figure.end)));
    if (figure.rule) {
      var rule = document.createElement("span");
      rule.className = "rule";
      rule.textContent = "rule " + figure.rule;
      td.appendChild(rule);
    }
    row.appendChild(td);
    return row;
  }

  function value(figure) {
    // A number, or the exact text of one too large for a double.
    return typeof figure.value === "number" ?
      figure.value.toLocaleString("vi-VN") : String(figure.value);
  }

  function add(figure, target) {
    var row = document.createElement("tr");
    row.className = "figure";
    var button = document.createElement("button");
    button.className = "show";
    button.type = "button";
    button.textContent = "evidence";
    var first = document.createElement("td");
    first.appendChild(button);
    row.appendChild(first);
    cell(row, figure.text);
    cell(row, value(figure), "num");
    cell(row, figure.unit);
    cell(row, figure.qualifier);
    cell(row, figure.category);
    cell(row, figure.place);
    cell(row, figure.year);
    cell(row, figure.article);
    var item = { row: row, detail: null, key: fold([figure.text, figure.unit,
      figure.category, figure.metric, figure.place, figure.year, figure.article,
      figure.sentence].join(" ")) };
    button.addEventListener("click", function () {
      // The sentence row is made on the first click: the page opens with one row a figure.
      if (!item.detail) {
        item.detail = evidence(figure, row.children.length);
        item.detail.hidden = true;
        row.parentNode.insertBefore(item.detail, row.nextSibling);
      }
      item.detail.hidden = !item.detail.hidden;
      button.setAttribute("aria-expanded", String(!item.detail.hidden));
    });
    target.appendChild(row);
    rows.push(item);
  }

  var fragment = document.createDocumentFragment();
  data.figures.forEach(function (figure) { add(figure, fragment); });
  body.appendChild(fragment);

  function filter() {
    var words = fold(search.value).split(/\\s+/).filter(Boolean);
    var shown = 0;
    rows.forEach(function (item) {
      var keep = words.every(function (word) { return item.key.indexOf(word) >= 0; });
      item.row.hidden = !keep;
      if (!keep && item.detail) { item.detail.hidden = true; }
      if (keep) { shown += 1; }
    });
    counter.textContent = shown.toLocaleString("en-US") + " of " +
      rows.length.toLocaleString("en-US") + " figures";
  }

  search.addEventListener("input", filter);
  filter();
}());
"""
