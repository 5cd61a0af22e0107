import { formatNumber, type Language } from '../../format';

/**
 * Balances are read in tonnes (kilolitres for cooking oil, whose unit is the litre): the API
 * counts whole kg (or litres), so three decimals show every figure exactly.
 */
export function toTonnes(units: number): number {
  return units / 1000;
}

export function tonneUnit(unit: string): 't' | 'kL' {
  return unit === 'liter' ? 'kL' : 't';
}

export function formatTonnes(units: number, unit: string, language: Language): string {
  return `${formatNumber(toTonnes(units), language, 3)} ${tonneUnit(unit)}`;
}
