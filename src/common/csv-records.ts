import { parse } from 'csv-parse/sync';

export interface CsvRow {
  /** 1-based line in the file where the row starts, the header being line 1. */
  line: number;
  values: string[];
}

export interface CsvRecords {
  header: string[] | undefined;
  rows: CsvRow[];
}

interface ParsedRecord {
  record: string[];
  info: { lines: number };
}

const BOM = '\uFEFF';

/**
 * The records of a spreadsheet export, separated by `;` (French Excel) or `,` as the header line
 * suggests; a leading byte-order mark and empty lines are ignored.
 */
export function readCsvRecords(text: string): CsvRecords {
  const content = text.startsWith(BOM) ? text.slice(BOM.length) : text;
  const [header, ...rows] = parse(content, {
    delimiter: detectDelimiter(content),
    info: true,
    relax_column_count: true,
    skip_empty_lines: true,
    skip_records_with_empty_values: true,
  }) as unknown as ParsedRecord[];
  return {
    header: header?.record,
    rows: rows.map((row) => ({ line: startLine(row), values: row.record })),
  };
}

function detectDelimiter(content: string): ';' | ',' {
  const headerLine = content.split(/\r?\n/, 1)[0] ?? '';
  return count(headerLine, ';') > count(headerLine, ',') ? ';' : ',';
}

function count(text: string, character: string): number {
  return text.split(character).length - 1;
}

// csv-parse reports the line a record ends on; a quoted field may span several lines.
function startLine({ record, info }: ParsedRecord): number {
  const innerNewlines = record.reduce((total, value) => total + count(value, '\n'), 0);
  return info.lines - innerNewlines;
}
