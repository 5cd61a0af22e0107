import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { DomainError } from '../../common/domain-error';
import { queryReturning } from '../../common/query-returning';
import { Mailer } from '../../mail/mailer';
import { invitationEmail, linkTo } from '../auth/account-emails';
import { isUniqueViolation } from '../auth/auth.service';
import { passwords } from '../auth/password-hashing';
import { OrganizationView, RegisteredView, UserView } from '../auth/auth.dto';
import { hashSecretToken, newSecretToken } from '../auth/secret-token';
import { Organization } from '../organization.entity';
import type { Principal } from '../principal';
import { ClientInfo, SessionsService } from '../sessions/sessions.service';
import { User } from '../user.entity';
import { AcceptInvitationDto, InvitationDto, InvitationView, MemberListView } from './members.dto';

const DAY_MS = 24 * 3600_000;

/** Colleagues of one organization: owners invite by email, list and remove them. */
@Injectable()
export class MembersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly sessions: SessionsService,
    private readonly mailer: Mailer,
  ) {}

  async invite(principal: Principal, dto: InvitationDto): Promise<InvitationView> {
    assertOwner(principal);
    const email = dto.email.trim().toLowerCase();
    const { token, hash } = newSecretToken();
    const { invitation, inviter, organization } = await this.dataSource.transaction(
      async (manager) => {
        const [taken] = await manager.query<unknown[]>(`SELECT 1 FROM users WHERE email = $1`, [
          email,
        ]);
        if (taken) {
          throw DomainError.conflict('EMAIL_TAKEN', 'A user with this email already exists');
        }
        // A second invitation to the same address replaces the first (a lost email, a new role).
        await manager.query(
          `DELETE FROM invitations
            WHERE organization_id = $1 AND email = $2 AND accepted_at IS NULL`,
          [principal.organizationId, email],
        );
        const [invitation] = await manager.query<
          {
            id: string;
            email: string;
            role: 'owner' | 'member';
            expires_at: Date;
            created_at: Date;
          }[]
        >(
          `INSERT INTO invitations (organization_id, email, role, invited_by_user_id, token_hash,
                                    expires_at)
           VALUES ($1, $2, $3, $4, $5, now() + $6 * interval '1 millisecond')
           RETURNING id, email, role, expires_at, created_at`,
          [
            principal.organizationId,
            email,
            dto.role,
            principal.userId,
            hash,
            this.config.invitationTtlDays * DAY_MS,
          ],
        );
        const inviter = await manager.findOneByOrFail(User, { id: principal.userId });
        const organization = await manager.findOneByOrFail(Organization, {
          id: principal.organizationId,
        });
        return { invitation, inviter, organization };
      },
    );
    await this.mailer.send(
      invitationEmail(
        email,
        organization.name,
        inviter.name,
        dto.role,
        linkTo(this.config.publicBaseUrl, 'accept-invitation', token),
        this.config.invitationTtlDays,
      ),
    );
    return {
      id: invitation.id,
      email: invitation.email,
      role: invitation.role,
      expiresAt: invitation.expires_at.toISOString(),
      createdAt: invitation.created_at.toISOString(),
    };
  }

  /** The invitee's account: the email counts as verified (the token came to that address). */
  async accept(dto: AcceptInvitationDto, client: ClientInfo): Promise<RegisteredView> {
    const passwordHash = await passwords.hash(dto.password, this.config.passwordHashCost);
    try {
      return await this.dataSource.transaction(async (manager) => {
        const [invitation] = await queryReturning<{
          organization_id: string;
          email: string;
          role: 'owner' | 'member';
        }>(
          manager,
          `UPDATE invitations SET accepted_at = now()
            WHERE token_hash = $1 AND accepted_at IS NULL AND expires_at > now()
            RETURNING organization_id, email, role`,
          [hashSecretToken(dto.token)],
        );
        if (!invitation) {
          throw new DomainError(
            400,
            'INVALID_TOKEN',
            'This invitation is unknown, expired or already used; ask for a new one',
            [{ field: 'token', message: 'unknown, expired or already used' }],
          );
        }
        const user = await manager.save(
          manager.create(User, {
            organizationId: invitation.organization_id,
            email: invitation.email,
            name: dto.name.trim(),
            passwordHash,
            organizationRole: invitation.role,
            emailVerifiedAt: new Date(),
          }),
        );
        const organization = await manager.findOneByOrFail(Organization, {
          id: invitation.organization_id,
        });
        const pair = await this.sessions.open(user.id, client, manager);
        return {
          ...pair,
          user: UserView.from(user),
          organization: OrganizationView.from(organization),
        };
      });
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw DomainError.conflict('EMAIL_TAKEN', 'A user with this email already exists');
      }
      throw error;
    }
  }

  async list(principal: Principal): Promise<MemberListView> {
    const members = await this.dataSource.getRepository(User).find({
      where: { organizationId: principal.organizationId },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
    const invitations = await this.dataSource.query<
      { id: string; email: string; role: 'owner' | 'member'; expires_at: Date; created_at: Date }[]
    >(
      `SELECT id, email, role, expires_at, created_at FROM invitations
        WHERE organization_id = $1 AND accepted_at IS NULL AND expires_at > now()
        ORDER BY created_at, id`,
      [principal.organizationId],
    );
    return {
      items: members.map((u) => ({
        id: u.id,
        email: u.email,
        name: u.name,
        organizationRole: u.organizationRole,
        emailVerified: Boolean(u.emailVerifiedAt),
        createdAt: u.createdAt.toISOString(),
      })),
      pendingInvitations: invitations.map((i) => ({
        id: i.id,
        email: i.email,
        role: i.role,
        expiresAt: i.expires_at.toISOString(),
        createdAt: i.created_at.toISOString(),
      })),
    };
  }

  /**
   * Deletes the member's account (their sessions go with it). The organization's users are
   * locked first, so two owners removing each other at once cannot leave it without an owner.
   */
  async remove(principal: Principal, userId: string): Promise<void> {
    assertOwner(principal);
    await this.dataSource.transaction(async (manager) => {
      const users = await manager.query<{ id: string; organization_role: string }[]>(
        `SELECT id, organization_role FROM users WHERE organization_id = $1 ORDER BY id FOR UPDATE`,
        [principal.organizationId],
      );
      const target = users.find((u) => u.id === userId);
      if (!target) throw DomainError.notFound('Member');
      const owners = users.filter((u) => u.organization_role === 'owner');
      if (target.organization_role === 'owner' && owners.length === 1) {
        throw DomainError.conflict(
          'LAST_OWNER',
          'An organization keeps at least one owner: make someone else owner first',
        );
      }
      await manager.query(`DELETE FROM users WHERE id = $1`, [userId]);
    });
  }
}

/** Organization settings that counterparts rely on (contact, members) are for owners only. */
export function assertOwner(principal: Principal): void {
  if (principal.organizationRole !== 'owner') {
    throw new DomainError(403, 'OWNER_ONLY', "Only the organization's owners may do this");
  }
}
