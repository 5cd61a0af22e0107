import { describe, expect, it } from 'vitest';
import en from './locales/en.json';
import id from './locales/id.json';

/** Every message of a catalog by its key path, e.g. "proposal.accept". */
function messages(catalog: object, prefix = ''): [string, unknown][] {
  return Object.entries(catalog).flatMap(([key, value]) =>
    value && typeof value === 'object'
      ? messages(value as object, `${prefix}${key}.`)
      : [[`${prefix}${key}`, value] as [string, unknown]],
  );
}
const keys = (catalog: object) => messages(catalog).map(([key]) => key);

describe('the message catalogs', () => {
  it('have the same keys in Bahasa Indonesia and English', () => {
    const inId = keys(id);
    const inEn = keys(en);
    expect(inId.filter((k) => !inEn.includes(k))).toEqual([]);
    expect(inEn.filter((k) => !inId.includes(k))).toEqual([]);
  });

  it('leave no message empty', () => {
    const empty = (catalog: object) =>
      messages(catalog)
        .filter(([, value]) => typeof value !== 'string' || value.trim() === '')
        .map(([key]) => key);
    expect(empty(id)).toEqual([]);
    expect(empty(en)).toEqual([]);
  });

  it('cover every key the pages ask for', async () => {
    const { readFileSync, readdirSync } = await import('node:fs');
    const { join } = await import('node:path');
    const dir = join(process.cwd(), 'src');
    const files = (readdirSync(dir, { recursive: true }) as string[]).filter(
      (f) => /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f),
    );
    const wanted = new Set<string>();
    for (const file of files) {
      const source = readFileSync(join(dir, file), 'utf8');
      for (const m of source.matchAll(/\bt\(\s*'([a-zA-Z]+\.[a-zA-Z.]+)'/g)) wanted.add(m[1]!);
    }
    expect(wanted.size).toBeGreaterThan(80);
    // Plural keys (count) resolve to key_one / key_other.
    const has = (catalog: object, key: string) =>
      keys(catalog).some((k) => k === key || k === `${key}_other`);
    expect([...wanted].filter((k) => !has(id, k))).toEqual([]);
    expect([...wanted].filter((k) => !has(en, k))).toEqual([]);
  });
});
