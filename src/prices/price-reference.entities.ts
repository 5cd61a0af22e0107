import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  Unique,
} from 'typeorm';

export const PRICE_LEVELS = ['producer', 'consumer'] as const;
export type PriceLevel = (typeof PRICE_LEVELS)[number];
/** HAP: harga acuan (a band, or a single figure); HET: harga eceran tertinggi (a ceiling). */
export const PRICE_REFERENCE_KINDS = ['HAP', 'HET'] as const;
export type PriceReferenceKind = (typeof PRICE_REFERENCE_KINDS)[number];

/**
 * A zone of a price regulation (the rice HET's zones I-III; `nasional` for a national HAP): the
 * provinces it covers, each province covering its regencies and cities. Follows the data file.
 */
@Entity({ name: 'price_zones' })
export class PriceZone {
  @PrimaryColumn({ type: 'varchar', length: 32 })
  code: string;

  @Column({ type: 'varchar', length: 200, nullable: false })
  name: string;

  @Column({ type: 'varchar', array: true, nullable: false })
  provinceCodes: string[];

  @Column({ type: 'text', nullable: false })
  source: string;
}

/**
 * One version of a reference price: in force from `effectiveFrom` until a later version of the
 * same commodity, zone, level and kind takes over. Rows are never updated nor deleted: an edit by
 * an administrator is a new row (the history is the table).
 */
@Entity({ name: 'price_references' })
@Unique(['commodityCode', 'zoneCode', 'level', 'kind', 'effectiveFrom'])
@Index(['commodityCode', 'effectiveFrom'])
@Check(`"level" IN ('producer', 'consumer')`)
@Check(`"kind" IN ('HAP', 'HET')`)
@Check(
  `"high_per_unit" > 0 AND ("low_per_unit" IS NULL OR "low_per_unit" BETWEEN 1 AND "high_per_unit")`,
)
export class PriceReference {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 64, nullable: false })
  commodityCode: string;

  @Column({ type: 'varchar', length: 32, nullable: false })
  zoneCode: string;

  @Column({ type: 'varchar', length: 16, nullable: false })
  level: PriceLevel;

  @Column({ type: 'varchar', length: 8, nullable: false })
  kind: PriceReferenceKind;

  /** The band's floor; null for a ceiling only (HET, or a single HAP figure). */
  @Column({ type: 'integer', nullable: true })
  lowPerUnit: number | null;

  @Column({ type: 'integer', nullable: false })
  highPerUnit: number;

  @Column({ type: 'date', nullable: false })
  effectiveFrom: string;

  /** The regulation (e.g. `Perbadan 11/2022`). */
  @Column({ type: 'varchar', length: 200, nullable: false })
  regulation: string;

  /** Where the figure was published (a URL or a citation). */
  @Column({ type: 'text', nullable: false })
  source: string;

  /** The administrator who entered it; null for the seeded rows. */
  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

/** A price seen on a public price panel: one per region, commodity and day. */
@Entity({ name: 'price_observations' })
@Unique(['regionCode', 'commodityCode', 'observedOn'])
@Check(`"price_per_unit" > 0`)
export class PriceObservation {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 16, nullable: false })
  regionCode: string;

  @Column({ type: 'varchar', length: 64, nullable: false })
  commodityCode: string;

  @Column({ type: 'date', nullable: false })
  observedOn: string;

  @Column({ type: 'integer', nullable: false })
  pricePerUnit: number;

  /** Set when the observation was a spike (see spike-rule.ts). */
  @Column({ type: 'boolean', nullable: false, default: false })
  spike: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  importedAt: Date;
}

/** A regional price spike, told once to the region's government and procurement offices. */
@Entity({ name: 'price_spikes' })
@Unique(['regionCode', 'commodityCode', 'observedOn'])
export class PriceSpike {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 16, nullable: false })
  regionCode: string;

  @Column({ type: 'varchar', length: 64, nullable: false })
  commodityCode: string;

  @Column({ type: 'date', nullable: false })
  observedOn: string;

  @Column({ type: 'integer', nullable: false })
  pricePerUnit: number;

  @Column({ type: 'integer', nullable: false })
  medianPerUnit: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
