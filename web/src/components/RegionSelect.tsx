import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../api/client';

/** A region picked by typing its name ("malang" finds Kabupaten and Kota Malang). */
export function RegionSelect({
  label,
  value,
  onChange,
  error,
  required = true,
}: {
  label: string;
  value: string | null;
  onChange: (code: string | null) => void;
  error?: string;
  /** An optional region (a watchlist's "anywhere") can be cleared. */
  required?: boolean;
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
  // The region already chosen (e.g. the organization's own) must be an option to be shown.
  const selected = useQuery({
    queryKey: ['region', value],
    queryFn: () =>
      unwrap(api.GET('/api/v1/regions/{code}', { params: { path: { code: value ?? '' } } })),
    enabled: !!value,
    staleTime: Infinity,
  });
  const selectedName = selected.data?.name;
  useEffect(() => {
    // Show the chosen region's name when the field starts with one (search is controlled).
    if (selectedName) setSearch((typed) => typed || selectedName);
  }, [selectedName]);
  const options = (regions.data?.items ?? []).map((r) => ({ value: r.code, label: r.name }));
  if (selected.data && !options.some((o) => o.value === selected.data.code)) {
    options.unshift({ value: selected.data.code, label: selected.data.name });
  }
  return (
    <Select
      label={label}
      placeholder={t('field.regionPlaceholder')}
      searchable
      required={required}
      clearable={!required}
      filter={({ options }) => options}
      value={value}
      onChange={(code) => {
        // Clearing the choice clears the typed name too, so the field reads empty.
        if (code === null) setSearch('');
        onChange(code);
      }}
      searchValue={search}
      onSearchChange={setSearch}
      error={error}
      nothingFoundMessage={q.length >= 2 ? t('state.nothingFound') : t('field.typeTwoLetters')}
      data={options}
    />
  );
}
