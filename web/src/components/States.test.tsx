import { screen } from '@testing-library/react';
import axe from 'axe-core';
import { beforeEach, describe, expect, it } from 'vitest';
import i18n from '../i18n';
import { renderWithProviders } from '../test-utils';
import { LoadingIndicator, QueryState } from './States';

describe('the loading state', () => {
  beforeEach(() => i18n.changeLanguage('id'));

  // The browser story caught a page still loading: Mantine's Loader is a bare span, and a label
  // on an element without a role is one screen readers do not read (axe: aria-prohibited-attr).
  it('is announced as a status with its words, and axe finds no violation in it', async () => {
    const { container } = renderWithProviders(
      <QueryState isPending error={null} isEmpty={false} empty="Belum ada" />,
    );
    expect(screen.getByRole('status', { name: 'Memuat…' })).toBeInTheDocument();
    const { violations } = await axe.run(container, { resultTypes: ['violations'] });
    expect(violations.map((v) => `${v.id} (${v.impact})`)).toEqual([]);
  });

  it('speaks the console language', async () => {
    await i18n.changeLanguage('en');
    renderWithProviders(<LoadingIndicator />);
    expect(screen.getByRole('status', { name: 'Loading…' })).toBeInTheDocument();
  });
});
