import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import type { Schemas } from './api/client';

export const CHILI: Schemas['CommodityView'] = {
  code: 'cabai_merah_keriting',
  nameId: 'Cabai merah keriting',
  nameEn: 'Curly red chili',
  category: 'hortikultura',
  unit: 'kg',
  gradeStandard: null,
  grades: ['super', 'I', 'II'],
} as Schemas['CommodityView'];

/** Renders with Mantine and a query cache that already holds the commodity catalogue. */
export function renderWithProviders(ui: ReactElement, cached: [unknown[], unknown][] = []) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  client.setQueryData(['commodities'], { items: [CHILI], nextCursor: null });
  for (const [key, data] of cached) client.setQueryData(key, data);
  return render(
    <MantineProvider env="test">
      <QueryClientProvider client={client}>{ui}</QueryClientProvider>
    </MantineProvider>,
  );
}
