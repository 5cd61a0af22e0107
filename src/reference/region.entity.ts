import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export type RegionType = 'province' | 'regency' | 'city';

@Entity({ name: 'regions' })
export class Region {
  /** Kemendagri code, e.g. `35.07` (Kabupaten Malang) or `21` (Kepulauan Riau). */
  @PrimaryColumn({ type: 'varchar', length: 16 })
  code: string;

  @Column({ type: 'varchar', length: 200, nullable: false })
  name: string;

  @Column({ type: 'varchar', length: 16, nullable: false })
  type: RegionType;

  @Index()
  @Column({ type: 'varchar', length: 16, nullable: true })
  provinceCode: string | null;

  @Column({ type: 'varchar', length: 40, nullable: false })
  islandGroup: string;

  @Column({ type: 'double precision', nullable: false })
  latitude: number;

  @Column({ type: 'double precision', nullable: false })
  longitude: number;
}
