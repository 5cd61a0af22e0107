/**
 * What a notification is about, read from its payload, so that the inbox can say "Cabai merah
 * keriting · 1.958 kg · DKP Kota Batam" and lead to the page where it can be acted on, instead of
 * a bare "Usulan baru". Null for notifications whose payload names no proposal or trade.
 */
export interface NotificationSummary {
  commodityCode: string;
  /** kg */
  quantity: number;
  counterpartyName: string | null;
  /** The console page where it is answered. */
  path: '/proposals' | '/trades';
}

type Payload = Record<string, unknown> | null | undefined;

const asObject = (value: unknown): Payload =>
  value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : null;

export function summarizeNotification(type: string, data: unknown): NotificationSummary | null {
  const payload = asObject(data);
  const [kind, path] = type.startsWith('match.')
    ? (['match', '/proposals'] as const)
    : type.startsWith('trade.')
      ? (['trade', '/trades'] as const)
      : [null, null];
  const subject = kind ? asObject(payload?.[kind]) : null;
  if (!subject || !path) return null;
  // Both sides accepted: what is left to do is on the trade.
  const page = type === 'match.confirmed' ? '/trades' : path;
  const { commodityCode, quantity } = subject;
  if (typeof commodityCode !== 'string' || typeof quantity !== 'number') return null;
  const name = asObject(subject.counterparty)?.name;
  return {
    commodityCode,
    quantity,
    counterpartyName: typeof name === 'string' ? name : null,
    path: page,
  };
}
