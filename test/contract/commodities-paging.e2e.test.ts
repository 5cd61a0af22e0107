import { startApi, TestApi } from '../support/app';

interface CommodityPage {
  items: { code: string }[];
  nextCursor: string | null;
}

describe('GET /commodities pages like every other list', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api.close());

  it('answers at most limit commodities and a cursor that leads to the rest, each once', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res: { body: CommodityPage } = await api.http
        .get('/api/v1/commodities')
        .query({ limit: 5, ...(cursor ? { cursor } : {}) })
        .expect(200);
      expect(res.body.items.length).toBeLessThanOrEqual(5);
      seen.push(...res.body.items.map((c) => c.code));
      cursor = res.body.nextCursor;
      pages += 1;
    } while (cursor && pages < 20);
    expect(pages).toBe(5);
    expect(new Set(seen).size).toBe(21);
    expect(seen).toHaveLength(21);
  });

  it('still answers the whole catalogue (21) when no limit is given', async () => {
    const res = await api.http.get('/api/v1/commodities').expect(200);
    expect(res.body.items).toHaveLength(21);
    expect(res.body.nextCursor).toBeNull();
  });

  it('refuses a cursor it did not issue and a limit out of range, naming the field', async () => {
    const cursor = await api.http.get('/api/v1/commodities?cursor=garbage').expect(400);
    expect(cursor.body.details).toEqual([expect.objectContaining({ field: 'cursor' })]);
    const limit = await api.http.get('/api/v1/commodities?limit=0').expect(400);
    expect(limit.body.details).toEqual([expect.objectContaining({ field: 'limit' })]);
  });
});
