import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { api, ApiError, unwrap, type Schemas } from './api/client';
import { zoneOfRegion } from './format';

export type Me = Schemas['MeView'];

/** The signed-in user (null when signed out): the cookie decides, the page cannot tell. */
export function useMe() {
  return useQuery({
    queryKey: ['me'],
    queryFn: async (): Promise<Me | null> => {
      try {
        return await unwrap(api.GET('/api/v1/me'));
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) return null;
        throw error;
      }
    },
    staleTime: 60_000,
  });
}

export function useZone() {
  const me = useMe();
  return zoneOfRegion(me.data?.organization.regionCode);
}

const LIVE_TYPES = [
  'match.proposed',
  'match.accepted',
  'match.confirmed',
  'match.declined',
  'match.expired',
  'match.superseded',
  'trade.updated',
  'opportunity.matched',
  'organization.verified',
  'organization.rejected',
  'webhook.disabled',
];

/**
 * The live stream on the session cookie (EventSource sends it by itself): every notification
 * refreshes the inbox, its unread count and the pages the notification is about.
 */
export function useLiveNotifications(enabled: boolean): void {
  const client = useQueryClient();
  useEffect(() => {
    if (!enabled || typeof EventSource === 'undefined') return;
    const source = new EventSource('/api/v1/notifications/stream');
    const refresh = () => {
      for (const key of ['notifications', 'unread', 'matches', 'trades', 'listings', 'requests']) {
        void client.invalidateQueries({ queryKey: [key] });
      }
    };
    for (const type of LIVE_TYPES) source.addEventListener(type, refresh);
    return () => source.close();
  }, [enabled, client]);
}
