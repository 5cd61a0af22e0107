import { Alert, NumberInput, Select } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formError } from '../api/errors';
import { numberSeparators, type Language } from '../format';
import { CommoditySelect, useCommodities } from './CommoditySelect';

/** The error of a whole form, when the API named no field (a field's error shows by the field). */
export function FormAlert({ error, fieldErrors }: { error: unknown; fieldErrors: Record<string, string> }) {
  const { t } = useTranslation();
  if (!error || Object.keys(fieldErrors).length) return null;
  return (
    <Alert color="red" role="alert">
      {formError(error, t)}
    </Alert>
  );
}

/**
 * Whole rupiah (the API takes integers), grouped as the console's language writes its totals:
 * Rp 32.000 in Bahasa Indonesia, Rp 32,000 in English.
 */
export function RupiahInput({
  label,
  value,
  onChange,
  error,
  required = true,
  description,
}: {
  label: string;
  value: number | '';
  onChange: (value: number | '') => void;
  error?: string;
  required?: boolean;
  description?: string;
}) {
  const { i18n } = useTranslation();
  return (
    <NumberInput
      label={label}
      description={description}
      prefix="Rp "
      {...numberSeparators(i18n.language as Language)}
      min={0}
      allowDecimal={false}
      required={required}
      value={value}
      error={error}
      onChange={(v) => onChange(v === '' ? '' : Number(v))}
    />
  );
}

/**
 * A commodity and a grade among the commodity's own (the API refuses a graded commodity
 * without one). `lowest` starts the grade at the commodity's lowest, which turns nothing away:
 * the right start for a buyer's lowest acceptable grade, not for a seller's own grade.
 */
export function useCommodityAndGrade(start: 'none' | 'lowest', initialCommodity?: string) {
  const commodities = useCommodities();
  const [commodityCode, setCommodityCode] = useState<string | null>(initialCommodity ?? null);
  const [grade, setGrade] = useState<string | null>(null);
  const gradesOf = (code: string | null) =>
    commodities.data?.items.find((c) => c.code === code)?.grades ?? [];
  const chooseCommodity = (code: string | null) => {
    setCommodityCode(code);
    // Grades go from best to worst.
    setGrade(start === 'lowest' ? (gradesOf(code).at(-1) ?? null) : null);
  };
  return { commodityCode, chooseCommodity, grade, setGrade, grades: gradesOf(commodityCode) };
}

export function CommodityAndGradeFields({
  state,
  gradeLabel,
  errors,
  gradeField,
}: {
  state: ReturnType<typeof useCommodityAndGrade>;
  gradeLabel: string;
  errors: Record<string, string>;
  gradeField: 'grade' | 'minGrade';
}) {
  return (
    <>
      <CommoditySelect value={state.commodityCode} onChange={state.chooseCommodity} error={errors.commodityCode} />
      {state.grades.length > 0 && (
        <Select
          label={gradeLabel}
          value={state.grade}
          onChange={state.setGrade}
          error={errors[gradeField]}
          data={state.grades}
          required
          allowDeselect={false}
        />
      )}
    </>
  );
}
