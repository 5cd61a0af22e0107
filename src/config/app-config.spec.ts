import { ConfigError, loadConfig } from './app-config';

describe('loadConfig', () => {
  it('gives defaults that work on a developer machine', () => {
    const config = loadConfig({});
    expect(config.databaseUrl).toBe('postgres://postgres@127.0.0.1:5432/jembatan');
    expect(config.redisUrl).toBe('redis://127.0.0.1:6379');
    expect(config.role).toBe('all');
  });

  it('names every bad variable at once', () => {
    let thrown: unknown;
    try {
      loadConfig({ PORT: 'eighty', APP_ROLE: 'both', REDIS_URL: 'http://x' });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ConfigError);
    const text = (thrown as ConfigError).problems.join('\n');
    expect(text).toContain('PORT');
    expect(text).toContain('APP_ROLE');
    expect(text).toContain('REDIS_URL');
    expect((thrown as ConfigError).problems).toHaveLength(3);
  });

  it("keeps BullMQ's 30 s job lock unless JOB_LOCK_MS sets one, never below 2 s", () => {
    expect(loadConfig({}).jobLockMs).toBe(30_000);
    expect(loadConfig({ JOB_LOCK_MS: '5000' }).jobLockMs).toBe(5_000);
    expect(() => loadConfig({ JOB_LOCK_MS: '500' })).toThrow(/JOB_LOCK_MS/);
  });

  it("grows a worker's heap by half of what is live unless HEAP_GROWING_PERCENT says otherwise", () => {
    expect(loadConfig({}).heapGrowingPercent).toBe(50);
    expect(loadConfig({ HEAP_GROWING_PERCENT: '0' }).heapGrowingPercent).toBe(0);
    expect(() => loadConfig({ HEAP_GROWING_PERCENT: 'some' })).toThrow(/HEAP_GROWING_PERCENT/);
  });

  it('refuses to start in production without a JWT secret', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET/);
  });

  it('hashes passwords at the standard cost unless a test run asks for the fast one', () => {
    expect(loadConfig({}).passwordHashCost).toBe('standard');
    expect(loadConfig({ NODE_ENV: 'test', PASSWORD_HASH_COST: 'fast' }).passwordHashCost).toBe(
      'fast',
    );
    expect(() => loadConfig({ PASSWORD_HASH_COST: 'fast' })).toThrow(/PASSWORD_HASH_COST=fast/);
    expect(() => loadConfig({ NODE_ENV: 'test', PASSWORD_HASH_COST: 'md5' })).toThrow(
      /PASSWORD_HASH_COST must be one of standard, fast/,
    );
  });
});

describe('loadConfig: account emails', () => {
  const production = { NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(32) };

  it('refuses to start in production without an SMTP server or a public address for links', () => {
    expect(() => loadConfig(production)).toThrow(/SMTP_URL[\s\S]*PUBLIC_BASE_URL/);
  });

  it('accepts production with both, and trims a trailing slash off the public address', () => {
    const config = loadConfig({
      ...production,
      SMTP_URL: 'smtps://user:pass@mail.example.id:465',
      PUBLIC_BASE_URL: 'https://jembatan.example.id/',
    });
    expect(config.smtpUrl).toBe('smtps://user:pass@mail.example.id:465');
    expect(config.publicBaseUrl).toBe('https://jembatan.example.id');
  });

  it('lets a production worker start without them (it sends no email)', () => {
    expect(loadConfig({ ...production, APP_ROLE: 'worker' }).smtpUrl).toBeNull();
  });

  it('leaves SMTP unset in development (emails are logged) and keeps access tokens short', () => {
    const config = loadConfig({});
    expect(config.smtpUrl).toBeNull();
    expect(config.jwtExpiresInSeconds).toBe(900);
  });

  it('refuses an SMTP URL of another protocol', () => {
    expect(() => loadConfig({ SMTP_URL: 'http://mail.example.id' })).toThrow(/SMTP_URL/);
  });
});
