import { Anchor, Badge, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Fragment, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { QueryState } from './States';

/** What a posting form gets from the page that holds it. */
export interface FormProps<Body> {
  onSubmit: (body: Body) => void;
  submitting: boolean;
  error: unknown;
}

/**
 * One side of the market as its owner sees it (a cooperative's supply, a buyer's requests): a
 * button that opens the posting form, and the postings with what remains. The form closes once
 * the list already shows the new posting, so that what was just posted is on screen.
 */
export function MarketPage<Item extends { id: string }, Body>({
  queryKey,
  title,
  newLabel,
  empty,
  list,
  create,
  form,
  card,
  initialOpen = false,
}: {
  queryKey: 'listings' | 'requests';
  title: string;
  newLabel: string;
  empty: string;
  list: () => Promise<{ items: Item[] }>;
  create: (body: Body) => Promise<unknown>;
  /** The form, or nothing while what it needs (the signed-in organization) is loading. */
  form: (props: FormProps<Body>) => ReactNode;
  card: (item: Item) => ReactNode;
  /** Open the form at once (a link that asks to post, e.g. from an opportunity). */
  initialOpen?: boolean;
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [formOpen, setFormOpen] = useState(initialOpen);
  const items = useQuery({ queryKey: [queryKey], queryFn: list });
  const post = useMutation({
    mutationFn: create,
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: [queryKey] });
      setFormOpen(false);
    },
  });
  const shown = items.data?.items ?? [];
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{title}</Title>
        <Button onClick={() => setFormOpen((o) => !o)} variant={formOpen ? 'default' : 'filled'}>
          {formOpen ? t('action.cancel') : newLabel}
        </Button>
      </Group>
      {formOpen && (
        <Card withBorder>
          {form({ onSubmit: (body) => post.mutate(body), submitting: post.isPending, error: post.error })}
        </Card>
      )}
      <QueryState isPending={items.isPending} error={items.error} isEmpty={shown.length === 0} empty={empty} />
      {shown.map((item) => (
        <Fragment key={item.id}>{card(item)}</Fragment>
      ))}
    </Stack>
  );
}

/** A posting: what and its status, a few lines of figures, and the way to "why no match?". */
export function PostingCard({
  testId,
  title,
  status,
  lines,
  note,
  whyNotTo,
}: {
  testId: string;
  title: string;
  status: string;
  lines: string[];
  note: string;
  whyNotTo: string;
}) {
  const { t } = useTranslation();
  return (
    <Card withBorder padding="sm" data-testid={testId}>
      <Group justify="space-between" wrap="nowrap">
        <Text fw={700}>{title}</Text>
        <Badge style={{ flexShrink: 0 }}>{t(`status.${status}`, { defaultValue: status })}</Badge>
      </Group>
      {lines.map((line) => (
        <Text size="sm" key={line}>
          {line}
        </Text>
      ))}
      <Text size="sm" c="dimmed">
        {note}
      </Text>
      <Anchor component={Link} to={whyNotTo} size="sm" py={6}>
        {t('whyNot.link')}
      </Anchor>
    </Card>
  );
}
