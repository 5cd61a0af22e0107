import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
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
  @ApiOkResponse({ type: PhoneView })
  get(@CurrentPrincipal() principal: Principal): Promise<PhoneView> {
    return this.phones.get(principal);
  }

  /** Sets the number and sends a one-time code to it over `channel`. */
  @Put()
  @ApiOkResponse({ type: PhoneView })
  set(@CurrentPrincipal() principal: Principal, @Body() dto: SetPhoneDto): Promise<PhoneView> {
    return this.phones.set(principal, dto);
  }

  @Post('verify')
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
  @ApiOkResponse({ type: PhoneView })
  update(
    @CurrentPrincipal() principal: Principal,
    @Body() dto: UpdatePhoneDto,
  ): Promise<PhoneView> {
    return this.phones.update(principal, dto);
  }

  @Delete()
  @HttpCode(204)
  remove(@CurrentPrincipal() principal: Principal): Promise<void> {
    return this.phones.remove(principal);
  }
}
