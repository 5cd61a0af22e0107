import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomInt, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { Principal } from '../../accounts/principal';
import { DomainError } from '../../common/domain-error';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { queryReturning } from '../../common/query-returning';
import { ChannelMessageWriter } from '../messages/channel-message.writer';
import { render } from '../texts/message-templates';
import { PhoneView, SetPhoneDto, UpdatePhoneDto, VerifyPhoneDto } from './phones.dto';
import { UserPhone } from './user-phone.entity';

const hash = (code: string) => createHash('sha256').update(code).digest('hex');

/**
 * A person's phone: set (which sends a one-time code over the chosen channel), proven with the
 * code (hashed at rest, expiring, a few tries), then opted in per channel. Opt-ins need a proven
 * number; WhatsApp is never opted in implicitly.
 */
@Injectable()
export class PhonesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly writer: ChannelMessageWriter,
  ) {}

  async get(principal: Principal): Promise<PhoneView> {
    return PhoneView.from(await this.load(principal));
  }

  async set(principal: Principal, dto: SetPhoneDto): Promise<PhoneView> {
    if (!this.config.channels.enabled.includes(dto.channel))
      throw DomainError.validation([
        { field: 'channel', message: `this deployment does not offer ${dto.channel}` },
      ]);
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    const expires = new Date(Date.now() + this.config.channels.otpTtlMinutes * 60_000);
    // A new number starts unproven and opted out; the same number keeps its state but gets a
    // fresh code (a lost code is asked for again this way).
    const [row] = await queryReturning<{ id: string }>(
      this.dataSource.manager,
      `INSERT INTO user_phones (user_id, organization_id, phone, language, code_hash, code_expires_at)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (user_id) DO UPDATE SET
         verified_at = CASE WHEN user_phones.phone = EXCLUDED.phone THEN user_phones.verified_at END,
         whatsapp_opt_in = user_phones.whatsapp_opt_in AND user_phones.phone = EXCLUDED.phone,
         sms_opt_in = user_phones.sms_opt_in AND user_phones.phone = EXCLUDED.phone,
         phone = EXCLUDED.phone, language = EXCLUDED.language,
         code_hash = EXCLUDED.code_hash, code_expires_at = EXCLUDED.code_expires_at,
         code_attempts = 0, updated_at = now()
       RETURNING id`,
      [
        principal.userId,
        principal.organizationId,
        dto.phone,
        dto.language ?? 'id',
        hash(code),
        expires,
      ],
    );
    await this.writer.queue([
      {
        organizationId: principal.organizationId,
        userId: principal.userId,
        phone: dto.phone,
        channel: dto.channel,
        sourceKey: `phone-code-${row.id}-${randomUUID()}`,
        message: render('phone_code', dto.language ?? 'id', {
          otp: code,
          minutes: String(this.config.channels.otpTtlMinutes),
        }),
      },
    ]);
    return this.get(principal);
  }

  async verify(principal: Principal, dto: VerifyPhoneDto): Promise<PhoneView> {
    // Every try counts, right or wrong, in one conditional UPDATE: parallel guesses cannot
    // exceed the limit.
    const [pending] = await queryReturning<{
      code_hash: string;
      expired: boolean;
      code_attempts: number;
    }>(
      this.dataSource.manager,
      `UPDATE user_phones SET code_attempts = code_attempts + 1
        WHERE user_id = $1 AND code_hash IS NOT NULL AND code_attempts < $2
        RETURNING code_hash, code_expires_at < now() AS expired, code_attempts`,
      [principal.userId, this.config.channels.otpMaxAttempts],
    );
    if (!pending || pending.expired)
      throw DomainError.conflict(
        'PHONE_CODE_EXPIRED',
        'No valid code for this phone (expired, used or too many tries): set the phone again for a new code',
      );
    if (pending.code_hash !== hash(dto.code)) {
      const left = this.config.channels.otpMaxAttempts - pending.code_attempts;
      throw DomainError.validation([
        {
          field: 'code',
          message: `the code is wrong (${left} ${left === 1 ? 'try' : 'tries'} left)`,
        },
      ]);
    }
    try {
      await this.dataSource.query(
        `UPDATE user_phones SET verified_at = now(), code_hash = NULL, code_expires_at = NULL,
                updated_at = now()
          WHERE user_id = $1 AND code_hash = $2`,
        [principal.userId, pending.code_hash],
      );
    } catch (error) {
      if ((error as { code?: string }).code === '23505')
        throw DomainError.conflict(
          'PHONE_TAKEN',
          'This number is already verified by another person',
        );
      throw error;
    }
    return this.get(principal);
  }

  async update(principal: Principal, dto: UpdatePhoneDto): Promise<PhoneView> {
    const phone = await this.load(principal);
    const optingIn = dto.whatsappOptIn === true || dto.smsOptIn === true;
    if (optingIn && !phone.verifiedAt)
      throw DomainError.conflict(
        'PHONE_NOT_VERIFIED',
        'Verify the phone with its code before opting in',
      );
    for (const [field, channel] of [
      ['whatsappOptIn', 'whatsapp'],
      ['smsOptIn', 'sms'],
    ] as const) {
      if (dto[field] === true && !this.config.channels.enabled.includes(channel))
        throw DomainError.validation([
          { field, message: `this deployment does not offer ${channel}` },
        ]);
    }
    await this.dataSource.query(
      `UPDATE user_phones SET whatsapp_opt_in = COALESCE($2, whatsapp_opt_in),
              sms_opt_in = COALESCE($3, sms_opt_in), language = COALESCE($4, language),
              updated_at = now()
        WHERE user_id = $1`,
      [principal.userId, dto.whatsappOptIn ?? null, dto.smsOptIn ?? null, dto.language ?? null],
    );
    return this.get(principal);
  }

  async remove(principal: Principal): Promise<void> {
    await this.dataSource.query(`DELETE FROM user_phones WHERE user_id = $1`, [principal.userId]);
  }

  private async load(principal: Principal): Promise<UserPhone> {
    const phone = await this.dataSource
      .getRepository(UserPhone)
      .findOne({ where: { userId: principal.userId } });
    if (!phone) throw DomainError.notFound('Phone');
    return phone;
  }
}
