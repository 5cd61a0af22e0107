import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import * as argon2 from 'argon2';
import { DataSource, QueryFailedError } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { DomainError } from '../../common/domain-error';
import { RateLimiter } from '../../platform/rate-limiter';
import { ReferenceService } from '../../reference/reference.service';
import { Organization } from '../organization.entity';
import { User } from '../user.entity';
import {
  LoginDto,
  MeView,
  OrganizationContactDto,
  OrganizationView,
  RegisterDto,
  RegisteredView,
  TokenView,
  UserView,
} from './auth.dto';

const ARGON2_OPTIONS = { type: argon2.argon2id } as const;

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
  /** Verified against when the email is unknown, so that timing does not reveal which emails exist. */
  private readonly dummyHash: Promise<string>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jwt: JwtService,
    private readonly reference: ReferenceService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly limiter: RateLimiter,
  ) {
    this.dummyHash = argon2.hash('not-a-real-password', ARGON2_OPTIONS);
  }

  async register(dto: RegisterDto): Promise<RegisteredView> {
    if (!this.reference.region(dto.organization.regionCode)) {
      throw DomainError.validation([
        {
          field: 'organization.regionCode',
          message: `unknown region ${dto.organization.regionCode}`,
        },
      ]);
    }
    const passwordHash = await argon2.hash(dto.user.password, ARGON2_OPTIONS);
    try {
      const { organization, user } = await this.dataSource.transaction(async (manager) => {
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
          }),
        );
        return { organization, user };
      });
      return {
        ...(await this.issueToken(user.id)),
        user: UserView.from(user),
        organization: OrganizationView.from(organization),
      };
    } catch (error) {
      if (
        error instanceof QueryFailedError &&
        (error.driverError as { code?: string }).code === '23505'
      ) {
        throw DomainError.conflict('EMAIL_TAKEN', 'A user with this email already exists');
      }
      throw error;
    }
  }

  async login(dto: LoginDto): Promise<TokenView> {
    // Password guessing: after N failures an email is locked for the rest of the 15-minute window.
    const email = dto.email.trim().toLowerCase();
    const window = 15 * 60_000;
    await this.limiter.check(
      'login-failures',
      email,
      this.config.loginFailuresPer15Minutes,
      window,
    );
    const user = await this.dataSource
      .getRepository(User)
      .findOne({ where: { email: dto.email.trim().toLowerCase() } });
    const valid = await argon2.verify(user?.passwordHash ?? (await this.dummyHash), dto.password);
    if (!user || !valid) {
      await this.limiter.hit('login-failures', email, Number.MAX_SAFE_INTEGER, window);
      throw new DomainError(401, 'INVALID_CREDENTIALS', 'Email or password is wrong');
    }
    return this.issueToken(user.id);
  }

  async me(userId: string): Promise<MeView> {
    const user = await this.dataSource
      .getRepository(User)
      .findOne({ where: { id: userId }, relations: { organization: true } });
    if (!user?.organization) throw DomainError.unauthorized();
    return { user: UserView.from(user), organization: OrganizationView.from(user.organization) };
  }

  private async issueToken(userId: string): Promise<TokenView> {
    const accessToken = await this.jwt.signAsync({ sub: userId });
    return { accessToken, expiresIn: this.config.jwtExpiresInSeconds };
  }
}
