import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { keysetPage, Page } from '../common/pagination';
import { AuditAction, AuditLogEntry, AuditTargetType } from './audit-log.entity';
import { AuditLogQuery, AuditLogView } from './admin.dto';

/** Who acted: a platform user through the API, or the operator of the command line. */
export interface Actor {
  userId: string | null;
  label: string;
}

export interface AuditRecord {
  action: AuditAction;
  targetType: AuditTargetType;
  targetId: string;
  targetLabel: string;
  note?: string | null;
}

/**
 * The audit log: written in the transaction of the change it records, so that an action and
 * its entry commit together or not at all.
 */
@Injectable()
export class AuditLog {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  static async append(manager: EntityManager, actor: Actor, record: AuditRecord): Promise<void> {
    await manager.insert(AuditLogEntry, {
      actorUserId: actor.userId,
      actorLabel: actor.label,
      action: record.action,
      targetType: record.targetType,
      targetId: record.targetId,
      targetLabel: record.targetLabel,
      note: record.note ?? null,
    });
  }

  list(query: AuditLogQuery): Promise<Page<AuditLogView>> {
    const qb = this.dataSource.getRepository(AuditLogEntry).createQueryBuilder('e');
    if (query.action) qb.andWhere('e.action = :action', { action: query.action });
    if (query.targetType) qb.andWhere('e.target_type = :type', { type: query.targetType });
    if (query.targetId) qb.andWhere('e.target_id = :target', { target: query.targetId });
    return keysetPage(qb, 'e', query, (e) => AuditLogView.from(e));
  }
}
