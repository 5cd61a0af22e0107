import {
  CanActivate,
  createParamDecorator,
  ExecutionContext,
  Injectable,
  UseGuards,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Request } from 'express';
import { DataSource } from 'typeorm';
import type { Principal } from '../accounts/principal';
import { DomainError } from '../common/domain-error';
import type { Actor } from './audit-log.service';

type AdminRequest = Request & { principal?: Principal; administrator?: Actor };

/**
 * Runs after the global AuthGuard (which resolved the principal): only holders of the
 * administrator role pass. Everyone else gets 404, as if the route did not exist.
 */
@Injectable()
export class AdministratorGuard implements CanActivate {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AdminRequest>();
    const userId = request.principal?.userId;
    const [row] = userId
      ? await this.dataSource.query<{ email: string }[]>(
          `SELECT u.email FROM platform_administrators a JOIN users u ON u.id = a.user_id
            WHERE a.user_id = $1`,
          [userId],
        )
      : [];
    if (!userId || !row) throw new DomainError(404, 'NOT_FOUND', 'Not found');
    request.administrator = { userId, label: row.email };
    return true;
  }
}

/** Restricts a controller or route to platform administrators. */
export const AdministratorsOnly = () => UseGuards(AdministratorGuard);

/** The administrator making the request, as the audit log names them. */
export const CurrentAdministrator = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Actor =>
    context.switchToHttp().getRequest<AdminRequest>().administrator!,
);
