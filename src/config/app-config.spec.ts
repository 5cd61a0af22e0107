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

  it('refuses to start in production without a JWT secret', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET/);
  });
});
