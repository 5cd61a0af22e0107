import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The token of the newest link to `page` emailed to `to`, as its owner would open it. */
export async function linkFor(mailDir: string, to: string, page: string, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  const pattern = new RegExp(`(/${page}\\?token=[^\\s]+)`);
  for (;;) {
    const files = readdirSync(mailDir).filter((f) => f.endsWith('.json')).sort().reverse();
    for (const file of files) {
      const email = JSON.parse(readFileSync(join(mailDir, file), 'utf8')) as { to: string[]; text: string };
      const match = email.to.includes(to.toLowerCase()) ? pattern.exec(email.text) : null;
      if (match?.[1]) return match[1];
    }
    if (Date.now() > deadline) throw new Error(`no ${page} email to ${to}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
