import type { TransportOption } from './logistics.types';
import { loadNetworkData } from './testing/reference-csv.loader';
import { TransportNetwork } from './transport-network';

/**
 * Golden lanes: real trade lanes with their main mode and bounds on door-to-door days and rupiah
 * per kg drawn from public figures (sources next to each lane, and in src/reference/data/README.md
 * next to the rows they feed). The model is run on the seeded service network as it ships.
 */

const network = TransportNetwork.fromData(loadNetworkData());

const cheapest = (options: readonly TransportOption[]) =>
  options.reduce((a, b) => (b.costPerUnit < a.costPerUnit ? b : a));
const fastest = (options: readonly TransportOption[]) =>
  options.reduce((a, b) => (b.transitDays < a.transitDays ? b : a));
const ofLabel = (options: readonly TransportOption[], label: string) =>
  options.filter((o) => o.label === label);
const leg = (option: TransportOption, service: string) =>
  option.legs.find((l) => l.service === service);
/** Legs carry whole rupiah per kg of a running total rounded up, so a fare/kg is within Rp 1. */
const expectFarePerKg = (perKg: number, fare: number, lotKg: number) =>
  expect(Math.abs(perKg - fare / lotKg)).toBeLessThanOrEqual(1);

describe('golden lanes of the issue', () => {
  it('Malang to Batam chili: air via Juanda (not the nearer Abdul Rachman Saleh), 1-2 days, air freight Rp 13,000-25,000/kg', () => {
    // 1-2 days door to door and Rp 18,000-25,000/kg air freight Surabaya-Batam:
    // shared/data/README.md; Batam traders buy Java chili flown in because ship-borne chili
    // arrives wrinkled: https://peristiwanusantara.com/2022/12/harga-cabe-di-batam-rp-58-ribu-hingga.html
    const options = network.options('35.07', '21.71', 3_000);
    const air = fastest(ofLabel(options, 'air'));
    expect(air.originHubCode).toBe('airport-juanda');
    expect(air.destinationHubCode).toBe('airport-hang-nadim');
    expect(air.transitDays).toBeGreaterThanOrEqual(1);
    expect(air.transitDays).toBeLessThanOrEqual(2);
    const flight = air.legs.find((l) => l.kind === 'air')!;
    expect(flight.costPerUnit).toBeGreaterThanOrEqual(13_000);
    expect(flight.costPerUnit).toBeLessThanOrEqual(25_000);
    // No air route leaves Malang's own airport for Batam.
    expect(options.some((o) => o.originHubCode === 'airport-abdul-rachman-saleh')).toBe(false);
    // Every ambient sea route takes longer than chili's 3-5 days of life.
    for (const sea of ofLabel(options, 'sea')) expect(sea.transitDays).toBeGreaterThan(3);
  });

  it('Pekanbaru to Batam chili: short-sea from Dumai, ambient, at most 1.5 days', () => {
    // Sumatran chili reaches Batam by ship from Dumai:
    // https://kabarberitakini.com/disperindag-batam-ungkap-penyebab-kenaikan-cabai-1330.html
    const sea = fastest(ofLabel(network.options('14.71', '21.71', 3_000), 'sea'));
    expect(sea.reefer).toBe(false);
    expect(sea.originHubCode).toBe('port-dumai');
    expect(sea.transitDays).toBeLessThanOrEqual(1.5);
    expect(sea.costPerUnit).toBeLessThan(5_000);
    expect(cheapest(network.options('14.71', '21.71', 3_000)).mode).toBe('sea');
  });

  it('Banyuwangi to Denpasar: road across Ketapang-Gilimanuk with its fare', () => {
    // Golongan VB truck up to 7 m Rp 326,200 (VIB up to 10 m Rp 534,300), 45-60 min crossing:
    // https://trenenergi.com/amp/47107/pembaruan-tarif-penyeberangan-ketapanggilimanuk-menjelang-mudik-lebaran-2025
    const road = cheapest(network.options('35.10', '51.71', 3_000));
    expect(road.mode).toBe('road');
    const ferry = leg(road, 'ketapang-gilimanuk')!;
    expect(ferry.freightClass).toBe('1 x engkel (ferry)');
    expectFarePerKg(ferry.costPerUnit, 326_200, 3_000);
    expect(road.transitDays).toBeLessThan(0.5);
  });

  it('Lombok Timur to Denpasar: road across Lembar-Padangbai, 4-5 hours on the water, fare included', () => {
    // 4 h 30 min, 13 ferries a day round the clock:
    // https://sinar24.com/detail/586125/kapal-feri-lembar-padangbai-hadirkan-layanan-tanpa-henti
    const road = cheapest(network.options('52.03', '51.71', 3_000));
    expect(road.mode).toBe('road');
    const ferry = leg(road, 'padangbai-lembar')!;
    expect(ferry.hours - ferry.waitHours!).toBeGreaterThanOrEqual(4);
    expect(ferry.hours - ferry.waitHours!).toBeLessThanOrEqual(5);
    expect(ferry.costPerUnit).toBeGreaterThan(0);
    expect(road.transitDays).toBeLessThan(1);
  });

  it('Temanggung to Jakarta: road in under a day', () => {
    const road = cheapest(network.options('33.23', '31.71', 3_000));
    expect(road.mode).toBe('road');
    expect(road.transitDays).toBeLessThan(1);
  });

  it('Malang to Jayapura: air in about a day, sea far slower', () => {
    // Garuda cargo to Jayapura Rp 18,000 up to Rp 30,000-40,000/kg by distance:
    // https://papuatoday.com/?p=14822
    const options = network.options('35.07', '91.71', 3_000);
    const air = fastest(options);
    expect(air.mode).toBe('air');
    expect(air.transitDays).toBeLessThanOrEqual(2);
    const flight = air.legs.find((l) => l.kind === 'air')!;
    expect(flight.costPerUnit).toBeGreaterThanOrEqual(30_000);
    expect(flight.costPerUnit).toBeLessThanOrEqual(42_000);
    const sea = fastest(options.filter((o) => o.mode === 'sea'));
    expect(sea.transitDays).toBeGreaterThan(5 * air.transitDays);
  });
});

describe('golden lanes of our own', () => {
  it('Karo to Batam chili: by ship from Dumai in under 2 days, ambient', () => {
    // Medan and Aceh chili ship to Batam from Dumai:
    // https://kabarberitakini.com/disperindag-batam-ungkap-penyebab-kenaikan-cabai-1330.html
    const options = network.options('12.06', '21.71', 3_000);
    const sea = cheapest(options);
    expect(sea.mode).toBe('sea');
    expect(sea.originHubCode).toBe('port-dumai');
    expect(sea.transitDays).toBeLessThan(2);
  });

  it('Bima to Labuan Bajo: road across Sape-Labuan Bajo, 7-8 hours on the water', () => {
    // 7-8 h crossing: https://www.linasasmita.com/2015/05/penyebrangan-sumbawa-flores.html
    const road = cheapest(network.options('52.06', '53.15', 3_000));
    expect(road.mode).toBe('road');
    const ferry = leg(road, 'sape-labuan-bajo')!;
    expect(ferry.hours - ferry.waitHours!).toBeGreaterThanOrEqual(7);
    expect(ferry.hours - ferry.waitHours!).toBeLessThanOrEqual(8);
  });

  it('Sumbawa to Mataram: road across Kayangan-Pototano with the truck fare', () => {
    // Truk sedang up to 7 m Rp 808,000 (2022):
    // https://ntb.idntimes.com/news/ntb/muhammad-nasir-18/berlaku-5-oktober-ini-tarif-baru-penyeberangan-kayangan-pototano
    const road = cheapest(network.options('52.04', '52.71', 3_000));
    expect(road.mode).toBe('road');
    expectFarePerKg(leg(road, 'kayangan-pototano')!.costPerUnit, 808_000, 3_000);
    expect(road.transitDays).toBeLessThan(1);
  });

  it('Lampung Selatan to Jakarta: road across Merak-Bakauheni with the truck fare', () => {
    // Golongan VB Rp 835,300 (KM 61/2023):
    // https://merdeka.com/peristiwa/tarif-baru-penyeberangan-merak-bakauheni-diberlakukan-ini-daftar-lengkapnya-9931-mvk.html
    const road = cheapest(network.options('18.01', '31.71', 3_000));
    expect(road.mode).toBe('road');
    expectFarePerKg(leg(road, 'merak-bakauheni')!.costPerUnit, 835_300, 3_000);
    expect(road.transitDays).toBeLessThan(1);
  });

  it('Brebes to Jakarta shallots: road in under a day for well under Rp 1,000/kg', () => {
    const road = cheapest(network.options('33.29', '31.71', 3_000));
    expect(road.mode).toBe('road');
    expect(road.transitDays).toBeLessThan(1);
    expect(road.costPerUnit).toBeLessThan(1_000);
  });

  it('Karo to Jakarta: the Sumatra trunk road and Bakauheni-Merak in about two days, air faster', () => {
    const options = network.options('12.06', '31.71', 3_000);
    const road = fastest(ofLabel(options, 'road'));
    expect(road.legs.some((l) => l.service === 'merak-bakauheni')).toBe(true);
    expect(road.transitDays).toBeGreaterThan(1);
    expect(road.transitDays).toBeLessThan(3);
    expect(fastest(options).mode).toBe('air');
  });

  it('Mataram to Batam chili: flown from Lombok', () => {
    // Mataram chili is flown to Batam:
    // https://ulasan.co/disperindag-batam-akan-kerja-sama-dengan-lombok-sampai-bukittinggi-penuhi-komoditas-cabai-dan-telur/2/
    const air = fastest(network.options('52.71', '21.71', 1_000));
    expect(air.mode).toBe('air');
    expect(air.originHubCode).toBe('airport-lombok');
    expect(air.transitDays).toBeLessThanOrEqual(2);
  });

  it('Malang to Denpasar: road the whole way, Ketapang-Gilimanuk included, within a day', () => {
    const road = cheapest(network.options('35.07', '51.71', 3_000));
    expect(road.mode).toBe('road');
    expect(leg(road, 'ketapang-gilimanuk')).toBeDefined();
    expect(road.transitDays).toBeLessThan(1);
  });
});
