import { Module } from '@nestjs/common';
import { createSecretKey } from 'node:crypto';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { OutboxModule } from '../outbox/outbox.module';
import { ReferenceModule } from '../reference/reference.module';
import { AuthController } from './auth/auth.controller';
import { AuthGuard } from './auth/auth.guard';
import { AuthService } from './auth/auth.service';
import { AccountTokens } from './auth/account-tokens';
import { MailModule } from '../mail/mail.module';
import { MembersController } from './members/members.controller';
import { MembersService } from './members/members.service';
import { SessionsController } from './sessions/sessions.controller';
import { SessionsService } from './sessions/sessions.service';
import { MatchingPreferencesController } from './preferences/matching-preferences.controller';
import { MatchingPreferences } from './preferences/matching-preferences.service';
import { OrganizationsController } from './organizations.controller';
import { OrganizationsService } from './organizations.service';
import { StreamTicketStore } from './auth/stream-ticket.store';
import { BrowserSessionController } from './auth/browser-session.controller';
import { BrowserSessions } from './auth/browser-session';

@Module({
  imports: [
    ReferenceModule,
    MailModule,
    OutboxModule,
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        // A KeyObject: given a string, jsonwebtoken first tries (and fails) to parse it as a public
        // key on every verify, which cost about 4% of CPU under load.
        secret: createSecretKey(Buffer.from(config.jwtSecret)),
        signOptions: { expiresIn: config.jwtExpiresInSeconds, algorithm: 'HS256' },
        // jsonwebtoken has no option to require `exp`: AuthGuard refuses a token without one.
        verifyOptions: { algorithms: ['HS256'] },
      }),
    }),
  ],
  controllers: [
    AuthController,
    BrowserSessionController,
    SessionsController,
    MembersController,
    MatchingPreferencesController,
    OrganizationsController,
  ],
  providers: [
    MatchingPreferences,
    StreamTicketStore,
    OrganizationsService,
    AuthService,
    BrowserSessions,
    AccountTokens,
    SessionsService,
    MembersService,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [JwtModule, StreamTicketStore],
})
export class AccountsModule {}
