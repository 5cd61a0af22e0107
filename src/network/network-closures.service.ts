import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Actor } from '../admin/audit-log.service';
import { AuditLog } from '../admin/audit-log.service';
import { DomainError } from '../common/domain-error';
import { keysetPage, Page } from '../common/pagination';
import { queryReturning } from '../common/query-returning';
import { DomainEvents } from '../events/domain-events';
import { OutboxWriter } from '../outbox/outbox.writer';
import { recordNetworkVersion } from '../reference/network-versions';
import { NetworkClosureRow } from '../reference/service-network.entities';
import { roadLinkPlaces, roadLinkTarget } from '../logistics/transport-network';
import {
  ClosureTargetKind,
  CreateNetworkClosureDto,
  NetworkClosureQuery,
  NetworkClosureView,
} from './network-closures.dto';

interface Target {
  code: string;
  kind: ClosureTargetKind;
  name: string;
}

/** Every closable code with its kind and a readable name (hubs first: codes never collide). */
const TARGETS_SQL = `
  SELECT code, 'hub' AS kind, name FROM hubs WHERE code = ANY($1)
  UNION ALL SELECT code, 'sea_service', from_hub || ' - ' || to_hub FROM sea_services WHERE code = ANY($1) AND superseded_at IS NULL
  UNION ALL SELECT code, 'air_route', from_hub || ' - ' || to_hub FROM air_routes WHERE code = ANY($1) AND superseded_at IS NULL
  UNION ALL SELECT code, 'ferry_crossing', from_hub || ' - ' || to_hub FROM ferry_crossings WHERE code = ANY($1) AND superseded_at IS NULL`;

/** The places a road link joins: regions and hubs. */
const PLACES_SQL = `
  SELECT code, name FROM regions WHERE code = ANY($1)
  UNION ALL SELECT code, name FROM hubs WHERE code = ANY($1)`;

/**
 * Disruptions of the service network (issue #10): an administrator closes a hub, sea service,
 * air route, ferry crossing or road link (`road:35.07:airport-juanda`, roadLinkTarget) for a
 * period, or reopens it early. The owner of network_closures.
 *
 * A closure's life has two moments, each claimed exactly once by a conditional UPDATE in
 * `advance()`: coming into force (`started_at`: the routes avoid it from then on, and a
 * `network.closure_started` event has matching supersede the proposals that use it and
 * re-optimise around it) and ending (`ended_at`: reopened or past `closed_until`; every open
 * market is re-optimised and may use it again). `advance()` runs right after an administrator's
 * change and every minute with the expiry schedule, so a closure planned ahead starts on time
 * (within the minute) without a timer that a restart could lose. Each moment also adds a row to
 * service_network_versions, which is how every process's cached network knows to reload.
 */
@Injectable()
export class NetworkClosures {
  private readonly logger = new Logger(NetworkClosures.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
  ) {}

  async create(dto: CreateNetworkClosureDto, actor: Actor): Promise<NetworkClosureView> {
    const now = new Date();
    const closedFrom = dto.closedFrom ? new Date(dto.closedFrom) : now;
    const closedUntil = new Date(dto.closedUntil);
    const problems = [];
    if (closedUntil <= closedFrom)
      problems.push({ field: 'closedUntil', message: 'closedUntil must be after closedFrom' });
    else if (closedUntil <= now)
      problems.push({ field: 'closedUntil', message: 'closedUntil must be in the future' });
    const road = roadLinkPlaces(dto.target);
    const code = road ? roadLinkTarget(road[0], road[1]) : dto.target;
    const [target] = await this.targets([code]);
    if (!target)
      problems.push({
        field: 'target',
        message: road
          ? `target "${dto.target}" must name two different regions or hubs`
          : `target "${dto.target}" is not a hub, sea service, air route or ferry crossing code`,
      });
    if (problems.length > 0 || !target) throw DomainError.validation(problems);
    const reason = dto.reason.trim();
    const id = await this.dataSource.transaction(async (manager) => {
      const row = await manager.getRepository(NetworkClosureRow).save({
        target: target.code,
        closedFrom,
        closedUntil,
        reason,
        reopenedAt: null,
        startedAt: null,
        endedAt: null,
      });
      await AuditLog.append(manager, actor, {
        action: 'network.closed',
        targetType: 'network_closure',
        targetId: row.id,
        targetLabel: `${target.code} (${target.name})`,
        note: `${closedFrom.toISOString()} - ${closedUntil.toISOString()}: ${reason}`,
      });
      return row.id;
    });
    await this.advanceSoon();
    return this.view(id);
  }

  async reopen(id: string, actor: Actor): Promise<NetworkClosureView> {
    await this.dataSource.transaction(async (manager) => {
      const [row] = await queryReturning<{ id: string; target: string }>(
        manager,
        `UPDATE network_closures SET reopened_at = now()
          WHERE id = $1 AND reopened_at IS NULL AND closed_until > now()
          RETURNING id, target`,
        [id],
      );
      if (!row) {
        const exists = await manager.query<unknown[]>(
          `SELECT 1 FROM network_closures WHERE id = $1`,
          [id],
        );
        if (exists.length === 0) throw DomainError.notFound('Closure');
        throw DomainError.conflict('CLOSURE_ENDED', 'This closure has already ended');
      }
      await AuditLog.append(manager, actor, {
        action: 'network.reopened',
        targetType: 'network_closure',
        targetId: row.id,
        targetLabel: row.target,
      });
    });
    await this.advanceSoon();
    return this.view(id);
  }

  async list(query: NetworkClosureQuery): Promise<Page<NetworkClosureView>> {
    const qb = this.dataSource.getRepository(NetworkClosureRow).createQueryBuilder('c');
    if (query.status === 'scheduled')
      qb.andWhere('c.reopened_at IS NULL AND c.closed_from > now()');
    if (query.status === 'in_force')
      qb.andWhere('c.reopened_at IS NULL AND c.closed_from <= now() AND c.closed_until > now()');
    if (query.status === 'ended')
      qb.andWhere('(c.reopened_at IS NOT NULL OR c.closed_until <= now())');
    const page = await keysetPage(qb, 'c', query, (row) => row);
    const targets = new Map(
      (await this.targets(page.items.map((row) => row.target))).map((t) => [t.code, t]),
    );
    const now = new Date();
    return {
      items: page.items.map((row) =>
        NetworkClosureView.from(row, targets.get(row.target) ?? unknownTarget(row.target), now),
      ),
      nextCursor: page.nextCursor,
    };
  }

  /**
   * Brings closures into force and ends them as their time comes: each moment claimed once
   * (a conditional UPDATE), recorded as a network version and announced through the outbox, all
   * in one transaction.
   */
  async advance(): Promise<{ started: number; ended: number }> {
    return this.dataSource.transaction(async (manager) => {
      const started = await queryReturning<{
        id: string;
        target: string;
        reason: string;
        closedUntil: Date;
      }>(
        manager,
        `UPDATE network_closures SET started_at = now()
          WHERE started_at IS NULL AND reopened_at IS NULL
            AND closed_from <= now() AND closed_until > now()
          RETURNING id, target, reason, closed_until AS "closedUntil"`,
      );
      // A closure that ended before it ever started (reopened early, or shorter than a sweep)
      // changed no route: it ends without an event.
      const ended = await queryReturning<{ id: string; target: string; wasInForce: boolean }>(
        manager,
        `UPDATE network_closures SET ended_at = now()
          WHERE ended_at IS NULL AND (reopened_at IS NOT NULL OR closed_until <= now())
          RETURNING id, target, started_at IS NOT NULL AS "wasInForce"`,
      );
      const endedInForce = ended.filter((row) => row.wasInForce);
      if (started.length + endedInForce.length === 0) return { started: 0, ended: 0 };
      await recordNetworkVersion(
        manager,
        [
          ...started.map((row) => `closed ${row.target}`),
          ...endedInForce.map((row) => `reopened ${row.target}`),
        ].join('; '),
      );
      await this.outbox.append(manager, [
        ...started.map((row) => DomainEvents.networkClosureStarted(row)),
        ...endedInForce.map((row) => DomainEvents.networkClosureEnded(row)),
      ]);
      return { started: started.length, ended: endedInForce.length };
    });
  }

  /** After an administrator's change; a failure is retried by the minute's sweep. */
  private async advanceSoon(): Promise<void> {
    await this.advance().catch((error: unknown) =>
      this.logger.warn(
        { err: error instanceof Error ? error.message : String(error) },
        'network closures will be advanced by the next sweep',
      ),
    );
  }

  private async view(id: string): Promise<NetworkClosureView> {
    const row = await this.dataSource.getRepository(NetworkClosureRow).findOneByOrFail({ id });
    const [target] = await this.targets([row.target]);
    return NetworkClosureView.from(row, target ?? unknownTarget(row.target), new Date());
  }

  private async targets(codes: string[]): Promise<Target[]> {
    const unique = [...new Set(codes)];
    const roads = unique.flatMap((code) => {
      const places = roadLinkPlaces(code);
      return places && places[0] !== places[1] ? [{ code, places }] : [];
    });
    const [targets, places] = await Promise.all([
      this.dataSource.query<Target[]>(TARGETS_SQL, [unique]),
      roads.length === 0
        ? []
        : this.dataSource.query<{ code: string; name: string }[]>(PLACES_SQL, [
            roads.flatMap((road) => road.places),
          ]),
    ]);
    const names = new Map(places.map((place) => [place.code, place.name]));
    for (const {
      code,
      places: [a, b],
    } of roads) {
      const [nameA, nameB] = [names.get(a), names.get(b)];
      if (nameA && nameB) targets.push({ code, kind: 'road_link', name: `${nameA} - ${nameB}` });
    }
    return targets;
  }
}

/** A closure whose hub or service an administrator has since deleted. */
const unknownTarget = (code: string): Omit<Target, 'code'> => ({ kind: 'hub', name: code });
