import { loadNetworkData } from '../../../logistics/testing/reference-csv.loader';
import { TransportNetwork } from '../../../logistics/transport-network';
import type {
  CommodityShelfLife,
  EngineListing,
  EngineRequest,
  SolveMarketInput,
} from '../engine.types';

/** Test factories: the founding case (chili from Kabupaten Malang to Kota Batam) by default. */

export const DAY = 86_400_000;
export const NOW = Date.UTC(2026, 0, 5, 0, 0, 0);
export const MALANG = '35.07';
export const BATAM = '21.71';
export const SURABAYA = '35.78';

export const CHILI: CommodityShelfLife = {
  shelfLifeDaysAmbient: 3,
  shelfLifeDaysCold: 14,
  grades: ['super', 'I', 'II'],
};

let network: TransportNetwork | null = null;

/** The network of the reference CSVs, built once per test file. */
export function referenceNetwork(): TransportNetwork {
  network ??= TransportNetwork.fromData(loadNetworkData());
  return network;
}

/** A chili market on the reference network at NOW, empty unless given listings and requests. */
export function chiliMarket(overrides: Partial<SolveMarketInput> = {}): SolveMarketInput {
  return {
    commodityCode: 'cabai_merah_keriting',
    shelfLife: CHILI,
    listings: [],
    requests: [],
    network: referenceNetwork(),
    now: NOW,
    ...overrides,
  };
}

export function aListing(overrides: Partial<EngineListing> = {}): EngineListing {
  return {
    id: 'listing-1',
    commodityCode: 'cabai_merah_keriting',
    gradeRank: 0,
    remainingQuantity: 1_000,
    minOrderQuantity: 0,
    pricePerUnit: 30_000,
    originRegionCode: MALANG,
    availableFrom: NOW,
    availableUntil: NOW + 7 * DAY,
    harvestedAt: NOW,
    ...overrides,
  };
}

export function aRequest(overrides: Partial<EngineRequest> = {}): EngineRequest {
  return {
    id: 'request-1',
    commodityCode: 'cabai_merah_keriting',
    minGradeRank: 2,
    remainingQuantity: 500,
    // Batam pays Rp 58,000-68,000/kg for chili (air-freighted Java chili at the top):
    // https://peristiwanusantara.com/2022/12/harga-cabe-di-batam-rp-58-ribu-hingga.html
    maxPricePerUnit: 60_000,
    destinationRegionCode: BATAM,
    deliverFrom: null,
    deliverBy: NOW + 14 * DAY,
    minShelfLifeDaysOnArrival: 1,
    ...overrides,
  };
}
