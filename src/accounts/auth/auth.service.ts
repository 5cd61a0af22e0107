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
  OrganizationView,
  RegisterDto,
  RegisteredView,
  TokenView,
  UserView,
} from './auth.dto';

const ARGON2_OPTIONS = { type: argon2.argon2id } as const;

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
    const valid = await argon2.verify(user?.passwordHash ?? (await this.dummyHash), dto.password);
    if (!user || !valid)
      throw new DomainError(401, 'INVALID_CREDENTIALS', 'Email or password is wrong');
    await attempt.giveBack();
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
