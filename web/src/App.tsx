import {
  AppShell,
  Badge,
  Burger,
  Button,
  Center,
  Group,
  NavLink,
  SegmentedControl,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, Route, Routes, useLocation, useNavigate } from 'react-router';
import { api, unwrap } from './api/client';
import { LoadingIndicator } from './components/States';
import type { Language } from './format';
import { chooseLanguage } from './i18n';
import { InboxPage } from './pages/InboxPage';
import { LoginPage } from './pages/LoginPage';
import { RegisterPage } from './pages/RegisterPage';
import { VerifyEmailPage } from './pages/VerifyEmailPage';
import { ListingsPage } from './pages/ListingsPage';
import { RequestsPage } from './pages/RequestsPage';
import { ProposalsPage } from './pages/ProposalsPage';
import { TradesPage } from './pages/TradesPage';
import { WhyNotPage } from './pages/WhyNotPage';
import { ResetPasswordPage } from './pages/ResetPasswordPage';
import { ProfilePage } from './pages/ProfilePage';
import { NotificationSettingsPage } from './pages/NotificationSettingsPage';
import { WebhooksPage } from './pages/WebhooksPage';
import { WatchlistsPage } from './pages/WatchlistsPage';
import { OpportunitiesPage } from './pages/OpportunitiesPage';
import { useLiveNotifications, useMe } from './session';

// Charts only matter to governments: loaded when their pages open, not on the first page.
const OverviewPage = lazy(() => import('./pages/OverviewPage'));
const AgreementsPage = lazy(() => import('./pages/AgreementsPage'));

export function LanguageSwitch() {
  const { i18n, t } = useTranslation();
  return (
    <SegmentedControl
      aria-label={t('nav.language')}
      size="sm"
      value={i18n.language}
      onChange={(value) => chooseLanguage(value as Language)}
      data={[
        { value: 'id', label: 'ID' },
        { value: 'en', label: 'EN' },
      ]}
    />
  );
}

function UnreadBadge() {
  const { t } = useTranslation();
  const unread = useQuery({
    queryKey: ['unread'],
    queryFn: () => unwrap(api.GET('/api/v1/notifications/unread-count')),
  });
  const count = unread.data?.count ?? 0;
  return (
    <Badge color={count > 0 ? 'red' : 'gray'} data-testid="unread-count" aria-label={t('inbox.unread', { count })}>
      {count}
    </Badge>
  );
}

function Shell({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const [opened, { toggle, close }] = useDisclosure();
  const me = useMe();
  const location = useLocation();
  const navigate = useNavigate();
  const client = useQueryClient();
  useLiveNotifications(!!me.data);
  const type = me.data?.organization.type;
  const links: { to: string; label: ReactNode; show: boolean }[] = [
    { to: '/inbox', label: <Group gap={6}>{t('nav.inbox')}<UnreadBadge /></Group>, show: true },
    { to: '/opportunities', label: t('trader.nav.opportunities'), show: type === 'trader' },
    { to: '/watchlists', label: t('trader.nav.watchlists'), show: type === 'trader' },
    { to: '/listings', label: t('nav.listings'), show: type === 'cooperative' || type === 'trader' },
    { to: '/requests', label: t('nav.requests'), show: type === 'procurement' || type === 'trader' },
    { to: '/proposals', label: t('nav.proposals'), show: type !== 'government' },
    { to: '/trades', label: t('nav.trades'), show: type !== 'government' },
    { to: '/overview', label: t('nav.overview'), show: type === 'government' },
    { to: '/agreements', label: t('government.nav.agreements'), show: type === 'government' },
    { to: '/profile', label: t('nav.profile'), show: true },
    { to: '/settings', label: t('nav.settings'), show: true },
    { to: '/webhooks', label: t('nav.webhooks'), show: true },
  ];
  const logout = async () => {
    await api.DELETE('/api/v1/auth/session');
    client.clear();
    navigate('/login');
  };
  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 240, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="md"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="xs" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="md" aria-label={t('nav.menu')} />
            <Title order={1} size="h4">
              {t('app.name')}
            </Title>
          </Group>
          <LanguageSwitch />
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="sm" aria-label={t('nav.menu')}>
        {me.data && (
          <Text size="sm" c="dimmed" mb="xs">
            {me.data.organization.name}
          </Text>
        )}
        {links
          .filter((l) => l.show)
          .map((l) => (
            <NavLink
              key={l.to}
              component={Link}
              to={l.to}
              label={l.label}
              active={location.pathname.startsWith(l.to)}
              // White on teal 9: the light variant's teal on pale teal is below 4.5:1.
              variant="filled"
              onClick={close}
              mih={44}
            />
          ))}
        <Button variant="subtle" mt="md" mih={44} onClick={() => void logout()}>
          {t('nav.logout')}
        </Button>
      </AppShell.Navbar>
      <AppShell.Main>{children}</AppShell.Main>
    </AppShell>
  );
}

/** Pages for signed-in users; a signed-out visitor goes to the login page. */
function Private({ children }: { children: ReactNode }) {
  const me = useMe();
  const location = useLocation();
  if (me.isPending)
    return (
      <Center h="100vh">
        <LoadingIndicator />
      </Center>
    );
  if (!me.data) return <Navigate to="/login" replace state={{ from: location.pathname }} />;
  return <Shell>{children}</Shell>;
}

function Public({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Stack maw={480} mx="auto" p="md" component="main">
      <Group justify="space-between">
        <Text fw={700} c="teal.9">
          {t('app.name')}
        </Text>
        <LanguageSwitch />
      </Group>
      {children}
    </Stack>
  );
}

function Home() {
  const me = useMe();
  const type = me.data?.organization.type;
  if (type === 'government') return <Navigate to="/overview" replace />;
  if (type === 'procurement') return <Navigate to="/requests" replace />;
  if (type === 'cooperative') return <Navigate to="/listings" replace />;
  if (type === 'trader') return <Navigate to="/opportunities" replace />;
  return <Navigate to="/inbox" replace />;
}

export function App() {
  return (
    <Routes>
      <Route path="/login" element={<Public><LoginPage /></Public>} />
      <Route path="/register" element={<Public><RegisterPage /></Public>} />
      <Route path="/verify-email" element={<Public><VerifyEmailPage /></Public>} />
      <Route path="/reset-password" element={<Public><ResetPasswordPage /></Public>} />
      <Route path="/" element={<Private><Home /></Private>} />
      <Route path="/inbox" element={<Private><InboxPage /></Private>} />
      <Route path="/listings" element={<Private><ListingsPage /></Private>} />
      <Route path="/requests" element={<Private><RequestsPage /></Private>} />
      <Route path="/proposals" element={<Private><ProposalsPage /></Private>} />
      <Route path="/trades" element={<Private><TradesPage /></Private>} />
      <Route path="/watchlists" element={<Private><WatchlistsPage /></Private>} />
      <Route path="/opportunities" element={<Private><OpportunitiesPage /></Private>} />
      <Route path="/why-not/:kind/:id" element={<Private><WhyNotPage /></Private>} />
      <Route path="/profile" element={<Private><ProfilePage /></Private>} />
      <Route path="/settings" element={<Private><NotificationSettingsPage /></Private>} />
      <Route path="/webhooks" element={<Private><WebhooksPage /></Private>} />
      <Route
        path="/overview"
        element={
          <Private>
            <Suspense fallback={<LoadingIndicator />}>
              <OverviewPage />
            </Suspense>
          </Private>
        }
      />
      <Route
        path="/agreements"
        element={
          <Private>
            <Suspense fallback={<LoadingIndicator />}>
              <AgreementsPage />
            </Suspense>
          </Private>
        }
      />
      <Route path="*" element={<Navigate to="/" replace />} />
    </Routes>
  );
}
