import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../../accounts/auth/auth.decorators';
import type { Principal } from '../../accounts/principal';
import { PhoneView, SetPhoneDto, UpdatePhoneDto, VerifyPhoneDto } from './phones.dto';
import { PhonesService } from './phones.service';

@ApiTags('channels')
@ApiBearerAuth()
@Controller('me/phone')
export class PhonesController {
  constructor(private readonly phones: PhonesService) {}

  @Get()
  @ApiOperation({ summary: 'Your phone number for WhatsApp and SMS notifications' })
  @ApiOkResponse({ type: PhoneView })
  get(@CurrentPrincipal() principal: Principal): Promise<PhoneView> {
    return this.phones.get(principal);
  }

  /** Sets the number and sends a one-time code to it over `channel`. */
  @Put()
  @ApiOperation({ summary: 'Set your phone number and send it a one-time code' })
  @ApiOkResponse({ type: PhoneView })
  set(@CurrentPrincipal() principal: Principal, @Body() dto: SetPhoneDto): Promise<PhoneView> {
    return this.phones.set(principal, dto);
  }

  @Post('verify')
  @ApiOperation({ summary: 'Verify your phone number with the one-time code' })
  @HttpCode(200)
  @ApiOkResponse({ type: PhoneView })
  verify(
    @CurrentPrincipal() principal: Principal,
    @Body() dto: VerifyPhoneDto,
  ): Promise<PhoneView> {
    return this.phones.verify(principal, dto);
  }

  /** Opt in or out per channel, or change the language of the messages. */
  @Patch()
  @ApiOperation({ summary: 'Opt in or out per channel, or change the message language' })
  @ApiOkResponse({ type: PhoneView })
  update(
    @CurrentPrincipal() principal: Principal,
    @Body() dto: UpdatePhoneDto,
  ): Promise<PhoneView> {
    return this.phones.update(principal, dto);
  }

  @Delete()
  @ApiOperation({ summary: 'Remove your phone number: no more messages to it' })
  @HttpCode(204)
  remove(@CurrentPrincipal() principal: Principal): Promise<void> {
    return this.phones.remove(principal);
  }
}
