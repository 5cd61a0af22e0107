import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainError } from '../../common/domain-error';
import { queryReturning } from '../../common/query-returning';
import type { CreateSupplyListingDto } from '../../market/supply/supply-listing.dto';
import { SupplyListingsService } from '../../market/supply/supply-listings.service';
import type { Reply, Sender } from '../replies/reply.handler';
import {
  calendarDayIn,
  kilograms,
  Language,
  rupiah,
  shortDate,
  timeZoneOfRegion,
} from '../texts/indonesian-format';
import { CommodityName, parseSellMessage } from './sell-message.parser';

const DRAFT_TTL_MS = 60 * 60_000;
const DAY_MS = 86_400_000;
/** Who may post supply, as POST /supply-listings allows it. */
const SELLERS = new Set(['cooperative', 'trader']);

/**
 * JUAL by message: what was understood is read back with a code, and only `YA <code>` posts the
 * listing, through SupplyListingsService.create as the API does (same checks, same events).
 * The shipping window is the day of harvest (or today) until the commodity's ambient shelf life
 * runs out, and it is part of the read-back, so nothing is posted that the person did not see.
 */
@Injectable()
export class SellConversation {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly listings: SupplyListingsService,
  ) {}

  async propose(sender: Sender, text: string, language: Language): Promise<Reply> {
    if (!SELLERS.has(sender.organizationType) || !sender.emailVerified)
      return {
        outcome: 'sell_not_allowed',
        kind: 'sell_refused',
        variables: {
          reason:
            language === 'id'
              ? 'hanya anggota koperasi atau pedagang dengan email terverifikasi yang bisa menjual.'
              : 'only members of cooperatives or traders with a verified email can sell.',
        },
      };
    const commodities = await this.dataSource.query<
      (CommodityName & { shelfLifeDays: number; nameEn: string })[]
    >(
      `SELECT code, name_id AS "nameId", name_en AS "nameEn", grades,
              shelf_life_days_ambient AS "shelfLifeDays" FROM commodities ORDER BY code`,
    );
    const now = new Date();
    const zone = timeZoneOfRegion(sender.regionCode);
    // Dates in the message ("hari ini", "besok", "2 Des") are the sender's calendar days: from
    // 00.00 to 07.00 WIB the UTC date is still yesterday's, which took a day off the shelf life.
    const today = calendarDayIn(now, zone);
    const parsed = parseSellMessage(text, commodities, today);
    if (parsed.kind === 'question')
      return {
        outcome: 'sell_question',
        kind: 'sell_question',
        variables: { question: parsed.question[language] },
      };
    const { draft } = parsed;
    const commodity = commodities.find((c) => c.code === draft.commodityCode)!;
    const harvest = draft.harvestDate ? new Date(draft.harvestDate) : null;
    // A harvest today (or before) is on sale now; a later one from its day.
    const from = harvest && harvest > today ? harvest : now;
    const until = new Date((harvest ?? from).getTime() + commodity.shelfLifeDays * DAY_MS);
    const listing: CreateSupplyListingDto = {
      commodityCode: draft.commodityCode,
      grade: draft.grade,
      quantity: draft.quantity,
      pricePerUnit: draft.pricePerUnit,
      originRegionCode: sender.regionCode,
      availableFrom: from.toISOString(),
      availableUntil: (until > from ? until : new Date(from.getTime() + DAY_MS)).toISOString(),
      harvestedAt: harvest && harvest <= today ? harvest.toISOString() : null,
      notes: `JUAL ${text}`.slice(0, 2000),
    };
    const code = await this.saveDraft(sender, listing);
    return {
      outcome: 'sell_draft',
      kind: 'sell_confirm',
      variables: {
        quantity: kilograms(draft.quantity, language),
        commodity: (language === 'id' ? commodity.nameId : commodity.nameEn).toLowerCase(),
        grade: draft.grade ? ` ${language === 'id' ? 'mutu' : 'grade'} ${draft.grade}` : '',
        price: rupiah(draft.pricePerUnit),
        harvest: harvest
          ? shortDate(harvest, 'WIB', language)
          : language === 'id'
            ? 'tidak disebut'
            : 'not given',
        until: shortDate(new Date(listing.availableUntil), zone, language),
        code,
      },
    };
  }

  async confirm(sender: Sender, code: string): Promise<Reply> {
    const [row] = await queryReturning<{ id: string; listing: CreateSupplyListingDto }>(
      this.dataSource.manager,
      `UPDATE sell_drafts SET used_at = now()
        WHERE user_id = $1 AND code = $2 AND used_at IS NULL AND expires_at > now()
        RETURNING id, listing`,
      [sender.userId, code],
    );
    if (!row) return { outcome: 'sell_not_found', kind: 'sell_not_found', variables: { code } };
    try {
      const view = await this.listings.create(sender, row.listing);
      const [c] = await this.dataSource.query<{ name_id: string; name_en: string }[]>(
        `SELECT name_id, name_en FROM commodities WHERE code = $1`,
        [view.commodityCode],
      );
      return {
        outcome: 'sell_posted',
        kind: 'sell_posted',
        variables: {
          quantity: kilograms(view.quantity, sender.language),
          commodity: (sender.language === 'id' ? c.name_id : c.name_en).toLowerCase(),
          price: rupiah(view.pricePerUnit),
        },
      };
    } catch (error) {
      if (!(error instanceof DomainError)) {
        // Not a refusal but a failure (database, Redis): give the code back for the retry.
        await this.dataSource.query(`UPDATE sell_drafts SET used_at = NULL WHERE id = $1`, [
          row.id,
        ]);
        throw error;
      }
      return {
        outcome: 'sell_refused',
        kind: 'sell_refused',
        variables: { reason: error.message },
      };
    }
  }

  private async saveDraft(sender: Sender, listing: CreateSupplyListingDto): Promise<string> {
    for (let i = 0; i < 5; i++) {
      const [row] = await this.dataSource.query<{ code: string }[]>(
        `INSERT INTO sell_drafts (user_id, organization_id, code, listing, expires_at)
         VALUES ($1, $2, (1000 + floor(random() * 9000))::int::text, $3, $4)
         ON CONFLICT DO NOTHING RETURNING code`,
        [
          sender.userId,
          sender.organizationId,
          JSON.stringify(listing),
          new Date(Date.now() + DRAFT_TTL_MS),
        ],
      );
      if (row) return row.code;
    }
    throw new Error('could not allocate a sell confirmation code');
  }
}
