import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { createTransport, type Transporter } from 'nodemailer';
import { APP_CONFIG, AppConfig } from '../config/app-config';

export interface Email {
  to: string;
  subject: string;
  text: string;
}

/**
 * Sends account emails over SMTP. Without SMTP_URL (allowed outside production only) nothing is
 * sent: each email is logged as a warning, link included, so a developer can still follow it.
 */
@Injectable()
export class Mailer implements OnModuleDestroy {
  private readonly logger = new Logger(Mailer.name);
  private readonly transport: Transporter | null;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.transport = config.smtpUrl
      ? createTransport(config.smtpUrl, { from: config.mailFrom })
      : null;
  }

  async send(email: Email): Promise<void> {
    if (!this.transport) {
      this.logger.warn(
        { to: email.to, subject: email.subject, text: email.text },
        'SMTP_URL is not set: this email was not sent (development only)',
      );
      return;
    }
    await this.transport.sendMail({ to: email.to, subject: email.subject, text: email.text });
  }

  /**
   * For callers that must not wait (or reveal by their timing whether an email went out):
   * a failure is logged, never thrown; the person can ask again.
   */
  sendInBackground(email: Email): void {
    this.send(email).catch((error: Error) =>
      this.logger.error({ err: error.message, subject: email.subject }, 'email not sent'),
    );
  }

  onModuleDestroy(): void {
    this.transport?.close();
  }
}
