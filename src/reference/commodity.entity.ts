import { Column, Entity, PrimaryColumn } from 'typeorm';

export type CommodityUnit = 'kg' | 'liter';

@Entity({ name: 'commodities' })
export class Commodity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  code: string;

  @Column({ type: 'varchar', length: 200, nullable: false })
  nameId: string;

  @Column({ type: 'varchar', length: 200, nullable: false })
  nameEn: string;

  @Column({ type: 'varchar', length: 40, nullable: false })
  category: string;

  @Column({ type: 'varchar', length: 8, nullable: false })
  unit: CommodityUnit;

  @Column({ type: 'varchar', length: 100, nullable: true })
  gradeStandard: string | null;

  /** Best first; empty for ungraded commodities (cooking oil, fish). */
  @Column({ type: 'text', array: true, nullable: false })
  grades: string[];

  @Column({ type: 'integer', nullable: false })
  shelfLifeDaysAmbient: number;

  /** At the commodity's cold-chain temperature: 7-10 C for produce, 0-4 C for meat and fish. */
  @Column({ type: 'integer', nullable: false })
  shelfLifeDaysCold: number;

  /** Frozen (-18 C or colder), for meat and fish; null where the trade does not freeze it. */
  @Column({ type: 'integer', nullable: true })
  shelfLifeDaysFrozen: number | null;

  /** Meat and fish: travels chilled or frozen door to door, never on an ambient leg. */
  @Column({ type: 'boolean', nullable: false, default: false })
  coldChainRequired: boolean;

  @Column({ type: 'integer', nullable: false })
  typicalPricePerUnit: number;

  @Column({ type: 'text', nullable: false })
  source: string;
}
