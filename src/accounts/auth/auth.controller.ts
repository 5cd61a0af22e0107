import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Principal } from '../principal';
import { RefreshDto } from '../sessions/sessions.dto';
import type { ClientInfo } from '../sessions/sessions.service';
import { AllowUnverified, CurrentClient, CurrentPrincipal, Public } from './auth.decorators';
import {
  ChangePasswordDto,
  LoginDto,
  MeView,
  PasswordResetConfirmDto,
  PasswordResetRequestDto,
  RegisterDto,
  RegisteredView,
  TokenView,
  VerifyEmailDto,
} from './auth.dto';
import { AuthService } from './auth.service';

@ApiTags('accounts')
@Controller()
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Post('auth/register')
  @ApiCreatedResponse({ type: RegisteredView, description: 'also emails a verification link' })
  @ApiOperation({ summary: 'Register an organization and its first user (owner)' })
  register(@Body() dto: RegisterDto, @CurrentClient() client: ClientInfo): Promise<RegisteredView> {
    return this.auth.register(dto, client);
  }

  @Public()
  @Post('auth/login')
  @HttpCode(200)
  @ApiOkResponse({ type: TokenView })
  @ApiOperation({ summary: 'Log in with email and password: bearer and refresh tokens' })
  login(@Body() dto: LoginDto, @CurrentClient() client: ClientInfo): Promise<TokenView> {
    return this.auth.login(dto, client);
  }

  @Public()
  @Post('auth/refresh')
  @HttpCode(200)
  @ApiOkResponse({ type: TokenView, description: 'the refresh token given is used up' })
  @ApiOperation({ summary: 'Trade a refresh token for a new token pair' })
  refresh(@Body() dto: RefreshDto, @CurrentClient() client: ClientInfo): Promise<TokenView> {
    return this.auth.refresh(dto.refreshToken, client);
  }

  @Post('auth/logout')
  @AllowUnverified()
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiNoContentResponse({ description: "this token's session and its refresh tokens stop working" })
  @ApiOperation({ summary: "Sign out this token's session" })
  logout(@CurrentPrincipal() principal: Principal): Promise<void> {
    return this.auth.logout(principal);
  }

  @Public()
  @Post('auth/verify-email')
  @HttpCode(200)
  @ApiOkResponse({ type: MeView })
  @ApiOperation({ summary: 'Verify the email address with the emailed token' })
  verifyEmail(@Body() dto: VerifyEmailDto): Promise<MeView> {
    return this.auth.verifyEmail(dto);
  }

  @Post('auth/verify-email/resend')
  @AllowUnverified()
  @HttpCode(202)
  @ApiBearerAuth()
  @ApiAcceptedResponse({ description: 'a new link is emailed; earlier ones stop working' })
  @ApiOperation({ summary: 'Email a new verification link' })
  resendVerification(@CurrentPrincipal() principal: Principal): Promise<void> {
    return this.auth.resendVerification(principal);
  }

  @Public()
  @Post('auth/password-reset')
  @HttpCode(202)
  @ApiAcceptedResponse({ description: 'the same answer whether or not the email has an account' })
  @ApiOperation({ summary: 'Email a password reset link' })
  requestPasswordReset(@Body() dto: PasswordResetRequestDto): Promise<void> {
    return this.auth.requestPasswordReset(dto);
  }

  @Public()
  @Post('auth/password-reset/confirm')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'password set; every session signed out' })
  @ApiOperation({ summary: 'Set a new password with the emailed reset token' })
  confirmPasswordReset(@Body() dto: PasswordResetConfirmDto): Promise<void> {
    return this.auth.confirmPasswordReset(dto);
  }

  @Post('me/password')
  @AllowUnverified()
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiNoContentResponse({ description: 'password changed; every other session signed out' })
  @ApiOperation({ summary: "Change one's own password" })
  changePassword(
    @CurrentPrincipal() principal: Principal,
    @Body() dto: ChangePasswordDto,
  ): Promise<void> {
    return this.auth.changePassword(principal, dto);
  }

  @Get('me')
  @ApiBearerAuth()
  @ApiOkResponse({ type: MeView })
  @ApiOperation({ summary: 'The signed-in user and their organization' })
  me(@CurrentPrincipal() principal: Principal): Promise<MeView> {
    return this.auth.me(principal.userId);
  }
}
