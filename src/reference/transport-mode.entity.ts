import { Column, Entity, PrimaryColumn } from 'typeorm';

export type TransportModeName = 'road' | 'sea' | 'air';

/**
 * Parameters of the cost-and-time model. Seeded once from transport-modes.csv and then owned
 * by operators: seeding never overwrites a calibrated row.
 */
@Entity({ name: 'transport_modes' })
export class TransportMode {
  @PrimaryColumn({ type: 'varchar', length: 16 })
  mode: TransportModeName;

  @Column({ type: 'double precision', nullable: false })
  detourFactor: number;

  @Column({ type: 'double precision', nullable: false })
  speedKmh: number;

  @Column({ type: 'double precision', nullable: false })
  handlingDays: number;

  @Column({ type: 'double precision', nullable: false })
  waitDays: number;

  @Column({ type: 'double precision', nullable: false })
  fixedIdrPerKg: number;

  @Column({ type: 'double precision', nullable: false })
  idrPerKgKm: number;

  @Column({ type: 'double precision', nullable: false })
  reeferMultiplier: number;

  @Column({ type: 'double precision', nullable: false })
  shrinkFraction: number;

  @Column({ type: 'boolean', nullable: false })
  needsSeaOrAirBetweenIslands: boolean;

  @Column({ type: 'text', nullable: false })
  note: string;
}
