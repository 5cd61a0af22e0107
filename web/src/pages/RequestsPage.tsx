import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../api/client';
import { useCommodityName } from '../components/CommoditySelect';
import { MarketPage, PostingCard } from '../components/MarketPage';
import { RequestForm, type NewRequest } from '../components/RequestForm';
import {
  formatDayInZone,
  formatQuantity,
  formatRupiah,
  zoneOfRegion,
  type Language,
} from '../format';
import { useMe } from '../session';

/** A buyer's demand: post a request, and its requests with what remains. */
export function RequestsPage() {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const me = useMe();
  const name = useCommodityName();
  return (
    <MarketPage
      queryKey="requests"
      title={t('requests.title')}
      newLabel={t('requests.new')}
      empty={t('requests.empty')}
      list={() => unwrap(api.GET('/api/v1/demand-requests', { params: { query: { limit: 50 } } }))}
      create={(body: NewRequest) => unwrap(api.POST('/api/v1/demand-requests', { body }))}
      form={(props) =>
        me.data && (
          <RequestForm destinationRegionCode={me.data.organization.regionCode} {...props} />
        )
      }
      card={(r) => (
        <PostingCard
          testId="request"
          title={`${name(r.commodityCode)}${r.minGrade ? ` · ≥ ${r.minGrade}` : ''}`}
          status={r.status}
          lines={[
            t('requests.remaining', {
              remaining: formatQuantity(r.remainingQuantity, 'kg', language),
              total: formatQuantity(r.quantity, 'kg', language),
            }),
            t('requests.price', { price: formatRupiah(r.maxPricePerUnit, language) }),
          ]}
          note={t('requests.deliverBy', {
            date: formatDayInZone(r.deliverBy, zoneOfRegion(r.destinationRegionCode), language),
          })}
          whyNotTo={`/why-not/request/${r.id}`}
        />
      )}
    />
  );
}
