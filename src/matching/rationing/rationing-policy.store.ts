import type { EntityManager } from 'typeorm';
import type { RationingPolicy } from '../engine';
import { CommodityRationingPolicy } from './rationing-policy.entity';

/**
 * Staples a city office must not lose entirely to a buyer with a higher maximum (#12): rice, the
 * chilies and shallots are shared fairly in a shortage unless an administrator says otherwise.
 */
export const DEFAULT_FAIR_COMMODITIES: readonly string[] = [
  'beras_premium',
  'beras_medium',
  'beras_sphp',
  'bawang_merah',
  'cabai_merah_keriting',
  'cabai_merah_besar',
  'cabai_rawit_merah',
  'cabai_rawit_hijau',
];

export const defaultRationingPolicy = (commodityCode: string): RationingPolicy =>
  DEFAULT_FAIR_COMMODITIES.includes(commodityCode) ? 'fair' : 'max-gain';

export interface EffectiveRationingPolicy {
  commodityCode: string;
  policy: RationingPolicy;
  /** False while the commodity has its default. */
  setByAdministrator: boolean;
  updatedAt: Date | null;
}

/** Reads and writes the rationing policies (the one owner of commodity_rationing_policies). */
export class RationingPolicyStore {
  constructor(private readonly manager: EntityManager) {}

  async policyFor(commodityCode: string): Promise<RationingPolicy> {
    const row = await this.manager.findOneBy(CommodityRationingPolicy, { commodityCode });
    return row?.policy ?? defaultRationingPolicy(commodityCode);
  }

  /** The effective policy of each code, in the order given. */
  async effective(commodityCodes: readonly string[]): Promise<EffectiveRationingPolicy[]> {
    const rows = await this.manager
      .getRepository(CommodityRationingPolicy)
      .createQueryBuilder('p')
      .where('p.commodity_code = ANY(:codes)', { codes: [...commodityCodes] })
      .getMany();
    const byCode = new Map(rows.map((r) => [r.commodityCode, r]));
    return commodityCodes.map((commodityCode) => {
      const row = byCode.get(commodityCode);
      return {
        commodityCode,
        policy: row?.policy ?? defaultRationingPolicy(commodityCode),
        setByAdministrator: row !== undefined,
        updatedAt: row?.updatedAt ?? null,
      };
    });
  }

  /**
   * Sets a commodity's policy and returns the row's id. One statement (upsert), so two
   * administrators setting it at once both end in a valid row (the last one wins).
   */
  async set(
    commodityCode: string,
    policy: RationingPolicy,
    userId: string | null,
  ): Promise<string> {
    const [row] = await this.manager.query<{ id: string }[]>(
      `INSERT INTO commodity_rationing_policies (commodity_code, policy, updated_by_user_id)
       VALUES ($1, $2, $3)
       ON CONFLICT (commodity_code)
       DO UPDATE SET policy = EXCLUDED.policy, updated_by_user_id = EXCLUDED.updated_by_user_id,
                     updated_at = now()
       RETURNING id`,
      [commodityCode, policy, userId],
    );
    return row.id;
  }
}
