import { parseCsv } from './csv';

describe('parseCsv', () => {
  it('reads quoted fields holding commas, quotes and line breaks', () => {
    const rows = parseCsv('a,b\r\n"x, y","say ""hi""\nthere"\n1,2\n');
    expect(rows).toEqual([
      { a: 'x, y', b: 'say "hi"\nthere' },
      { a: '1', b: '2' },
    ]);
  });

  it('refuses a row whose width differs from the header', () => {
    expect(() => parseCsv('a,b\n1,2,3\n')).toThrow(/3 fields/);
  });
});
