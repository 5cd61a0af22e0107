export const TRADE_EVENTS = {
  updated: 'trade.updated',
} as const;
