import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../api/client';

/** A region picked by typing its name ("malang" finds Kabupaten and Kota Malang). */
export function RegionSelect({
  label,
  value,
  onChange,
  error,
}: {
  label: string;
  value: string | null;
  onChange: (code: string | null) => void;
  error?: string;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search, 250);
  const regions = useQuery({
    queryKey: ['regions', q],
    queryFn: () =>
      unwrap(api.GET('/api/v1/regions', { params: { query: { q: q || undefined, limit: 20 } } })),
    enabled: q.trim().length >= 2,
    placeholderData: keepPreviousData,
  });
  return (
    <Select
      label={label}
      placeholder={t('field.regionPlaceholder')}
      searchable
      required
      filter={({ options }) => options}
      value={value}
      onChange={onChange}
      searchValue={search}
      onSearchChange={setSearch}
      error={error}
      nothingFoundMessage={q.length >= 2 ? t('state.nothingFound') : t('field.typeTwoLetters')}
      data={(regions.data?.items ?? []).map((r) => ({ value: r.code, label: r.name }))}
    />
  );
}
