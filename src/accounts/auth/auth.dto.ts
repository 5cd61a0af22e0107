import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsDefined,
  IsEmail,
  IsIn,
  IsOptional,
  IsString,
  Length,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import {
  ORGANIZATION_TYPES,
  Organization,
  OrganizationType,
  VERIFICATION_STATUSES,
  VerificationStatus,
} from '../organization.entity';
import { ORGANIZATION_ROLES, type OrganizationRole, type User } from '../user.entity';

/** E.164: a plus, a country code not starting with 0, at most 15 digits in all. */
export const E164 = /^\+[1-9]\d{6,14}$/;

/**
 * The organization's contact for counterparts of its confirmed trades. Every field optional (older
 * clients send none); null clears one on PATCH.
 */
export class OrganizationContactDto {
  @ApiPropertyOptional({ example: 'Siti Rahayu', nullable: true, type: String })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  contactName?: string | null;

  @ApiPropertyOptional({ example: '+6281234567890', nullable: true, type: String })
  @IsOptional()
  @IsString()
  @Matches(E164, { message: 'phone must be in E.164 form, e.g. +6281234567890' })
  phone?: string | null;

  @ApiPropertyOptional({ example: 'pemasaran@kud-makmur.id', nullable: true, type: String })
  @IsOptional()
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(320)
  email?: string | null;
}

export class NewOrganizationDto extends OrganizationContactDto {
  @ApiProperty({ example: 'KUD Tani Makmur Malang' })
  @IsString()
  @Length(2, 200)
  name: string;

  @ApiProperty({ enum: ORGANIZATION_TYPES })
  @IsIn(ORGANIZATION_TYPES)
  type: OrganizationType;

  @ApiProperty({ example: '35.07', description: 'Kemendagri code of the home region' })
  @IsString()
  @Matches(/^\d{2}(\.\d{2})?$/, { message: 'regionCode must look like 35 or 35.07' })
  regionCode: string;
}

export class NewUserDto {
  @ApiProperty({ example: 'siti@kud-makmur.id' })
  @IsEmail()
  @MaxLength(320)
  email: string;

  @ApiProperty({ minLength: 10, maxLength: 200 })
  @IsString()
  @Length(10, 200)
  password: string;

  @ApiProperty({ example: 'Siti Rahayu' })
  @IsString()
  @Length(1, 200)
  name: string;
}

export class RegisterDto {
  @ApiProperty({ type: NewOrganizationDto })
  @IsDefined()
  @ValidateNested()
  @Type(() => NewOrganizationDto)
  organization: NewOrganizationDto;

  @ApiProperty({ type: NewUserDto })
  @IsDefined()
  @ValidateNested()
  @Type(() => NewUserDto)
  user: NewUserDto;
}

export class LoginDto {
  @ApiProperty()
  @IsEmail()
  @MaxLength(320)
  email: string;

  @ApiProperty()
  @IsString()
  @Length(1, 200)
  password: string;
}

export class OrganizationView {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ORGANIZATION_TYPES }) type: OrganizationType;
  @ApiProperty() regionCode: string;
  @ApiProperty({ nullable: true, type: String }) contactName: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'E.164' }) phone: string | null;
  @ApiProperty({ nullable: true, type: String }) email: string | null;
  @ApiProperty() createdAt: string;
  @ApiProperty({ enum: VERIFICATION_STATUSES, description: 'set by platform administrators' })
  verificationStatus: VerificationStatus;
  @ApiProperty({ description: 'proposals from verified counterparts only' })
  verifiedCounterpartsOnly: boolean;

  static from(o: Organization): OrganizationView {
    return Object.assign(new OrganizationView(), {
      id: o.id,
      name: o.name,
      type: o.type,
      regionCode: o.regionCode,
      contactName: o.contactName,
      phone: o.phone,
      email: o.email,
      createdAt: o.createdAt.toISOString(),
      verificationStatus: o.verificationStatus,
      verifiedCounterpartsOnly: o.verifiedCounterpartsOnly,
    });
  }
}

export class UserView {
  @ApiProperty() id: string;
  @ApiProperty() email: string;
  @ApiProperty() name: string;
  @ApiProperty() organizationId: string;
  @ApiProperty() createdAt: string;
  @ApiProperty({ description: 'until true the account can read but not write' })
  emailVerified: boolean;
  @ApiProperty({ enum: ORGANIZATION_ROLES }) organizationRole: OrganizationRole;

  static from(u: User): UserView {
    return Object.assign(new UserView(), {
      id: u.id,
      email: u.email,
      name: u.name,
      organizationId: u.organizationId,
      createdAt: u.createdAt.toISOString(),
      emailVerified: Boolean(u.emailVerifiedAt),
      organizationRole: u.organizationRole,
    });
  }
}

export class TokenView {
  @ApiProperty() accessToken: string;
  @ApiProperty({ description: 'seconds until the token expires' }) expiresIn: number;
  @ApiProperty({ description: 'opaque, single use: POST /auth/refresh trades it for a new pair' })
  refreshToken: string;
}

export class RegisteredView extends TokenView {
  @ApiProperty({ type: UserView }) user: UserView;
  @ApiProperty({ type: OrganizationView }) organization: OrganizationView;
}

export class MeView {
  @ApiProperty({ type: UserView }) user: UserView;
  @ApiProperty({ type: OrganizationView }) organization: OrganizationView;
}

/** An emailed token: 32 random bytes, base64url (43 characters). */
const TOKEN_LENGTH = [20, 200] as const;

export class VerifyEmailDto {
  @ApiProperty({ description: 'the token from the link in the verification email' })
  @IsString()
  @Length(...TOKEN_LENGTH)
  token: string;
}

export class PasswordResetRequestDto {
  @ApiProperty({ example: 'siti@kud-makmur.id' })
  @IsEmail()
  @MaxLength(320)
  email: string;
}

export class PasswordResetConfirmDto {
  @ApiProperty({ description: 'the token from the link in the reset email' })
  @IsString()
  @Length(...TOKEN_LENGTH)
  token: string;

  @ApiProperty({ minLength: 10, maxLength: 200 })
  @IsString()
  @Length(10, 200)
  password: string;
}

export class ChangePasswordDto {
  @ApiProperty()
  @IsString()
  @Length(1, 200)
  currentPassword: string;

  @ApiProperty({ minLength: 10, maxLength: 200 })
  @IsString()
  @Length(10, 200)
  newPassword: string;
}
