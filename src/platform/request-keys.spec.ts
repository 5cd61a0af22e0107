import {
  idempotencyRequestText,
  idempotencyScope,
  PER_ADDRESS_FACTOR,
  rateLimitHits,
  type RateLimitCaller,
} from './request-keys';

const budgets = {
  rateLimitAuthPerMinute: 7,
  rateLimitReadsPerMinute: 100,
  rateLimitWritesPerMinute: 30,
  rateLimitCostlyReadsPerMinute: 4,
};

function caller(overrides: Partial<RateLimitCaller>): RateLimitCaller {
  return {
    method: 'GET',
    route: '/api/v1/supply-listings/:id',
    ip: '203.0.113.9',
    userId: undefined,
    isPublic: false,
    costly: false,
    ...overrides,
  };
}

describe('idempotency keys', () => {
  it('scopes a key to the organization, or to the address of an anonymous caller', () => {
    expect(idempotencyScope('org-1', '203.0.113.9')).toBe('org-1');
    expect(idempotencyScope(undefined, '203.0.113.9')).toBe('ip:203.0.113.9');
    expect(idempotencyScope(undefined, undefined)).toBe('ip:unknown');
  });

  it('an organization and an address that spell the same never share a scope', () => {
    expect(idempotencyScope(undefined, 'org-1')).not.toBe(idempotencyScope('org-1', undefined));
  });

  it('a replay must repeat method, URL with its query, and body', () => {
    const text = idempotencyRequestText('POST', '/api/v1/trades?x=1', { quantity: 5 });
    expect(text).toBe('POST /api/v1/trades?x=1\n{"quantity":5}');
    expect(idempotencyRequestText('POST', '/api/v1/trades?x=1', { quantity: 6 })).not.toBe(text);
    expect(idempotencyRequestText('POST', '/api/v1/trades?x=2', { quantity: 5 })).not.toBe(text);
    expect(idempotencyRequestText('PUT', '/api/v1/trades?x=1', { quantity: 5 })).not.toBe(text);
  });

  it('a missing body hashes as null, unlike an empty object', () => {
    expect(idempotencyRequestText('POST', '/a', undefined)).toBe('POST /a\nnull');
    expect(idempotencyRequestText('POST', '/a', {})).toBe('POST /a\n{}');
  });
});

describe('rate-limit budgets', () => {
  it('an unauthenticated write counts only per address and matched route', () => {
    const hits = rateLimitHits(
      caller({ method: 'POST', route: '/api/v1/auth/login', isPublic: true }),
      budgets,
    );
    expect(hits).toEqual([{ bucket: 'auth', id: '203.0.113.9|POST /api/v1/auth/login', limit: 7 }]);
  });

  it('a public read is a read, not an auth attempt', () => {
    const hits = rateLimitHits(caller({ isPublic: true }), budgets);
    expect(hits).toEqual([
      { bucket: 'reads-ip', id: '203.0.113.9', limit: 100 * PER_ADDRESS_FACTOR },
    ]);
  });

  it('a signed-in write counts per user and per address', () => {
    expect(rateLimitHits(caller({ method: 'POST', userId: 'u-1' }), budgets)).toEqual([
      { bucket: 'writes-user', id: 'u-1', limit: 30 },
      { bucket: 'writes-ip', id: '203.0.113.9', limit: 150 },
    ]);
  });

  it('an anonymous non-public write counts per address only', () => {
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
      expect(rateLimitHits(caller({ method }), budgets)).toEqual([
        { bucket: 'writes-ip', id: '203.0.113.9', limit: 150 },
      ]);
    }
  });

  it('reads (GET, HEAD, OPTIONS) count per user, or per address with a larger budget', () => {
    for (const method of ['GET', 'HEAD', 'OPTIONS']) {
      expect(rateLimitHits(caller({ method, userId: 'u-1' }), budgets)).toEqual([
        { bucket: 'reads-user', id: 'u-1', limit: 100 },
      ]);
      expect(rateLimitHits(caller({ method }), budgets)).toEqual([
        { bucket: 'reads-ip', id: '203.0.113.9', limit: 500 },
      ]);
    }
  });

  it('a costly read also counts per user and route, before the general read budget', () => {
    expect(rateLimitHits(caller({ costly: true, userId: 'u-1' }), budgets)).toEqual([
      { bucket: 'costly', id: 'u-1|GET /api/v1/supply-listings/:id', limit: 4 },
      { bucket: 'reads-user', id: 'u-1', limit: 100 },
    ]);
    expect(rateLimitHits(caller({ costly: true }), budgets)).toEqual([
      { bucket: 'costly', id: '203.0.113.9|GET /api/v1/supply-listings/:id', limit: 20 },
      { bucket: 'reads-ip', id: '203.0.113.9', limit: 500 },
    ]);
  });

  it('the costly mark does nothing on a write', () => {
    expect(rateLimitHits(caller({ method: 'POST', costly: true }), budgets)).toEqual([
      { bucket: 'writes-ip', id: '203.0.113.9', limit: 150 },
    ]);
  });

  it('keys by the matched route: two spellings of one handler share a budget', () => {
    const a = rateLimitHits(caller({ costly: true, route: '/api/v1/why-not/:id' }), budgets);
    const b = rateLimitHits(caller({ costly: true, route: '/api/v1/why-not/:id' }), budgets);
    const other = rateLimitHits(caller({ costly: true, route: '/api/v1/matches' }), budgets);
    expect(a[0].id).toBe(b[0].id);
    expect(other[0].id).not.toBe(a[0].id);
  });
});
