import type { FieldProblem } from '../common/domain-error';

/**
 * Reads a price-panel export: one row per region, commodity and day. Columns (header names,
 * any order, case-insensitive): `region` (a Kemendagri code such as `21.71`, or the region's
 * name), `commodity` (a commodity code or its Indonesian name), `date` (YYYY-MM-DD or
 * DD/MM/YYYY as the panels print it), `price` (whole rupiah; `Rp 55.000`, `55,000` and `55000`
 * all read 55000). Pure: the caller passes the lookups. Every problem is named by row and field
 * (row 1 is the first row after the header), so a file is fixed in one pass.
 */
export interface ObservationRow {
  row: number;
  regionCode: string;
  commodityCode: string;
  observedOn: string;
  pricePerUnit: number;
}

export interface ObservationLookups {
  regionCode(value: string): string | null;
  commodityCode(value: string): string | null;
}

export const MAX_OBSERVATION_ROWS = 50_000;

const COLUMNS = ['region', 'commodity', 'date', 'price'] as const;

function splitLine(line: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',' || ch === ';') {
      fields.push(field.trim());
      field = '';
    } else field += ch;
  }
  fields.push(field.trim());
  return fields;
}

function parseDate(value: string): string | null {
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const dmy = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(value);
  const [y, m, d] = iso ? [iso[1], iso[2], iso[3]] : dmy ? [dmy[3], dmy[2], dmy[1]] : [];
  if (!y) return null;
  const date = `${y}-${m}-${d}`;
  const parsed = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === date
    ? date
    : null;
}

function parsePrice(value: string): number | null {
  const text = value.replace(/^rp\.?\s*/i, '').replace(/\s/g, '');
  const digits = /^\d{1,3}([.,]\d{3})+$/.test(text) ? text.replace(/[.,]/g, '') : text;
  if (!/^\d{1,9}$/.test(digits)) return null;
  const n = Number(digits);
  return n > 0 ? n : null;
}

export function parseObservationCsv(
  text: string,
  lookups: ObservationLookups,
): { rows: ObservationRow[]; problems: FieldProblem[] } {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  const problems: FieldProblem[] = [];
  const headerAt = lines.findIndex((l) => l.trim() !== '');
  if (headerAt < 0) return { rows: [], problems: [{ field: 'body', message: 'the CSV is empty' }] };
  const header = splitLine(lines[headerAt]).map((h) => h.toLowerCase());
  const index = Object.fromEntries(COLUMNS.map((c) => [c, header.indexOf(c)])) as Record<
    (typeof COLUMNS)[number],
    number
  >;
  const missing = COLUMNS.filter((c) => index[c] < 0);
  if (missing.length > 0)
    return {
      rows: [],
      problems: missing.map((c) => ({
        field: `header.${c}`,
        message: `the header has no "${c}" column`,
      })),
    };

  const rows: ObservationRow[] = [];
  const seen = new Map<string, number>();
  let row = 0;
  for (const line of lines.slice(headerAt + 1)) {
    if (line.trim() === '') continue;
    row++;
    if (row > MAX_OBSERVATION_ROWS) {
      problems.push({ field: 'body', message: `at most ${MAX_OBSERVATION_ROWS} rows per import` });
      break;
    }
    const values = splitLine(line);
    const at = (c: (typeof COLUMNS)[number]) => values[index[c]] ?? '';
    const problem = (field: string, message: string) =>
      problems.push({ field: `row ${row}.${field}`, message });
    const regionCode = lookups.regionCode(at('region'));
    if (!regionCode) problem('region', `unknown region "${at('region')}"`);
    const commodityCode = lookups.commodityCode(at('commodity'));
    if (!commodityCode) problem('commodity', `unknown commodity "${at('commodity')}"`);
    const observedOn = parseDate(at('date'));
    if (!observedOn) problem('date', `"${at('date')}" is not a date (YYYY-MM-DD or DD/MM/YYYY)`);
    const pricePerUnit = parsePrice(at('price'));
    if (pricePerUnit === null)
      problem('price', `"${at('price')}" is not a positive whole number of rupiah`);
    if (!regionCode || !commodityCode || !observedOn || pricePerUnit === null) continue;
    const key = `${regionCode}|${commodityCode}|${observedOn}`;
    const first = seen.get(key);
    if (first !== undefined) {
      problem(
        'date',
        `row ${first} already gives ${commodityCode} in ${regionCode} on ${observedOn}`,
      );
      continue;
    }
    seen.set(key, row);
    rows.push({ row, regionCode, commodityCode, observedOn, pricePerUnit });
  }
  if (row === 0 && problems.length === 0)
    problems.push({ field: 'body', message: 'the CSV has a header but no rows' });
  return { rows, problems };
}
