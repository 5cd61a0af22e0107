import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { waitFor } from './wait';

export interface ReceivedEmail {
  to: string[];
  subject: string;
  text: string;
}

/**
 * A real SMTP server inside the test process: the app sends through nodemailer as in production,
 * and tests read what arrived. Unref'd, so it never keeps a test process alive.
 */
export class MailSink {
  private constructor(
    private readonly server: SMTPServer,
    readonly url: string,
    readonly received: ReceivedEmail[],
  ) {}

  static async start(): Promise<MailSink> {
    const received: ReceivedEmail[] = [];
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData(stream, session, callback) {
        simpleParser(stream)
          .then((mail) => {
            received.push({
              to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
              subject: mail.subject ?? '',
              text: mail.text ?? '',
            });
            callback();
          })
          .catch((error: Error) => callback(error));
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    server.server.unref();
    const { port } = server.server.address() as AddressInfo;
    return new MailSink(server, `smtp://127.0.0.1:${port}`, received);
  }

  /** Emails to `to` so far, oldest first. */
  to(to: string): ReceivedEmail[] {
    return this.received.filter((m) => m.to.includes(to.toLowerCase()));
  }

  /** The newest email to `to` whose subject matches, once the (n+1)-th such email has arrived. */
  async waitForEmail(
    to: string,
    subject: RegExp,
    { count = 1, timeoutMs = 10_000 } = {},
  ): Promise<ReceivedEmail> {
    return waitFor(
      () => {
        const matching = this.to(to).filter((m) => subject.test(m.subject));
        return matching.length >= count ? matching[matching.length - 1] : undefined;
      },
      { timeoutMs, intervalMs: 10, what: `an email to ${to} about ${subject.source}` },
    );
  }

  /** The token of the link to `page` in the newest such email. */
  async tokenFor(
    to: string,
    page: 'verify-email' | 'reset-password' | 'accept-invitation',
    options: { count?: number; timeoutMs?: number } = {},
  ): Promise<string> {
    const email = await this.waitForEmail(to, SUBJECTS[page], options);
    const match = new RegExp(`/${page}\\?token=([^\\s]+)`).exec(email.text);
    if (!match) throw new Error(`no ${page} link in the email to ${to}:\n${email.text}`);
    return decodeURIComponent(match[1]);
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

const SUBJECTS = {
  'verify-email': /Verifikasi email/,
  'reset-password': /Atur ulang kata sandi/,
  'accept-invitation': /Undangan/,
} as const;

let shared: Promise<MailSink> | null = null;

/**
 * The process's sink, started on first use, with SMTP_URL pointing at it for every app started
 * afterwards in this process (and its child processes, which inherit the environment).
 */
export function sharedMailSink(): Promise<MailSink> {
  shared ??= MailSink.start().then((sink) => {
    process.env.SMTP_URL = sink.url;
    return sink;
  });
  return shared;
}
