import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsEmail,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  MaxLength,
} from 'class-validator';
import {
  ORGANIZATION_TYPES,
  Organization,
  OrganizationType,
  VERIFICATION_STATUSES,
  VerificationStatus,
} from '../accounts/organization.entity';
import { PageQuery } from '../common/pagination';
import {
  AUDIT_ACTIONS,
  AUDIT_TARGET_TYPES,
  AuditAction,
  AuditLogEntry,
  AuditTargetType,
} from './audit-log.entity';

export class AdminOrganizationQuery extends PageQuery {
  @ApiPropertyOptional({ enum: VERIFICATION_STATUSES, example: 'unverified' })
  @IsOptional()
  @IsIn(VERIFICATION_STATUSES)
  verificationStatus?: VerificationStatus;

  @ApiPropertyOptional({ enum: ORGANIZATION_TYPES })
  @IsOptional()
  @IsIn(ORGANIZATION_TYPES)
  type?: OrganizationType;
}

export class VerifyOrganizationDto {
  @ApiPropertyOptional({ example: 'SK Bupati dan NPWP diperiksa' })
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  note?: string;
}

export class RejectOrganizationDto {
  @ApiProperty({
    description: 'why, for the organization (it receives this note)',
    example: 'Dokumen pendirian tidak dapat diverifikasi',
  })
  @IsString()
  @Length(1, 2000)
  @Matches(/\S/, { message: 'note must not be blank' })
  note: string;
}

export class AdminUserSummary {
  @ApiProperty() id: string;
  @ApiProperty() email: string;
  @ApiProperty() name: string;
}

export class AdminOrganizationView {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ORGANIZATION_TYPES }) type: OrganizationType;
  @ApiProperty() regionCode: string;
  @ApiProperty({ enum: VERIFICATION_STATUSES }) verificationStatus: VerificationStatus;
  @ApiProperty({ nullable: true, type: String }) contactName: string | null;
  @ApiProperty({ nullable: true, type: String }) phone: string | null;
  @ApiProperty({ nullable: true, type: String }) email: string | null;
  @ApiProperty({ type: [AdminUserSummary], description: 'the accounts of the organization' })
  users: AdminUserSummary[];
  @ApiProperty() createdAt: string;

  static from(o: Organization, users: AdminUserSummary[]): AdminOrganizationView {
    return Object.assign(new AdminOrganizationView(), {
      id: o.id,
      name: o.name,
      type: o.type,
      regionCode: o.regionCode,
      verificationStatus: o.verificationStatus,
      contactName: o.contactName,
      phone: o.phone,
      email: o.email,
      users,
      createdAt: o.createdAt.toISOString(),
    });
  }
}

export class AuditLogQuery extends PageQuery {
  @ApiPropertyOptional({ enum: AUDIT_ACTIONS })
  @IsOptional()
  @IsIn(AUDIT_ACTIONS)
  action?: AuditAction;

  @ApiPropertyOptional({ enum: AUDIT_TARGET_TYPES })
  @IsOptional()
  @IsIn(AUDIT_TARGET_TYPES)
  targetType?: AuditTargetType;

  @ApiPropertyOptional({ description: 'entries about this organization or user' })
  @IsOptional()
  @IsUUID()
  targetId?: string;
}

export class AuditLogView {
  @ApiProperty() id: string;
  @ApiProperty({ nullable: true, type: String, description: 'null: the command line' })
  actorUserId: string | null;
  @ApiProperty({ description: "the actor's email then, or the command line's operator" })
  actorLabel: string;
  @ApiProperty({ enum: AUDIT_ACTIONS }) action: AuditAction;
  @ApiProperty({ enum: AUDIT_TARGET_TYPES }) targetType: AuditTargetType;
  @ApiProperty() targetId: string;
  @ApiProperty({ description: "the organization's name or the user's email then" })
  targetLabel: string;
  @ApiProperty({ nullable: true, type: String }) note: string | null;
  @ApiProperty({ description: 'when' }) at: string;

  static from(e: AuditLogEntry): AuditLogView {
    return Object.assign(new AuditLogView(), {
      id: e.id,
      actorUserId: e.actorUserId,
      actorLabel: e.actorLabel,
      action: e.action,
      targetType: e.targetType,
      targetId: e.targetId,
      targetLabel: e.targetLabel,
      note: e.note,
      at: e.createdAt.toISOString(),
    });
  }
}

export class GrantAdministratorDto {
  @ApiProperty({ example: 'operator@jembatan.id', description: 'an existing account' })
  @IsEmail()
  @MaxLength(320)
  email: string;
}

export class AdministratorView {
  @ApiProperty() userId: string;
  @ApiProperty() email: string;
  @ApiProperty() name: string;
  @ApiProperty() grantedAt: string;

  static of(
    account: { id: string; email: string; name: string },
    grantedAt: Date,
  ): AdministratorView {
    return Object.assign(new AdministratorView(), {
      userId: account.id,
      email: account.email,
      name: account.name,
      grantedAt: grantedAt.toISOString(),
    });
  }
}

export class AdministratorList {
  @ApiProperty({ type: [AdministratorView] }) items: AdministratorView[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
