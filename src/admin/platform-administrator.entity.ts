import { CreateDateColumn, Entity, JoinColumn, OneToOne, PrimaryColumn } from 'typeorm';
import { User } from '../accounts/user.entity';

/**
 * The platform-administrator role: a row per user who holds it. Granted from the command line
 * (`npm run admin -- grant <email>`) or by another administrator; every grant and revocation is
 * in the audit log. Deleting the user deletes the role with it.
 */
@Entity({ name: 'platform_administrators' })
export class PlatformAdministrator {
  @PrimaryColumn({ type: 'uuid' })
  userId: string;

  @OneToOne(() => User, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'user_id' })
  user?: User;

  @CreateDateColumn({ type: 'timestamptz' })
  grantedAt: Date;
}
