import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';

export class RefreshDto {
  @ApiProperty({ description: 'the refresh token from register, login or the previous refresh' })
  @IsString()
  @Length(20, 200)
  refreshToken: string;
}

export class SessionView {
  @ApiProperty() id: string;
  @ApiProperty({ nullable: true, type: String }) userAgent: string | null;
  @ApiProperty({ nullable: true, type: String }) ip: string | null;
  @ApiProperty() createdAt: string;
  @ApiProperty() lastUsedAt: string;
  @ApiProperty() expiresAt: string;
  @ApiProperty({ description: 'the session of the token making this request' }) current: boolean;
}

export class SessionListView {
  @ApiProperty({ type: [SessionView] }) items: SessionView[];
}
