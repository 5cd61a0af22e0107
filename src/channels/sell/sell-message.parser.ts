/**
 * `JUAL <komoditas> <jumlah> <harga> [mutu <mutu>] [panen <tanggal>]`, as farmers type it: commodity names with
 * typos and without their middle words (`cabe keriting`), quantities in kg, kuintal or ton with
 * Indonesian decimals (`1,5 ton`) and thousands (`2.000 kg`), prices as `32000`, `32.000`,
 * `Rp32rb`, dates as `3/12`, `3-12-2026`, `3 Des`, `besok`. Pure: what it cannot read without
 * guessing it turns into a question.
 */
export interface CommodityName {
  code: string;
  nameId: string;
  /** Best first; empty for ungraded commodities. */
  grades: readonly string[];
}

export interface SellDraft {
  commodityCode: string;
  /** kg */
  quantity: number;
  /** rupiah per kg */
  pricePerUnit: number;
  /** Midnight UTC of the harvest day (as the person wrote it), or null. */
  harvestDate: string | null;
  /** One of the commodity's grades; null for an ungraded commodity. */
  grade: string | null;
}

export type SellParse =
  { kind: 'draft'; draft: SellDraft } | { kind: 'question'; question: { id: string; en: string } };

const UNITS: Record<string, number> = {
  kg: 1,
  kilo: 1,
  kilogram: 1,
  kw: 100,
  kwt: 100,
  kuintal: 100,
  kwintal: 100,
  q: 100,
  ton: 1000,
  t: 1000,
};

const MONTHS: Record<string, number> = {
  jan: 1,
  januari: 1,
  feb: 2,
  februari: 2,
  mar: 3,
  maret: 3,
  apr: 4,
  april: 4,
  mei: 5,
  jun: 6,
  juni: 6,
  jul: 7,
  juli: 7,
  agu: 8,
  agt: 8,
  agustus: 8,
  sep: 9,
  sept: 9,
  september: 9,
  okt: 10,
  oktober: 10,
  nov: 11,
  nopember: 11,
  november: 11,
  des: 12,
  desember: 12,
};

/** Words people use for the same thing as the reference names. */
const ALIASES: Record<string, string> = { cabe: 'cabai', lombok: 'cabai', brambang: 'bawang' };

/** Below this a price per kg is surely written in thousands (`32` for Rp 32.000): we ask. */
const LOWEST_PLAUSIBLE_PRICE = 500;

const q = (id: string, en: string): SellParse => ({ kind: 'question', question: { id, en } });

function levenshtein(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const saved = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = saved;
    }
  }
  return row[b.length];
}

/** A typed word matches a name word within one typo (two for long words). */
function wordMatches(typed: string, word: string): boolean {
  if (typed === word) return true;
  if (typed.length < 4) return false;
  return levenshtein(typed, word) <= (word.length >= 7 ? 2 : 1);
}

const words = (name: string) =>
  name
    .toLowerCase()
    .replace(/\(.*?\)/g, ' ')
    .split(/[^a-z0-9]+/)
    .filter(Boolean);

/** The commodities every typed word fits (each typed word matching a distinct name word). */
export function findCommodity(
  typed: string[],
  commodities: readonly CommodityName[],
): CommodityName[] {
  const wanted = typed.map((w) => ALIASES[w] ?? w);
  const fits = commodities.filter((c) => {
    const name = words(c.nameId);
    const used = new Set<number>();
    return wanted.every((w) => {
      const at = name.findIndex((n, i) => !used.has(i) && wordMatches(w, n));
      if (at < 0) return false;
      used.add(at);
      return true;
    });
  });
  // `bawang merah` also fits nothing longer; but `cabai merah` fits two: only an exact name wins.
  const exact = fits.filter((c) => words(c.nameId).length === wanted.length);
  return exact.length === 1 ? exact : fits;
}

/** `1,5` -> 1.5; `2.000` -> 2000; `1.5` -> 1.5 (a dot before exactly three digits groups). */
function readNumber(raw: string): number | null {
  if (!/^\d[\d.,]*$/.test(raw)) return null;
  let text = raw;
  if (/^\d{1,3}(\.\d{3})+$/.test(text)) text = text.replace(/\./g, '');
  else if (/^\d+,\d+$/.test(text)) text = text.replace(',', '.');
  else if (!/^\d+(\.\d+)?$/.test(text)) return null;
  const value = Number(text);
  return Number.isFinite(value) ? value : null;
}

interface Token {
  text: string;
}

function tokenize(text: string): Token[] {
  // Split glued units and currency: `2ton` -> `2 ton`, `rp32rb` -> `rp 32 rb`, `32000/kg` -> `32000`.
  return text
    .toLowerCase()
    .replace(/\/\s*kg\b/g, ' ')
    .replace(/\brp\.?\s*/g, 'rp ')
    .replace(/(\d)([a-z])/g, '$1 $2')
    .split(/\s+/)
    .filter(Boolean)
    .map((t) => ({ text: t }));
}

function readDate(tokens: string[], today: Date): Date | 'unreadable' {
  const y0 = today.getUTCFullYear();
  const utc = (y: number, m: number, d: number) => {
    const date = new Date(Date.UTC(y, m - 1, d));
    return date.getUTCMonth() === m - 1 && date.getUTCDate() === d ? date : null;
  };
  const day0 = Date.UTC(y0, today.getUTCMonth(), today.getUTCDate());
  const relative: Record<string, number> = { 'hari ini': 0, sekarang: 0, besok: 1, lusa: 2 };
  const phrase = tokens.join(' ');
  if (phrase in relative) return new Date(day0 + relative[phrase] * 86_400_000);
  let d: number,
    m: number,
    y: number | null = null;
  const numeric = /^(\d{1,2})[/.-](\d{1,2})(?:[/.-](\d{2}|\d{4}))?$/.exec(tokens[0] ?? '');
  if (numeric && tokens.length === 1) {
    d = Number(numeric[1]);
    m = Number(numeric[2]);
    if (numeric[3]) y = Number(numeric[3].length === 2 ? `20${numeric[3]}` : numeric[3]);
  } else if (tokens.length >= 2 && /^\d{1,2}$/.test(tokens[0]) && MONTHS[tokens[1]]) {
    d = Number(tokens[0]);
    m = MONTHS[tokens[1]];
    if (tokens[2] && /^\d{4}$/.test(tokens[2]) && tokens.length === 3) y = Number(tokens[2]);
    else if (tokens.length !== 2) return 'unreadable';
  } else return 'unreadable';
  if (y !== null) return utc(y, m, d) ?? 'unreadable';
  // No year: the date nearest today (a harvest is recent or coming, not a year away).
  const options = [y0 - 1, y0, y0 + 1]
    .map((year) => utc(year, m, d))
    .filter((x): x is Date => x !== null);
  if (options.length === 0) return 'unreadable';
  return options.reduce((a, b) =>
    Math.abs(a.getTime() - day0) <= Math.abs(b.getTime() - day0) ? a : b,
  );
}

export function parseSellMessage(
  text: string,
  commodities: readonly CommodityName[],
  today: Date,
): SellParse {
  const all = tokenize(text).map((t) => t.text);
  const gradeAt = all.findIndex((t) => t === 'mutu' || t === 'grade' || t === 'kelas');
  const gradeWord = gradeAt >= 0 ? all[gradeAt + 1] : undefined;
  const tokens = gradeAt >= 0 ? [...all.slice(0, gradeAt), ...all.slice(gradeAt + 2)] : all;
  const harvestAt = tokens.indexOf('panen');
  const body = harvestAt >= 0 ? tokens.slice(0, harvestAt) : tokens;
  const dateWords = harvestAt >= 0 ? tokens.slice(harvestAt + 1) : [];

  const firstNumber = body.findIndex((t) => readNumber(t) !== null);
  const nameWords = (firstNumber < 0 ? body : body.slice(0, firstNumber)).filter((w) => w !== 'rp');
  if (nameWords.length === 0)
    return q(
      'Komoditas apa yang dijual? Contoh: JUAL cabai keriting 2 ton 32000',
      'Which commodity are you selling? Example: JUAL cabai keriting 2 ton 32000',
    );
  const askQuantity = q(
    'Berapa jumlahnya? Contoh: 2 ton, 20 kuintal, 500 kg.',
    'How much? For example: 2 ton, 20 kuintal, 500 kg.',
  );
  // No number at all: the words after the name may be anything (`banyak`); what is missing is
  // the quantity, as long as the words start with a commodity.
  if (firstNumber < 0) {
    for (let k = nameWords.length; k > 0; k--)
      if (findCommodity(nameWords.slice(0, k), commodities).length > 0) return askQuantity;
  }
  const found = findCommodity(nameWords, commodities);
  if (found.length === 0)
    return q(
      `Komoditas "${nameWords.join(' ')}" tidak dikenal. Tulis nama lengkapnya, mis. cabai merah keriting.`,
      `Commodity "${nameWords.join(' ')}" is not known. Write its full name, e.g. cabai merah keriting.`,
    );
  if (found.length > 1) {
    const names = found.map((c) => c.nameId.toLowerCase()).join(', ');
    return q(
      `Yang mana: ${names}? Kirim ulang JUAL dengan nama lengkapnya.`,
      `Which one: ${names}? Send JUAL again with the full name.`,
    );
  }
  const commodity = found[0];

  const rest = firstNumber < 0 ? [] : body.slice(firstNumber);
  const amount = readNumber(rest[0] ?? '');
  if (amount === null || amount <= 0) return askQuantity;
  const unit = UNITS[rest[1] ?? ''];
  if (!unit)
    return q(
      `Jumlahnya ${rest[0]} apa: kg, kuintal atau ton?`,
      `${rest[0]} what: kg, kuintal or ton?`,
    );
  const quantity = Math.round(amount * unit);
  if (!Number.isInteger(amount * unit) || quantity <= 0)
    return q('Jumlahnya tolong dalam kg bulat.', 'Please give the quantity in whole kg.');

  const priceWords = rest.slice(2).filter((w) => w !== 'rp' && w !== 'harga');
  const base = readNumber(priceWords[0] ?? '');
  if (base === null)
    return q(
      `Berapa harga per kg untuk ${kilogramsText(quantity)} ${commodity.nameId.toLowerCase()}?`,
      `What price per kg for ${kilogramsText(quantity)} ${commodity.nameId.toLowerCase()}?`,
    );
  const thousands = ['rb', 'ribu', 'k'].includes(priceWords[1] ?? '');
  const trailing = priceWords.slice(thousands ? 2 : 1);
  if (trailing.length > 0)
    return q(
      `Bagian "${trailing.join(' ')}" tidak dimengerti. Tanggal panen ditulis: panen 3/12.`,
      `"${trailing.join(' ')}" was not understood. Write the harvest date as: panen 3/12.`,
    );
  const price = thousands ? base * 1000 : base;
  if (!Number.isInteger(price))
    return q(
      'Harga tolong dalam rupiah bulat per kg.',
      'Please give the price in whole rupiah per kg.',
    );
  if (price < LOWEST_PLAUSIBLE_PRICE)
    return q(
      `Harga Rp ${price}/kg? Bila maksudnya Rp ${price}.000/kg, kirim ulang dengan ${price}000.`,
      `Price Rp ${price}/kg? If you mean Rp ${price}.000/kg, send it again with ${price}000.`,
    );

  let grade: string | null = null;
  if (commodity.grades.length > 0) {
    const list = commodity.grades.join(', ');
    grade = commodity.grades.find((g) => g.toLowerCase() === gradeWord) ?? null;
    if (!grade)
      return q(
        gradeWord
          ? `Mutu "${gradeWord}" tidak ada untuk ${commodity.nameId.toLowerCase()}: pilih ${list}.`
          : `Mutu apa (${list})? Kirim ulang dengan mutu, mis. JUAL ${text.trim()} mutu ${commodity.grades[0]}.`,
        gradeWord
          ? `Grade "${gradeWord}" does not exist for ${commodity.nameId.toLowerCase()}: choose ${list}.`
          : `Which grade (${list})? Send it again with the grade, e.g. JUAL ${text.trim()} mutu ${commodity.grades[0]}.`,
      );
  } else if (gradeWord)
    return q(
      `${commodity.nameId} tidak memakai mutu: kirim ulang tanpa "mutu".`,
      `${commodity.nameId} has no grades: send it again without "mutu".`,
    );

  let harvestDate: string | null = null;
  if (harvestAt >= 0) {
    const date = readDate(dateWords, today);
    if (date === 'unreadable')
      return q(
        `Tanggal panen "${dateWords.join(' ')}" tidak terbaca. Contoh: panen 3/12 atau panen 3 Des.`,
        `Harvest date "${dateWords.join(' ')}" is not readable. Example: panen 3/12 or panen 3 Des.`,
      );
    harvestDate = date.toISOString();
  }
  return {
    kind: 'draft',
    draft: { commodityCode: commodity.code, quantity, pricePerUnit: price, harvestDate, grade },
  };
}

function kilogramsText(kg: number): string {
  return `${String(kg).replace(/\B(?=(\d{3})+(?!\d))/g, '.')} kg`;
}
