import * as argon2 from 'argon2';
import type { PasswordHashCost } from '../../config/app-config';

/**
 * How much work one password hash costs. `standard` is argon2id with the library's parameters
 * (64 MiB, 3 passes, 4 lanes: above OWASP's minimum of 19 MiB and 2 passes); about 190 ms of CPU
 * on this project's 2-core machines, which is the point against a stolen hash table.
 *
 * `fast` exists for the test suite alone (the configuration refuses it outside NODE_ENV=test): the
 * tests register and log in well over a thousand accounts, and at the standard cost those hashes
 * were a large share of the suite's CPU. A hash records its own parameters, so either kind of hash
 * verifies under either setting.
 */
const OPTIONS: Record<PasswordHashCost, argon2.HashOptions & { raw?: false }> = {
  standard: { type: argon2.argon2id },
  // The smallest argon2id the library accepts in practice: still a real argon2id hash.
  fast: { type: argon2.argon2id, memoryCost: 1024, timeCost: 1, parallelism: 1 },
};

/**
 * An object rather than bare functions: callers read `passwords.verify` on each call, so a test
 * can count verifications with jest.spyOn whatever the module format the transpiler emits.
 */
export const passwords = {
  hash(password: string, cost: PasswordHashCost): Promise<string> {
    return argon2.hash(password, OPTIONS[cost]);
  },
  verify(hash: string, password: string): Promise<boolean> {
    return argon2.verify(hash, password);
  },
};
