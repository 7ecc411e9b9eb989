// Reads workbooks with exceljs and prints what it sees as JSON, in the shape read_openpyxl.py
// prints: for each sheet every cell that holds a value, as [type, text].
// usage: node read_exceljs.js FILE...
'use strict';
const ExcelJS = require('exceljs');

function cellValue(cell) {
  const v = cell.value;
  if (v instanceof Date) {
    // exceljs reads a date cell's serial as a UTC instant: its UTC fields are the wall clock.
    return ['d', v.toISOString().replace(/\.000Z$/, '').replace(/Z$/, '')];
  }
  if (typeof v === 'number') return ['n', String(v)];
  if (typeof v === 'boolean') return ['b', String(v)];
  if (v && typeof v === 'object') {
    if ('formula' in v || 'sharedFormula' in v) return ['f', String(v.formula || v.sharedFormula)];
    if ('richText' in v) return ['s', v.richText.map((r) => r.text).join('')];
    if ('error' in v) return ['e', String(v.error)];
  }
  return ['s', String(v)];
}

async function read(file) {
  const out = { file, sheets: [], warnings: [] };
  const warn = console.warn;
  console.warn = (...args) => out.warnings.push(args.join(' '));
  try {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    out.properties = { title: wb.title, subject: wb.subject, creator: wb.creator, keywords: wb.keywords, category: wb.category };
    wb.eachSheet((ws) => {
      const sheet = { name: ws.name, max_row: ws.rowCount, max_column: ws.columnCount, cells: {} };
      ws.eachRow({ includeEmpty: false }, (row) => {
        row.eachCell({ includeEmpty: false }, (cell) => {
          if (cell.value !== null && cell.value !== undefined) sheet.cells[cell.address] = cellValue(cell);
        });
      });
      out.sheets.push(sheet);
    });
  } catch (err) {
    out.error = String(err && err.message ? err.message : err);
  } finally {
    console.warn = warn;
  }
  return out;
}

(async () => {
  const results = [];
  for (const f of process.argv.slice(2)) results.push(await read(f));
  process.stdout.write(JSON.stringify(results));
})();
