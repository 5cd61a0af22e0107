import { Select, type ComboboxItem, type OptionsFilter } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../api/client';

/** Commodities by their name in the user's language (Indonesian first), searchable. */
export function useCommodities() {
  return useQuery({
    queryKey: ['commodities'],
    queryFn: () => unwrap(api.GET('/api/v1/commodities', { params: { query: { limit: 100 } } })),
    staleTime: Infinity,
  });
}

export function CommoditySelect({
  value,
  onChange,
  error,
}: {
  value: string | null;
  onChange: (code: string | null) => void;
  error?: string;
}) {
  const { t, i18n } = useTranslation();
  const commodities = useCommodities();
  const items = commodities.data?.items ?? [];
  // Both names find a commodity in either language: market talk in Indonesia says "cabai
  // merah keriting" even to someone who reads the console in English.
  const filter: OptionsFilter = ({ options, search }) => {
    const typed = search.trim().toLowerCase();
    if (!typed) return options;
    return (options as ComboboxItem[]).filter((option) => {
      const c = items.find((x) => x.code === option.value);
      return [c?.nameId, c?.nameEn, option.label].some((n) => n?.toLowerCase().includes(typed));
    });
  };
  return (
    <Select
      label={t('field.commodity')}
      searchable
      required
      value={value}
      onChange={onChange}
      error={error}
      nothingFoundMessage={t('state.nothingFound')}
      filter={filter}
      data={items.map((c) => ({
        value: c.code,
        label: i18n.language === 'en' ? c.nameEn : c.nameId,
      }))}
    />
  );
}

export function useCommodityName() {
  const { i18n } = useTranslation();
  const commodities = useCommodities();
  return (code: string) => {
    const c = commodities.data?.items.find((x) => x.code === code);
    return c ? (i18n.language === 'en' ? c.nameEn : c.nameId) : code;
  };
}
