import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  Unique,
} from 'typeorm';
import type { FerryVehicleClass, SeaServiceKind } from '../logistics/logistics.types';

/**
 * The service network (see src/reference/data/README.md for the sources of every seeded row).
 * Seeded once from the CSVs, then owned by platform administrators: seeding never overwrites an
 * edited row. Every change is recorded in service_network_versions, whose highest version is the
 * network version that route tables are cached under.
 *
 * Rows are versioned, not overwritten (src/network/service-network-admin.service.ts): an edit
 * marks the current revision superseded and inserts the next one, a deactivation inserts a
 * revision with `active = false`; one current revision per code (a partial unique index), so the
 * seeder's insert-if-missing still skips a code an administrator changed or deactivated.
 */

/** The columns every versioned service-network row has besides its own. */
abstract class VersionedRow {
  /** One revision of one row (the audit log names it). */
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** 1 for the seeded row, +1 per administrator's change of the same code. */
  @Column({ type: 'integer', nullable: false, default: 1 })
  revision: number;

  /** False: deactivated (routes ignore it); the code stays taken, its history kept. */
  @Column({ type: 'boolean', nullable: false, default: true })
  active: boolean;

  /** When a later revision replaced this one; null for the current revision. */
  @Column({ type: 'timestamptz', nullable: true })
  supersededAt: Date | null;

  /** The administrator who wrote this revision; null when seeded. */
  @Column({ type: 'uuid', nullable: true })
  changedBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

/** What a seed row carries: the row's own columns (the revision columns take their defaults). */
export type SeedRow<T> = Omit<T, keyof VersionedRow>;

@Entity({ name: 'sea_services' })
@Unique('UQ_sea_services_revision', ['code', 'revision'])
@Index('UQ_sea_services_current', ['code'], { unique: true, where: '"superseded_at" IS NULL' })
export class SeaServiceRow extends VersionedRow {
  @Column({ type: 'varchar', length: 100, nullable: false })
  code: string;

  @Column({ type: 'varchar', length: 64, nullable: false })
  fromHub: string;

  @Column({ type: 'varchar', length: 64, nullable: false })
  toHub: string;

  @Column({ type: 'varchar', length: 16, nullable: false })
  kind: SeaServiceKind;

  @Column({ type: 'double precision', nullable: false })
  sailingHours: number;

  @Column({ type: 'double precision', nullable: false })
  departuresPerWeek: number;

  @Column({ type: 'integer', nullable: false })
  reeferPlugs: number;

  @Column({ type: 'boolean', nullable: false })
  lcl: boolean;

  @Column({ type: 'integer', nullable: true })
  rate20ftIdr: number | null;

  @Column({ type: 'integer', nullable: true })
  rate20ftReeferIdr: number | null;

  @Column({ type: 'integer', nullable: false })
  lclIdrPerKg: number;

  @Column({ type: 'integer', nullable: false })
  lclMinKg: number;

  @Column({ type: 'text', nullable: false })
  source: string;
}

@Entity({ name: 'ferry_crossings' })
@Unique('UQ_ferry_crossings_revision', ['code', 'revision'])
@Index('UQ_ferry_crossings_current', ['code'], { unique: true, where: '"superseded_at" IS NULL' })
export class FerryCrossingRow extends VersionedRow {
  @Column({ type: 'varchar', length: 100, nullable: false })
  code: string;

  @Column({ type: 'varchar', length: 64, nullable: false })
  fromHub: string;

  @Column({ type: 'varchar', length: 64, nullable: false })
  toHub: string;

  @Column({ type: 'double precision', nullable: false })
  crossingHours: number;

  @Column({ type: 'double precision', nullable: false })
  departuresPerDay: number;

  @Column({ type: 'integer', nullable: false })
  farePickupIdr: number;

  @Column({ type: 'integer', nullable: false })
  fareEngkelIdr: number;

  @Column({ type: 'integer', nullable: false })
  fareFusoIdr: number;

  @Column({ type: 'integer', nullable: false })
  fareTrontonIdr: number;

  @Column({ type: 'text', nullable: false })
  source: string;
}

@Entity({ name: 'air_routes' })
@Unique('UQ_air_routes_revision', ['code', 'revision'])
@Index('UQ_air_routes_current', ['code'], { unique: true, where: '"superseded_at" IS NULL' })
export class AirRouteRow extends VersionedRow {
  @Column({ type: 'varchar', length: 100, nullable: false })
  code: string;

  @Column({ type: 'varchar', length: 64, nullable: false })
  fromHub: string;

  @Column({ type: 'varchar', length: 64, nullable: false })
  toHub: string;

  @Column({ type: 'double precision', nullable: false })
  flightsPerDay: number;

  @Column({ type: 'double precision', nullable: false })
  flightHours: number;

  @Column({ type: 'integer', nullable: false })
  idrPerKg: number;

  @Column({ type: 'integer', nullable: false })
  minChargeKg: number;

  @Column({ type: 'integer', nullable: false })
  documentFeeIdr: number;

  @Column({ type: 'text', nullable: false })
  source: string;
}

@Entity({ name: 'truck_classes' })
@Unique('UQ_truck_classes_revision', ['code', 'revision'])
@Index('UQ_truck_classes_current', ['code'], { unique: true, where: '"superseded_at" IS NULL' })
export class TruckClassRow extends VersionedRow {
  @Column({ type: 'varchar', length: 32, nullable: false })
  code: string;

  @Column({ type: 'varchar', length: 100, nullable: false })
  name: string;

  @Column({ type: 'boolean', nullable: false })
  reefer: boolean;

  @Column({ type: 'integer', nullable: false })
  capacityKg: number;

  @Column({ type: 'varchar', length: 16, nullable: false })
  ferryClass: FerryVehicleClass;

  @Column({ type: 'integer', nullable: false })
  idrPerKm: number;

  @Column({ type: 'integer', nullable: false })
  minTripIdr: number;

  @Column({ type: 'text', nullable: false })
  source: string;
}

@Entity({ name: 'hub_handling' })
@Unique('UQ_hub_handling_revision', ['hub', 'revision'])
@Index('UQ_hub_handling_current', ['hub'], { unique: true, where: '"superseded_at" IS NULL' })
export class HubHandlingRow extends VersionedRow {
  /** A hub code, or default-airport / default-sea_port. */
  @Column({ type: 'varchar', length: 64, nullable: false })
  hub: string;

  @Column({ type: 'double precision', nullable: false })
  handlingHours: number;

  @Column({ type: 'integer', nullable: false })
  handlingIdrPerKg: number;

  /** Reefer plugs on the yard or a cold store: a reefer lot's handling there stays cold. */
  @Column({ type: 'boolean', nullable: false, default: false })
  coldStore: boolean;

  @Column({ type: 'text', nullable: false })
  source: string;
}

/** A closure of a hub, service, air route or ferry crossing for a period (a disruption). */
@Entity({ name: 'network_closures' })
@Check('CHK_network_closures_period', `"closed_until" > "closed_from"`)
export class NetworkClosureRow {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 100, nullable: false })
  target: string;

  @Column({ type: 'timestamptz', nullable: false })
  closedFrom: Date;

  @Column({ type: 'timestamptz', nullable: false })
  closedUntil: Date;

  @Column({ type: 'text', nullable: false })
  reason: string;

  /** Set when an administrator reopens before closedUntil. */
  @Column({ type: 'timestamptz', nullable: true })
  reopenedAt: Date | null;

  /**
   * When the closure came into force and proposals depending on it were superseded (once: the
   * conditional UPDATE that sets it is the claim).
   */
  @Column({ type: 'timestamptz', nullable: true })
  startedAt: Date | null;

  /** When it ended (reopened or past closedUntil) and the markets were re-optimised around it. */
  @Column({ type: 'timestamptz', nullable: true })
  endedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

/** One row per change of the service network: its version number and what changed. */
@Entity({ name: 'service_network_versions' })
export class ServiceNetworkVersionRow {
  @PrimaryGeneratedColumn({ type: 'integer' })
  version: number;

  @Column({ type: 'text', nullable: false })
  change: string;

  @Column({ type: 'uuid', nullable: true })
  changedBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  changedAt: Date;
}
