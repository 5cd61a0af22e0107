import type { BalanceFlowView, BalanceRowView } from './balance.dto';

/**
 * CSV as a spreadsheet in an Indonesian locale opens it: headers in Bahasa Indonesia, `;` between
 * fields (Excel and LibreOffice set to Indonesian use the comma as the decimal mark and expect
 * `;`), a decimal comma in tonnes, integers without thousands separators (so they stay numbers),
 * UTF-8 with a byte-order mark (so Excel reads it as UTF-8), CRLF line ends (RFC 4180).
 */
const BOM = '\uFEFF';

export const BALANCE_CSV_COLUMNS: readonly [string, (row: BalanceRowView) => string | number][] = [
  ['Kode wilayah', (r) => r.regionCode],
  ['Wilayah', (r) => r.regionName],
  ['Tingkat', (r) => (r.level === 'province' ? 'provinsi' : 'kabupaten/kota')],
  ['Zona waktu', (r) => r.timeZone],
  ['Kode komoditas', (r) => r.commodityCode],
  ['Komoditas', (r) => r.commodityName],
  ['Satuan', (r) => r.unit],
  ['Minggu (ISO)', (r) => r.week],
  ['Awal minggu (Senin)', (r) => r.weekStart],
  ['Pasokan ditawarkan', (r) => r.supplyPosted],
  ['Permintaan diajukan', (r) => r.demandPosted],
  ['Diusulkan masuk', (r) => r.proposedIn],
  ['Diusulkan keluar', (r) => r.proposedOut],
  ['Dikonfirmasi masuk', (r) => r.confirmedIn],
  ['Dikonfirmasi keluar', (r) => r.confirmedOut],
  ['Diterima masuk', (r) => r.deliveredIn],
  ['Terkirim keluar', (r) => r.deliveredOut],
  ['Surplus (+) / defisit (-)', (r) => r.surplus],
  ['Posisi', (r) => POSITIONS[r.position]],
];

export const FLOW_CSV_COLUMNS: readonly [string, (row: BalanceFlowView) => string | number][] = [
  ['Kode asal', (r) => r.originCode],
  ['Wilayah asal', (r) => r.originName],
  ['Kode tujuan', (r) => r.destinationCode],
  ['Wilayah tujuan', (r) => r.destinationName],
  ['Tingkat', (r) => (r.level === 'province' ? 'provinsi' : 'kabupaten/kota')],
  ['Kode komoditas', (r) => r.commodityCode],
  ['Satuan', (r) => r.unit],
  ['Minggu tiba (ISO)', (r) => r.week],
  ['Awal minggu (Senin)', (r) => r.weekStart],
  ['Diusulkan (ton)', (r) => decimalComma(r.proposedTonnes)],
  ['Dikonfirmasi (ton)', (r) => decimalComma(r.confirmedTonnes)],
  ['Diterima (ton)', (r) => decimalComma(r.deliveredTonnes)],
  ['Diusulkan (satuan)', (r) => r.proposedQuantity],
  ['Dikonfirmasi (satuan)', (r) => r.confirmedQuantity],
  ['Diterima (satuan)', (r) => r.deliveredQuantity],
];

const POSITIONS = { surplus: 'surplus', deficit: 'defisit', balanced: 'seimbang' } as const;

function decimalComma(value: number): string {
  return String(value).replace('.', ',');
}

function field(value: string | number): string {
  const text = String(value);
  return /[;"\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv<T>(
  columns: readonly [string, (row: T) => string | number][],
  rows: readonly T[],
): string {
  const lines = [columns.map(([header]) => field(header)).join(';')];
  for (const row of rows) lines.push(columns.map(([, value]) => field(value(row))).join(';'));
  return BOM + lines.join('\r\n') + '\r\n';
}

/** Reads back what toCsv wrote (for tests and scripts): header row, then one object per row. */
export function parseCsv(text: string): Record<string, string>[] {
  const rows: string[][] = [];
  let row: string[] = [];
  let value = '';
  let quoted = false;
  const body = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (quoted && ch === '"' && body[i + 1] === '"') {
      value += '"';
      i++;
    } else if (ch === '"') {
      quoted = !quoted;
    } else if (quoted || (ch !== ';' && ch !== '\r' && ch !== '\n')) {
      value += ch;
    } else if (ch !== '\r') {
      row.push(value);
      value = '';
      if (ch === '\n') {
        rows.push(row);
        row = [];
      }
    }
  }
  const [header, ...data] = rows;
  return data.map((cells) => Object.fromEntries(header.map((h, i) => [h, cells[i]])));
}
