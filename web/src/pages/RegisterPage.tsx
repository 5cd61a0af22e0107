import { Alert, Anchor, Button, PasswordInput, Select, Stack, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, unwrap, type Schemas } from '../api/client';
import { fieldErrors, formError } from '../api/errors';
import { RegionSelect } from '../components/RegionSelect';

type OrganizationType = Schemas['NewOrganizationDto']['type'];
const TYPES: OrganizationType[] = ['cooperative', 'procurement', 'trader', 'government'];

export function RegisterPage() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [name, setName] = useState('');
  const [type, setType] = useState<OrganizationType>('cooperative');
  const [regionCode, setRegionCode] = useState<string | null>(null);
  const [person, setPerson] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const register = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v1/auth/session/register', {
          body: {
            organization: { name, type, regionCode: regionCode ?? '' },
            user: { name: person, email, password },
          },
        }),
      ),
    onSuccess: (me) => client.setQueryData(['me'], me),
  });
  const errors = fieldErrors(register.error, t);
  if (register.isSuccess) {
    return (
      <Stack>
        <Title order={1}>{t('register.doneTitle')}</Title>
        <Alert color="green" role="status">
          {t('register.checkEmail', { email })}
        </Alert>
        <Anchor component={Link} to="/" py="xs">
          {t('register.continue')}
        </Anchor>
      </Stack>
    );
  }
  return (
    <Stack component="form" onSubmit={(e) => (e.preventDefault(), register.mutate())}>
      <Title order={1}>{t('register.title')}</Title>
      {register.error && !Object.keys(errors).length && (
        <Alert color="red" role="alert">
          {formError(register.error, t)}
        </Alert>
      )}
      <TextInput
        label={t('field.organizationName')}
        required
        value={name}
        error={errors.name}
        onChange={(e) => setName(e.currentTarget.value)}
      />
      <Select
        label={t('field.organizationType')}
        required
        allowDeselect={false}
        value={type}
        onChange={(v) => v && setType(v as OrganizationType)}
        data={TYPES.map((value) => ({ value, label: t(`orgType.${value}`) }))}
      />
      <RegionSelect
        label={t('field.region')}
        value={regionCode}
        onChange={setRegionCode}
        error={errors.regionCode}
      />
      <TextInput
        label={t('field.personName')}
        required
        value={person}
        error={errors.name && !errors.regionCode ? undefined : undefined}
        onChange={(e) => setPerson(e.currentTarget.value)}
      />
      <TextInput
        label={t('field.email')}
        type="email"
        autoComplete="email"
        required
        value={email}
        error={errors.email}
        onChange={(e) => setEmail(e.currentTarget.value)}
      />
      <PasswordInput
        label={t('field.password')}
        description={t('field.passwordHint')}
        autoComplete="new-password"
        required
        value={password}
        error={errors.password}
        onChange={(e) => setPassword(e.currentTarget.value)}
      />
      <Button type="submit" loading={register.isPending}>
        {t('register.submit')}
      </Button>
      <Anchor component={Link} to="/login" py="xs">
        {t('register.login')}
      </Anchor>
    </Stack>
  );
}
