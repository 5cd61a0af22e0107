import { Module } from '@nestjs/common';
import { createSecretKey } from 'node:crypto';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { ReferenceModule } from '../reference/reference.module';
import { AuthController } from './auth/auth.controller';
import { AuthGuard } from './auth/auth.guard';
import { AuthService } from './auth/auth.service';
import { StreamTicketStore } from './auth/stream-ticket.store';

@Module({
  imports: [
    ReferenceModule,
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        // A KeyObject: given a string, jsonwebtoken first tries (and fails) to parse it as a public
        // key on every verify, which cost about 4% of CPU under load.
        secret: createSecretKey(Buffer.from(config.jwtSecret)),
        signOptions: { expiresIn: config.jwtExpiresInSeconds, algorithm: 'HS256' },
        verifyOptions: { algorithms: ['HS256'] },
      }),
    }),
  ],
  controllers: [AuthController],
  providers: [AuthService, StreamTicketStore, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [JwtModule, StreamTicketStore],
})
export class AccountsModule {}
