import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Principal } from '../principal';
import { CurrentPrincipal, Public } from './auth.decorators';
import { LoginDto, MeView, RegisterDto, RegisteredView, TokenView } from './auth.dto';
import { AuthService } from './auth.service';

@ApiTags('accounts')
@Controller()
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Post('auth/register')
  @ApiCreatedResponse({ type: RegisteredView })
  register(@Body() dto: RegisterDto): Promise<RegisteredView> {
    return this.auth.register(dto);
  }

  @Public()
  @Post('auth/login')
  @HttpCode(200)
  @ApiOkResponse({ type: TokenView })
  login(@Body() dto: LoginDto): Promise<TokenView> {
    return this.auth.login(dto);
  }

  @Get('me')
  @ApiBearerAuth()
  @ApiOkResponse({ type: MeView })
  me(@CurrentPrincipal() principal: Principal): Promise<MeView> {
    return this.auth.me(principal.userId);
  }
}
