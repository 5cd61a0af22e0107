import { passwords } from './password-hashing';

describe('password hashing', () => {
  it('uses argon2id at the library parameters (64 MiB, 3 passes, 4 lanes) by default', async () => {
    const hash = await passwords.hash('kata-sandi-rahasia', 'standard');
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=65536,p=4,t=3\$/);
    expect(await passwords.verify(hash, 'kata-sandi-rahasia')).toBe(true);
    expect(await passwords.verify(hash, 'kata-sandi-salah')).toBe(false);
  });

  it('makes a cheap but real argon2id hash for tests, which verifies like any other', async () => {
    const hash = await passwords.hash('kata-sandi-rahasia', 'fast');
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=1024,p=1,t=1\$/);
    expect(await passwords.verify(hash, 'kata-sandi-rahasia')).toBe(true);
    expect(await passwords.verify(hash, 'kata-sandi-salah')).toBe(false);
  });
});
