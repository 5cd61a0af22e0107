import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, Matches } from 'class-validator';
import { E164 } from '../adapters/channel-adapter';
import { UserPhone } from './user-phone.entity';

export class SetPhoneDto {
  @ApiProperty({ example: '+6281234567890', description: 'E.164' })
  @Matches(E164, { message: 'phone must be in E.164 form, e.g. +6281234567890' })
  phone: string;

  @ApiProperty({ enum: ['whatsapp', 'sms'], description: 'where to send the one-time code' })
  @IsIn(['whatsapp', 'sms'], { message: 'channel must be whatsapp or sms' })
  channel: 'whatsapp' | 'sms';

  @ApiPropertyOptional({ enum: ['id', 'en'], default: 'id' })
  @IsOptional()
  @IsIn(['id', 'en'], { message: 'language must be id or en' })
  language?: 'id' | 'en';
}

export class VerifyPhoneDto {
  @ApiProperty({ example: '123456' })
  @Matches(/^\d{6}$/, { message: 'code must be the 6 digits received' })
  code: string;
}

export class UpdatePhoneDto {
  @ApiPropertyOptional({ description: 'receive notifications by WhatsApp (explicit opt-in)' })
  @IsOptional()
  @IsBoolean()
  whatsappOptIn?: boolean;

  @ApiPropertyOptional({ description: 'receive notifications by SMS' })
  @IsOptional()
  @IsBoolean()
  smsOptIn?: boolean;

  @ApiPropertyOptional({ enum: ['id', 'en'] })
  @IsOptional()
  @IsIn(['id', 'en'], { message: 'language must be id or en' })
  language?: 'id' | 'en';
}

export class PhoneView {
  @ApiProperty() phone: string;
  @ApiProperty({ enum: ['id', 'en'] }) language: string;
  @ApiProperty() verified: boolean;
  @ApiProperty() whatsappOptIn: boolean;
  @ApiProperty() smsOptIn: boolean;

  static from(p: UserPhone): PhoneView {
    return Object.assign(new PhoneView(), {
      phone: p.phone,
      language: p.language,
      verified: p.verifiedAt !== null,
      whatsappOptIn: p.whatsappOptIn,
      smsOptIn: p.smsOptIn,
    });
  }
}
