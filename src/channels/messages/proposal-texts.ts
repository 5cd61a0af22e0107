import type { Match } from '../../matching/match.entity';
import {
  dateTime,
  kilograms,
  Language,
  rupiah,
  shortDate,
  shortHub,
  shortPlace,
  timeZoneOfRegion,
  transportMode,
} from '../texts/indonesian-format';
import type { MessageVariables } from '../texts/message-templates';

/** Names the texts need, loaded once per event. */
export interface ProposalContext {
  commodity: { nameId: string; nameEn: string };
  originName: string;
  destinationName: string;
  /** Hub code -> name, for the main leg of the route. */
  hubs: Map<string, string>;
}

function mainLeg(match: Match) {
  return match.route.find((leg) => leg.kind !== 'road');
}

/** `udara (Juanda)`: the mode, and the hub this side deals with when there is one. */
function modeWithHub(
  match: Match,
  side: 'supplier' | 'buyer',
  context: ProposalContext,
  language: Language,
) {
  const leg = mainLeg(match);
  const hubCode = leg ? (side === 'supplier' ? leg.from : leg.to) : undefined;
  const hub = hubCode ? context.hubs.get(hubCode) : undefined;
  const mode = transportMode(match.transportMode, language);
  return hub ? `${mode} (${shortHub(hub)})` : mode;
}

/**
 * The variables of a proposal for one side, in the recipient's language and zone: the supplier
 * reads what it ships, where to and at its price; the buyer what arrives, from where and at the
 * landed price (goods and transport).
 */
export function proposalVariables(
  match: Match,
  side: 'supplier' | 'buyer',
  code: string,
  context: ProposalContext,
  language: Language,
  regionCode: string,
): MessageVariables {
  const zone = timeZoneOfRegion(regionCode);
  const commodity = (
    language === 'id' ? context.commodity.nameId : context.commodity.nameEn
  ).toLowerCase();
  return {
    code,
    quantity: kilograms(side === 'supplier' ? match.quantity : match.quantityDelivered, language),
    commodity,
    place: shortPlace(side === 'supplier' ? context.destinationName : context.originName),
    price: rupiah(side === 'supplier' ? match.pricePerUnit : match.landedCostPerUnit),
    date: shortDate(side === 'supplier' ? match.departureDate : match.arrivalDate, zone, language),
    mode: modeWithHub(match, side, context, language),
    deadline: dateTime(match.expiresAt, zone, language),
  };
}

export function tradeVariables(
  match: Match,
  side: 'supplier' | 'buyer',
  code: string,
  context: ProposalContext,
  language: Language,
  regionCode: string,
  counterpart: {
    name: string;
    contactName: string | null;
    phone: string | null;
    email: string | null;
  },
): MessageVariables {
  const zone = timeZoneOfRegion(regionCode);
  const contact =
    [counterpart.contactName, counterpart.phone ?? counterpart.email].filter(Boolean).join(' ') ||
    '-';
  return {
    code,
    quantity: kilograms(side === 'supplier' ? match.quantity : match.quantityDelivered, language),
    commodity: (language === 'id'
      ? context.commodity.nameId
      : context.commodity.nameEn
    ).toLowerCase(),
    price: rupiah(side === 'supplier' ? match.pricePerUnit : match.landedCostPerUnit),
    departure: shortDate(match.departureDate, zone, language),
    arrival: shortDate(match.arrivalDate, zone, language),
    counterpart: counterpart.name,
    contact,
  };
}
