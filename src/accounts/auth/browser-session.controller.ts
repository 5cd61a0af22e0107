import { Body, Controller, Delete, HttpCode, Post, Res } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import type { Principal } from '../principal';
import type { ClientInfo } from '../sessions/sessions.service';
import { AllowUnverified, CurrentClient, CurrentPrincipal, Public } from './auth.decorators';
import { LoginDto, MeView, RegisterDto } from './auth.dto';
import { AuthService } from './auth.service';
import { BrowserSessions } from './browser-session';

/**
 * Sign-in for the web console: the same accounts and sessions as /auth/login, but the credential
 * goes into an httpOnly cookie and the body carries no token. API clients keep /auth/login.
 */
@ApiTags('accounts')
@Controller('auth/session')
export class BrowserSessionController {
  constructor(
    private readonly auth: AuthService,
    private readonly browser: BrowserSessions,
  ) {}

  @Public()
  @Post()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Log in the console: session in an httpOnly cookie, no token in the body',
  })
  @ApiOkResponse({ type: MeView, description: 'sets jembatan_session and jembatan_csrf cookies' })
  async login(
    @Body() dto: LoginDto,
    @CurrentClient() client: ClientInfo,
    @Res({ passthrough: true }) res: Response,
  ): Promise<MeView> {
    const pair = await this.auth.login(dto, client);
    const { userId } = await this.browser.start(res, pair.accessToken);
    return this.auth.me(userId);
  }

  @Public()
  @Post('register')
  @ApiOperation({ summary: 'Register from the console and start its cookie session' })
  @ApiCreatedResponse({ type: MeView, description: 'also emails a verification link' })
  async register(
    @Body() dto: RegisterDto,
    @CurrentClient() client: ClientInfo,
    @Res({ passthrough: true }) res: Response,
  ): Promise<MeView> {
    const { accessToken, user, organization } = await this.auth.register(dto, client);
    await this.browser.start(res, accessToken);
    return { user, organization };
  }

  @Delete()
  @AllowUnverified()
  @HttpCode(204)
  @ApiOperation({ summary: 'Log out the console: end the session and clear its cookies' })
  @ApiNoContentResponse()
  async logout(
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) res: Response,
  ): Promise<void> {
    await this.auth.logout(principal);
    this.browser.end(res);
  }
}
