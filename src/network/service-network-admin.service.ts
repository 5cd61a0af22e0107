import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import type { Actor } from '../admin/audit-log.service';
import { AuditLog } from '../admin/audit-log.service';
import { DomainError, FieldProblem } from '../common/domain-error';
import { DomainEvents } from '../events/domain-events';
import type { ServiceNetworkChangeData, ServiceNetworkKind } from '../events/event-catalog';
import { OutboxWriter } from '../outbox/outbox.writer';
import { recordNetworkVersion } from '../reference/network-versions';
import {
  AirRouteRow,
  FerryCrossingRow,
  HubHandlingRow,
  SeaServiceRow,
  TruckClassRow,
} from '../reference/service-network.entities';
import { ServiceNetworkRevisionView } from './service-network.dto';

type AnyRow = SeaServiceRow | FerryCrossingRow | AirRouteRow | TruckClassRow | HubHandlingRow;
type Fields = Record<string, unknown>;

/** How each kind of row is stored and what its references must be. */
interface TableSpec {
  table: string;
  entity: new () => AnyRow;
  /** The column that names the row: `code`, or `hub` for hub handling. */
  key: 'code' | 'hub';
  /** The fields an edit may set (the create body less the key). */
  fields: readonly string[];
  nullable: readonly string[];
  /** Hub fields and the kind of hub they must name. */
  hubKind?: 'sea_port' | 'airport';
}

export const SERVICE_NETWORK_TABLES: Record<ServiceNetworkKind, TableSpec> = {
  sea_service: {
    table: 'sea_services',
    entity: SeaServiceRow,
    key: 'code',
    fields: [
      'fromHub',
      'toHub',
      'kind',
      'sailingHours',
      'departuresPerWeek',
      'reeferPlugs',
      'lcl',
      'rate20ftIdr',
      'rate20ftReeferIdr',
      'lclIdrPerKg',
      'lclMinKg',
      'source',
    ],
    nullable: ['rate20ftIdr', 'rate20ftReeferIdr'],
    hubKind: 'sea_port',
  },
  ferry_crossing: {
    table: 'ferry_crossings',
    entity: FerryCrossingRow,
    key: 'code',
    fields: [
      'fromHub',
      'toHub',
      'crossingHours',
      'departuresPerDay',
      'farePickupIdr',
      'fareEngkelIdr',
      'fareFusoIdr',
      'fareTrontonIdr',
      'source',
    ],
    nullable: [],
    hubKind: 'sea_port',
  },
  air_route: {
    table: 'air_routes',
    entity: AirRouteRow,
    key: 'code',
    fields: [
      'fromHub',
      'toHub',
      'flightsPerDay',
      'flightHours',
      'idrPerKg',
      'minChargeKg',
      'documentFeeIdr',
      'source',
    ],
    nullable: [],
    hubKind: 'airport',
  },
  truck_class: {
    table: 'truck_classes',
    entity: TruckClassRow,
    key: 'code',
    fields: ['name', 'reefer', 'capacityKg', 'ferryClass', 'idrPerKm', 'minTripIdr', 'source'],
    nullable: [],
  },
  hub_handling: {
    table: 'hub_handling',
    entity: HubHandlingRow,
    key: 'hub',
    fields: ['handlingHours', 'handlingIdrPerKg', 'coldStore', 'source'],
    nullable: [],
  },
};

/** Hub handling rows that stand for every hub of a kind without a row of its own. */
const DEFAULT_HANDLING = ['default-airport', 'default-sea_port'];

/** Codes that a closure may name (src/network/network-closures.service.ts): one namespace. */
const CLOSABLE_CODES_SQL = `
  SELECT code FROM hubs WHERE code = $1
  UNION ALL SELECT code FROM sea_services WHERE code = $1
  UNION ALL SELECT code FROM air_routes WHERE code = $1
  UNION ALL SELECT code FROM ferry_crossings WHERE code = $1`;

/**
 * The service network as platform administrators edit it (#10 point 1). Rows are versioned, not
 * overwritten: a change marks the current revision of the code superseded and inserts the next
 * one (a deactivation is a revision with `active = false`), so every figure routes were ever
 * computed from stays readable with who entered it and when.
 *
 * Each change commits in one transaction with its audit entry, a new service_network_versions
 * row (every process's cached network reloads at its next run) and a `network.service_changed`
 * event (matching supersedes what used a deactivated row and re-optimises the open markets). The
 * current revision is locked (FOR UPDATE) before the next is written, and the partial unique
 * index on the code settles two creations of one code: the loser gets a 409.
 */
@Injectable()
export class ServiceNetworkAdmin {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
  ) {}

  async list(kind: ServiceNetworkKind): Promise<ServiceNetworkRevisionView[]> {
    const spec = SERVICE_NETWORK_TABLES[kind];
    const rows = await this.dataSource
      .getRepository(spec.entity)
      .createQueryBuilder('r')
      .where('r.superseded_at IS NULL')
      .orderBy(`r.${spec.key}`)
      .getMany();
    return rows.map((row) => view(kind, row));
  }

  async history(kind: ServiceNetworkKind, code: string): Promise<ServiceNetworkRevisionView[]> {
    const spec = SERVICE_NETWORK_TABLES[kind];
    const rows = await this.dataSource
      .getRepository(spec.entity)
      .createQueryBuilder('r')
      .where(`r.${spec.key} = :code`, { code })
      .orderBy('r.revision', 'DESC')
      .getMany();
    if (rows.length === 0) throw DomainError.notFound(label(kind));
    return rows.map((row) => view(kind, row));
  }

  async create(
    kind: ServiceNetworkKind,
    body: Fields,
    actor: Actor,
  ): Promise<ServiceNetworkRevisionView> {
    const spec = SERVICE_NETWORK_TABLES[kind];
    const code = String(body[spec.key]);
    const fields = pick(body, spec.fields);
    const problems = [
      ...(kind === 'hub_handling' ? await this.hubHandlingProblems(code) : []),
      ...(await this.problems(spec, fields)),
    ];
    if (problems.length > 0) throw DomainError.validation(problems);
    const codeTaken = () =>
      DomainError.conflict(
        'CODE_TAKEN',
        `"${code}" already names a hub or service: edit it (PATCH) instead`,
      );
    const created = this.dataSource.transaction(async (manager) => {
      const taken =
        spec.key === 'code' && kind !== 'truck_class'
          ? await manager.query<unknown[]>(CLOSABLE_CODES_SQL, [code])
          : await manager.query<unknown[]>(
              `SELECT 1 FROM ${spec.table} WHERE ${spec.key} = $1 AND superseded_at IS NULL`,
              [code],
            );
      if (taken.length > 0) throw codeTaken();
      return this.write(manager, kind, { ...fields, [spec.key]: code }, 1, true, actor, 'created');
    });
    // Two administrators creating one code at once: the partial unique index lets one through.
    return created.catch((error: unknown) => {
      if (error instanceof QueryFailedError && uniqueViolation(error as QueryFailedError<Error>))
        throw codeTaken();
      throw error;
    });
  }

  /** An edit of some fields, `active` included: a new revision, or none when nothing differs. */
  async update(
    kind: ServiceNetworkKind,
    code: string,
    body: Fields,
    actor: Actor,
  ): Promise<ServiceNetworkRevisionView> {
    const spec = SERVICE_NETWORK_TABLES[kind];
    const edits = pick(body, spec.fields);
    const active = typeof body.active === 'boolean' ? body.active : undefined;
    if (Object.keys(edits).length === 0 && active === undefined)
      throw DomainError.validation([
        { field: 'body', message: `name at least one of ${[...spec.fields, 'active'].join(', ')}` },
      ]);
    return this.dataSource.transaction(async (manager) => {
      const current = await manager
        .getRepository(spec.entity)
        .createQueryBuilder('r')
        .setLock('pessimistic_write')
        .where(`r.${spec.key} = :code AND r.superseded_at IS NULL`, { code })
        .getOne();
      if (!current) throw DomainError.notFound(label(kind));
      const before = pick(current as unknown as Fields, spec.fields);
      const after = { ...before, ...edits };
      const problems = await this.problems(spec, after, manager);
      if (problems.length > 0) throw DomainError.validation(problems);
      const nextActive = active ?? current.active;
      const changed = spec.fields.filter((f) => after[f] !== before[f]);
      if (changed.length === 0 && nextActive === current.active) return view(kind, current);
      const change =
        nextActive === current.active ? 'updated' : nextActive ? 'reactivated' : 'deactivated';
      await manager.query(`UPDATE ${spec.table} SET superseded_at = now() WHERE id = $1`, [
        current.id,
      ]);
      return this.write(
        manager,
        kind,
        { ...after, [spec.key]: code },
        current.revision + 1,
        nextActive,
        actor,
        change,
        changed,
      );
    });
  }

  async deactivate(
    kind: ServiceNetworkKind,
    code: string,
    actor: Actor,
  ): Promise<ServiceNetworkRevisionView> {
    const current = await this.dataSource.query<{ active: boolean }[]>(
      `SELECT active FROM ${SERVICE_NETWORK_TABLES[kind].table}
        WHERE ${SERVICE_NETWORK_TABLES[kind].key} = $1 AND superseded_at IS NULL`,
      [code],
    );
    if (current.length === 0) throw DomainError.notFound(label(kind));
    if (!current[0].active)
      throw DomainError.conflict('ALREADY_INACTIVE', `${label(kind)} ${code} is not active`);
    return this.update(kind, code, { active: false }, actor);
  }

  /** Inserts a revision with its audit entry, network version and event (caller's transaction). */
  private async write(
    manager: EntityManager,
    kind: ServiceNetworkKind,
    fields: Fields,
    revision: number,
    active: boolean,
    actor: Actor,
    change: ServiceNetworkChangeData['change'],
    changedFields: readonly string[] = [],
  ): Promise<ServiceNetworkRevisionView> {
    const spec = SERVICE_NETWORK_TABLES[kind];
    const code = String(fields[spec.key]);
    const row = await manager
      .getRepository(spec.entity)
      .save({ ...fields, revision, active, supersededAt: null, changedBy: actor.userId } as AnyRow);
    const what = `${change} ${kind} ${code} (revision ${revision})`;
    await AuditLog.append(manager, actor, {
      action: `network.service_${change}`,
      targetType: 'service_network_row',
      targetId: row.id,
      targetLabel: `${kind} ${code} r${revision}`,
      note: changedFields.length > 0 ? `changed: ${changedFields.join(', ')}` : null,
    });
    await recordNetworkVersion(manager, what, actor.userId);
    await this.outbox.append(manager, [
      DomainEvents.networkServiceChanged({ kind, code, rowId: row.id, revision, change }),
    ]);
    return view(kind, row);
  }

  /** What the body validators cannot see: nulls an edit may not set, and the hubs named. */
  private async problems(
    spec: TableSpec,
    fields: Fields,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<FieldProblem[]> {
    const problems: FieldProblem[] = [];
    for (const field of spec.fields)
      if (fields[field] === null && !spec.nullable.includes(field))
        problems.push({ field, message: `${field} may not be null` });
    if (spec.hubKind) {
      const named = [fields.fromHub, fields.toHub].map(String);
      const hubs = await manager.query<{ code: string }[]>(
        `SELECT code FROM hubs WHERE code = ANY($1) AND kind = $2`,
        [named, spec.hubKind],
      );
      const found = new Set(hubs.map((h) => h.code));
      for (const field of ['fromHub', 'toHub'])
        if (!found.has(String(fields[field])))
          problems.push({
            field,
            message: `${field} "${String(fields[field])}" is not a ${spec.hubKind.replace('_', ' ')} code`,
          });
      if (named[0] === named[1])
        problems.push({ field: 'toHub', message: 'toHub must differ from fromHub' });
    }
    return problems;
  }

  /** Checks the hub of a new hub-handling row (its key, outside the edit fields). */
  private async hubHandlingProblems(hub: string): Promise<FieldProblem[]> {
    if (DEFAULT_HANDLING.includes(hub)) return [];
    const rows = await this.dataSource.query<unknown[]>(`SELECT 1 FROM hubs WHERE code = $1`, [
      hub,
    ]);
    return rows.length > 0
      ? []
      : [
          {
            field: 'hub',
            message: `hub "${hub}" is not a hub code, default-airport or default-sea_port`,
          },
        ];
  }
}

const uniqueViolation = (error: QueryFailedError<Error>): boolean =>
  (error.driverError as { code?: string }).code === '23505';

const pick = (body: Fields, fields: readonly string[]): Fields =>
  Object.fromEntries(fields.filter((f) => body[f] !== undefined).map((f) => [f, body[f]]));

const label = (kind: ServiceNetworkKind): string =>
  ({
    sea_service: 'Sea service',
    ferry_crossing: 'Ferry crossing',
    air_route: 'Air route',
    truck_class: 'Truck class',
    hub_handling: 'Hub handling',
  })[kind];

function view(kind: ServiceNetworkKind, row: AnyRow): ServiceNetworkRevisionView {
  const spec = SERVICE_NETWORK_TABLES[kind];
  const record = row as unknown as Fields;
  return {
    id: row.id,
    kind,
    code: String(record[spec.key]),
    revision: row.revision,
    active: row.active,
    current: row.supersededAt === null,
    fields: pick(record, spec.fields),
    changedBy: row.changedBy,
    createdAt: row.createdAt.toISOString(),
    supersededAt: row.supersededAt?.toISOString() ?? null,
  };
}
