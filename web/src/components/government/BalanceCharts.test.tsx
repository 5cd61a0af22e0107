import { screen, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import i18n from '../../i18n';
import { renderWithProviders } from '../../test-utils';
import {
  balancePoints,
  balanceTotals,
  flowDirection,
  type BalanceRow,
  type FlowRow,
} from './balance-data';
import { BalanceCharts } from './BalanceCharts';
import { fulfilmentPoints } from './fulfilment-data';
import { FulfilmentChart } from './FulfilmentChart';
import { isoWeekOf, weekLabel, weeksAround } from './weeks';

/** A Kota Batam chili row as GET /balance returns it. */
function aRow(overrides: Partial<BalanceRow>): BalanceRow {
  return {
    regionCode: '21.71',
    regionName: 'Kota Batam',
    level: 'regency',
    timeZone: 'WIB',
    commodityCode: 'cabai_merah_keriting',
    commodityName: 'Cabai merah keriting',
    unit: 'kg',
    week: '2026-W48',
    weekStart: '2026-11-23',
    supplyPosted: 0,
    demandPosted: 0,
    proposedIn: 0,
    proposedOut: 0,
    confirmedIn: 0,
    confirmedOut: 0,
    deliveredIn: 0,
    deliveredOut: 0,
    surplus: 0,
    position: 'balanced',
    ...overrides,
  };
}

describe('weeks as the balance names them', () => {
  it('follows ISO weeks across the year end (31 Dec 2026 and 1 Jan 2027 are in 2026-W53)', () => {
    expect(isoWeekOf('2026-11-30')).toBe('2026-W49');
    expect(isoWeekOf('2026-12-31')).toBe('2026-W53');
    expect(isoWeekOf('2027-01-01')).toBe('2026-W53');
    expect(isoWeekOf('2027-01-04')).toBe('2027-W01');
  });

  it('labels a week in Indonesian or English, naming both months when it spans two', () => {
    expect(weekLabel('2026-11-23', 'Minggu', 'id')).toBe('Minggu 48, 23–29 Nov');
    expect(weekLabel('2026-11-30', 'Minggu', 'id')).toBe('Minggu 49, 30 Nov–6 Des');
    expect(weekLabel('2026-11-30', 'Week', 'en')).toBe('Week 49, 30 Nov–6 Dec');
  });

  it('counts weeks around today from its Monday', () => {
    const weeks = weeksAround('2026-11-30', 2, 1);
    expect(weeks).toEqual([
      { week: '2026-W47', weekStart: '2026-11-16' },
      { week: '2026-W48', weekStart: '2026-11-23' },
      { week: '2026-W49', weekStart: '2026-11-30' },
      { week: '2026-W50', weekStart: '2026-12-07' },
    ]);
  });
});

describe('the overview charts and their table', () => {
  beforeEach(() => i18n.changeLanguage('id'));

  const weeks = weeksAround('2026-11-30', 1, 1);
  const rows = [
    aRow({
      supplyPosted: 2500,
      demandPosted: 4000,
      surplus: -1500,
      position: 'deficit',
      confirmedIn: 1750,
    }),
    aRow({
      week: '2026-W50',
      weekStart: '2026-12-07',
      demandPosted: 20000,
      surplus: -20000,
      proposedIn: 1234,
      deliveredIn: 999,
    }),
  ];

  it('maps each week to tonnes, a week without a row to zero, in week order', () => {
    const points = balancePoints(rows, weeks, 'Minggu', 'id');
    expect(points.map((p) => p.week)).toEqual(['2026-W48', '2026-W49', '2026-W50']);
    expect(points[0]).toMatchObject({
      label: 'Minggu 48, 23–29 Nov',
      tick: '23 Nov',
      supply: 2.5,
      demand: 4,
      surplus: -1.5,
      confirmedIn: 1.75,
    });
    expect(points[1]).toMatchObject({ supply: 0, demand: 0, surplus: 0, proposedIn: 0 });
    expect(points[2]).toMatchObject({
      demand: 20,
      surplus: -20,
      proposedIn: 1.234,
      deliveredIn: 0.999,
    });
    expect(balanceTotals(points)).toMatchObject({
      supply: 2.5,
      demand: 24,
      surplus: -21.5,
      confirmedIn: 1.75,
    });
  });

  it('writes every figure the charts draw into the table, with the decimal comma in Indonesian', () => {
    const points = balancePoints(rows, weeks, 'Minggu', 'id');
    renderWithProviders(
      <BalanceCharts points={points} unit="t" commodityName="Cabai merah keriting" />,
    );
    const table = screen.getByRole('table', { name: 'Neraca Cabai merah keriting per minggu (t)' });
    const row = within(table).getByRole('row', { name: /Minggu 48, 23–29 Nov/ });
    // Supply, demand, surplus, proposed/confirmed/received in, proposed/confirmed/shipped out.
    expect(
      within(row)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['2,5', '4', '-1,5', '0', '1,75', '0', '0', '0', '0']);
    const last = within(table).getByRole('row', { name: /Minggu 50, 7–13 Des/ });
    expect(within(last).getAllByRole('cell')[3]!.textContent).toBe('1,234');
    // The summary states the period's sums for a screen reader.
    expect(screen.getByText(/pasokan 2,5 t, permintaan 24 t, selisih -21,5 t/)).toBeInTheDocument();
  });

  it('tells a flow into the region from one out of it or within it', () => {
    const flow = (originCode: string, destinationCode: string) =>
      ({ originCode, destinationCode }) as FlowRow;
    expect(flowDirection(flow('35.07', '21.71'), '21.71')).toBe('in');
    expect(flowDirection(flow('21.71', '35.07'), '21.71')).toBe('out');
    expect(flowDirection(flow('21.71', '21.71'), '21.71')).toBe('within');
    expect(flowDirection(flow('35.07', '35.73'), '35')).toBe('within');
  });
});

describe('the fulfilment chart of an agreement', () => {
  beforeEach(() => i18n.changeLanguage('en'));

  it('marks the weeks behind schedule and gives each week its figures in tonnes', () => {
    const periods = [
      {
        periodStart: '2026-11-30',
        commodityCode: 'cabai_merah_keriting',
        committed: 20000,
        proposed: 3000,
        confirmed: 5000,
        delivered: 0,
        behind: true,
      },
      {
        periodStart: '2026-11-23',
        commodityCode: 'cabai_merah_keriting',
        committed: 20000,
        proposed: 0,
        confirmed: 20500,
        delivered: 18000,
        behind: false,
      },
      {
        periodStart: '2026-11-30',
        commodityCode: 'bawang_merah',
        committed: 0,
        proposed: 0,
        confirmed: 100,
        delivered: 0,
        behind: false,
      },
    ];
    const points = fulfilmentPoints(periods, 'cabai_merah_keriting', 'Week', 'en');
    expect(points.map((p) => [p.label, p.committed, p.confirmed, p.delivered])).toEqual([
      ['Week 48, 23–29 Nov', 20, 20.5, 18],
      ['Week 49, 30 Nov–6 Dec ⚠', 20, 5, 0],
    ]);
    renderWithProviders(<FulfilmentChart points={points} commodityName="Curly red chili" />);
    const table = screen.getByRole('table', {
      name: 'Curly red chili fulfilment per week (tonnes)',
    });
    const behind = within(table).getByRole('row', { name: /Week 49/ });
    expect(
      within(behind)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['20', '3', '5', '0', 'Behind']);
    expect(screen.getByText(/1 of 2 weeks behind the agreed volume/)).toBeInTheDocument();
  });
});
