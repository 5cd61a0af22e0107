import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsIn, IsString, Length, MaxLength } from 'class-validator';
import { ORGANIZATION_ROLES, type OrganizationRole } from '../user.entity';

export class InvitationDto {
  @ApiProperty({ example: 'budi@kud-makmur.id' })
  @IsEmail()
  @MaxLength(320)
  email: string;

  @ApiProperty({ enum: ORGANIZATION_ROLES })
  @IsIn(ORGANIZATION_ROLES)
  role: OrganizationRole;
}

export class AcceptInvitationDto {
  @ApiProperty({ description: 'the token from the link in the invitation email' })
  @IsString()
  @Length(20, 200)
  token: string;

  @ApiProperty({ example: 'Budi Santoso' })
  @IsString()
  @Length(1, 200)
  name: string;

  @ApiProperty({ minLength: 10, maxLength: 200 })
  @IsString()
  @Length(10, 200)
  password: string;
}

export class InvitationView {
  @ApiProperty() id: string;
  @ApiProperty() email: string;
  @ApiProperty({ enum: ORGANIZATION_ROLES }) role: OrganizationRole;
  @ApiProperty() expiresAt: string;
  @ApiProperty() createdAt: string;
}

export class MemberView {
  @ApiProperty() id: string;
  @ApiProperty() email: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ORGANIZATION_ROLES }) organizationRole: OrganizationRole;
  @ApiProperty() emailVerified: boolean;
  @ApiProperty() createdAt: string;
}

export class MemberListView {
  @ApiProperty({ type: [MemberView] }) items: MemberView[];
  @ApiProperty({ type: [InvitationView], description: 'sent, not yet accepted, not expired' })
  pendingInvitations: InvitationView[];
}
