import { Column, Entity, PrimaryColumn } from 'typeorm';

export type HubKind = 'sea_port' | 'airport';

/** Ports and cargo airports: the ends of the sea and air legs. Operators may add or move them. */
@Entity({ name: 'hubs' })
export class Hub {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  code: string;

  @Column({ type: 'varchar', length: 200, nullable: false })
  name: string;

  @Column({ type: 'varchar', length: 16, nullable: false })
  kind: HubKind;

  @Column({ type: 'varchar', length: 200, nullable: false })
  city: string;

  @Column({ type: 'varchar', length: 16, nullable: false })
  provinceCode: string;

  @Column({ type: 'double precision', nullable: false })
  latitude: number;

  @Column({ type: 'double precision', nullable: false })
  longitude: number;

  @Column({ type: 'varchar', length: 8, nullable: true })
  iata: string | null;

  @Column({ type: 'text', nullable: false })
  source: string;
}
