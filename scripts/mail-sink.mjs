// A development mail catcher for machines without Mailpit: an SMTP server on 127.0.0.1 that
// writes every email it receives to a folder, one JSON file each ({to, subject, text}).
//   node scripts/mail-sink.mjs [--port 2525] [--dir .demo/mail]
// then start Jembatan with SMTP_URL=smtp://127.0.0.1:2525. Imported, it offers waitForToken(),
// which reads the token of the newest link to a page (verify-email, reset-password,
// accept-invitation) emailed to an address, e.g. for a script that registers and verifies.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export async function startMailSink({ port = 2525, dir = '.demo/mail' } = {}) {
  const { SMTPServer } = await import('smtp-server');
  const { simpleParser } = await import('mailparser');
  mkdirSync(dir, { recursive: true });
  let n = readdirSync(dir).length;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((mail) => {
          const email = {
            to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
            subject: mail.subject ?? '',
            text: mail.text ?? '',
            receivedAt: new Date().toISOString(),
          };
          n += 1;
          writeFileSync(join(dir, `${String(n).padStart(6, '0')}.json`), JSON.stringify(email, null, 2));
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  return server;
}

export async function waitForToken(dir, to, page, { timeoutMs = 15000 } = {}) {
  const deadline = Date.now() + timeoutMs;
  const pattern = new RegExp(`/${page}\\?token=([^\\s]+)`);
  for (;;) {
    let files = [];
    try {
      files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort().reverse();
    } catch {
      // the folder appears with the first email
    }
    for (const file of files) {
      const email = JSON.parse(readFileSync(join(dir, file), 'utf8'));
      const match = email.to.includes(to.toLowerCase()) ? pattern.exec(email.text) : null;
      if (match) return decodeURIComponent(match[1]);
    }
    if (Date.now() > deadline) throw new Error(`no ${page} email to ${to} in ${dir}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const arg = (name, fallback) => {
    const at = process.argv.indexOf(`--${name}`);
    return at >= 0 ? process.argv[at + 1] : fallback;
  };
  const port = Number(arg('port', '2525'));
  const dir = arg('dir', '.demo/mail');
  await startMailSink({ port, dir });
  console.log(`mail sink: smtp://127.0.0.1:${port}, emails written to ${dir}/`);
}
