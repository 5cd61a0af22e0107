import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { passwords } from './password-hashing';
import { DataSource, QueryFailedError } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { DomainError } from '../../common/domain-error';
import { Mailer } from '../../mail/mailer';
import { RateLimiter } from '../../platform/rate-limiter';
import { ReferenceService } from '../../reference/reference.service';
import { Organization } from '../organization.entity';
import type { Principal } from '../principal';
import { ClientInfo, SessionsService, TokenPair } from '../sessions/sessions.service';
import { User } from '../user.entity';
import { linkTo, passwordResetEmail, verificationEmail } from './account-emails';
import { AccountTokens } from './account-tokens';
import {
  ChangePasswordDto,
  LoginDto,
  MeView,
  OrganizationContactDto,
  OrganizationView,
  PasswordResetConfirmDto,
  PasswordResetRequestDto,
  RegisterDto,
  RegisteredView,
  UserView,
  VerifyEmailDto,
} from './auth.dto';

const HOUR_MS = 3600_000;
/** Emails one address can be sent per hour (verification resends, reset requests). */
const EMAILS_PER_HOUR = 5;

export function isUniqueViolation(error: unknown): boolean {
  return (
    error instanceof QueryFailedError && (error.driverError as { code?: string }).code === '23505'
  );
}

/** The contact fields present in a DTO, trimmed (emails lower-cased); null clears. */
export function contactColumns(
  dto: OrganizationContactDto,
): Partial<Pick<Organization, 'contactName' | 'phone' | 'email'>> {
  const out: Partial<Pick<Organization, 'contactName' | 'phone' | 'email'>> = {};
  if (dto.contactName !== undefined) out.contactName = dto.contactName?.trim() ?? null;
  if (dto.phone !== undefined) out.phone = dto.phone;
  if (dto.email !== undefined) out.email = dto.email?.trim().toLowerCase() ?? null;
  return out;
}

@Injectable()
export class AuthService {
  private readonly logger = new Logger(AuthService.name);
  /** Verified against when the email is unknown, so that timing does not reveal which emails exist. */
  private readonly dummyHash: Promise<string>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reference: ReferenceService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly limiter: RateLimiter,
    private readonly sessions: SessionsService,
    private readonly tokens: AccountTokens,
    private readonly mailer: Mailer,
  ) {
    this.dummyHash = passwords.hash('not-a-real-password', config.passwordHashCost);
  }

  async register(dto: RegisterDto, client: ClientInfo): Promise<RegisteredView> {
    if (!this.reference.region(dto.organization.regionCode)) {
      throw DomainError.validation([
        {
          field: 'organization.regionCode',
          message: `unknown region ${dto.organization.regionCode}`,
        },
      ]);
    }
    const passwordHash = await passwords.hash(dto.user.password, this.config.passwordHashCost);
    try {
      const { organization, user, pair, verifyToken } = await this.dataSource.transaction(
        async (manager) => {
          const organization = await manager.save(
            manager.create(Organization, {
              name: dto.organization.name.trim(),
              type: dto.organization.type,
              regionCode: dto.organization.regionCode,
              ...contactColumns(dto.organization),
            }),
          );
          const user = await manager.save(
            manager.create(User, {
              organizationId: organization.id,
              email: dto.user.email.trim().toLowerCase(),
              name: dto.user.name.trim(),
              passwordHash,
              organizationRole: 'owner',
              emailVerifiedAt: null,
            }),
          );
          const verifyToken = await this.tokens.issue(
            user.id,
            'verify_email',
            this.config.emailVerificationTtlHours * HOUR_MS,
            manager,
          );
          const pair = await this.sessions.open(user.id, client, manager);
          return { organization, user, pair, verifyToken };
        },
      );
      // After commit, and not awaited: SMTP being slow or down must not fail the registration;
      // the user can ask for another email (POST /auth/verify-email/resend).
      this.mailer.sendInBackground(this.verificationEmailFor(user, verifyToken));
      return {
        ...pair,
        user: UserView.from(user),
        organization: OrganizationView.from(organization),
      };
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw DomainError.conflict('EMAIL_TAKEN', 'A user with this email already exists');
      }
      throw error;
    }
  }

  async login(dto: LoginDto, client: ClientInfo): Promise<TokenPair> {
    // Password guessing: each attempt takes one of N tries of the email's 15-minute window,
    // atomically and BEFORE the password is checked, so parallel guesses cannot all pass a check
    // made before any of them counted. A right password gives its try back.
    const email = dto.email.trim().toLowerCase();
    const attempt = await this.limiter.take(
      'login-failures',
      email,
      this.config.loginFailuresPer15Minutes,
      15 * 60_000,
    );
    const user = await this.dataSource.getRepository(User).findOne({ where: { email } });
    const valid = await passwords.verify(
      user?.passwordHash ?? (await this.dummyHash),
      dto.password,
    );
    if (!user || !valid)
      throw new DomainError(401, 'INVALID_CREDENTIALS', 'Email or password is wrong');
    await attempt.giveBack();
    return this.sessions.open(user.id, client);
  }

  refresh(refreshToken: string, client: ClientInfo): Promise<TokenPair> {
    return this.sessions.refresh(refreshToken, client);
  }

  logout(principal: Principal): Promise<void> {
    return this.sessions.revokeOwn(principal.userId, principal.sessionId, 'logout');
  }

  async me(userId: string): Promise<MeView> {
    const user = await this.dataSource
      .getRepository(User)
      .findOne({ where: { id: userId }, relations: { organization: true } });
    if (!user?.organization) throw DomainError.unauthorized();
    return { user: UserView.from(user), organization: OrganizationView.from(user.organization) };
  }

  async verifyEmail(dto: VerifyEmailDto): Promise<MeView> {
    const userId = await this.dataSource.transaction(async (manager) => {
      const userId = await this.tokens.consume(dto.token, 'verify_email', manager);
      if (!userId) return null;
      await manager.query(
        `UPDATE users SET email_verified_at = coalesce(email_verified_at, now()) WHERE id = $1`,
        [userId],
      );
      return userId;
    });
    if (!userId) throw invalidToken('verification');
    return this.me(userId);
  }

  async resendVerification(principal: Principal): Promise<void> {
    const user = await this.dataSource
      .getRepository(User)
      .findOneOrFail({ where: { id: principal.userId } });
    if (user.emailVerifiedAt) {
      throw DomainError.conflict('EMAIL_ALREADY_VERIFIED', 'This email is already verified');
    }
    await this.limiter.hit('verification-emails', user.id, EMAILS_PER_HOUR, HOUR_MS);
    const token = await this.tokens.issue(
      user.id,
      'verify_email',
      this.config.emailVerificationTtlHours * HOUR_MS,
    );
    await this.mailer.send(this.verificationEmailFor(user, token));
  }

  /** Signs out every other session: whoever else knew the old password is out. */
  async changePassword(principal: Principal, dto: ChangePasswordDto): Promise<void> {
    const user = await this.dataSource
      .getRepository(User)
      .findOneOrFail({ where: { id: principal.userId } });
    if (!(await passwords.verify(user.passwordHash, dto.currentPassword))) {
      throw new DomainError(400, 'WRONG_PASSWORD', 'The current password is wrong', [
        { field: 'currentPassword', message: 'does not match' },
      ]);
    }
    const passwordHash = await passwords.hash(dto.newPassword, this.config.passwordHashCost);
    await this.dataSource.transaction(async (manager) => {
      await manager.query(`UPDATE users SET password_hash = $2 WHERE id = $1`, [
        user.id,
        passwordHash,
      ]);
      await this.sessions.revokeAllOfUser(
        user.id,
        'password_changed',
        principal.sessionId,
        manager,
      );
    });
  }

  /**
   * Always the same answer, sent at once whether or not the email exists: the email (if any)
   * goes out in the background, so neither the body nor the timing tells who has an account.
   */
  async requestPasswordReset(dto: PasswordResetRequestDto): Promise<void> {
    const email = dto.email.trim().toLowerCase();
    await this.limiter.hit('password-reset-emails', email, EMAILS_PER_HOUR, HOUR_MS);
    void this.sendPasswordReset(email);
  }

  /** Also proves the address (the token came by email); every session is signed out. */
  async confirmPasswordReset(dto: PasswordResetConfirmDto): Promise<void> {
    const passwordHash = await passwords.hash(dto.password, this.config.passwordHashCost);
    const userId = await this.dataSource.transaction(async (manager) => {
      const userId = await this.tokens.consume(dto.token, 'password_reset', manager);
      if (!userId) return null;
      await manager.query(
        `UPDATE users SET password_hash = $2, email_verified_at = coalesce(email_verified_at, now())
          WHERE id = $1`,
        [userId, passwordHash],
      );
      await this.sessions.revokeAllOfUser(userId, 'password_reset', null, manager);
      return userId;
    });
    if (!userId) throw invalidToken('password reset');
  }

  private async sendPasswordReset(email: string): Promise<void> {
    try {
      const user = await this.dataSource.getRepository(User).findOne({ where: { email } });
      if (!user) return;
      const token = await this.tokens.issue(
        user.id,
        'password_reset',
        this.config.passwordResetTtlMinutes * 60_000,
      );
      const link = linkTo(this.config.publicBaseUrl, 'reset-password', token);
      this.mailer.sendInBackground(
        passwordResetEmail(user.email, user.name, link, this.config.passwordResetTtlMinutes),
      );
    } catch (error) {
      // Nobody waits for this (see requestPasswordReset): log it; the person can ask again.
      this.logger.error({ err: (error as Error).message }, 'password reset email not prepared');
    }
  }

  private verificationEmailFor(user: User, token: string) {
    const link = linkTo(this.config.publicBaseUrl, 'verify-email', token);
    return verificationEmail(user.email, user.name, link, this.config.emailVerificationTtlHours);
  }
}

function invalidToken(what: string): DomainError {
  return new DomainError(
    400,
    'INVALID_TOKEN',
    `This ${what} link is unknown, expired or already used; ask for a new one`,
    [{ field: 'token', message: 'unknown, expired or already used' }],
  );
}
