import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api, unwrap } from '../api/client';
import { useCommodityName } from '../components/CommoditySelect';
import { ListingForm, type NewListing } from '../components/ListingForm';
import { MarketPage, PostingCard } from '../components/MarketPage';
import {
  formatDayInZone,
  formatQuantity,
  formatRupiah,
  zoneOfRegion,
  type Language,
} from '../format';
import { useMe } from '../session';

/** A cooperative's supply: post a listing, and its listings with what remains. */
export function ListingsPage() {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const me = useMe();
  const name = useCommodityName();
  // ?commodity=: an opportunity's "offer supply" link, which opens the form on that commodity.
  const [search] = useSearchParams();
  const commodityCode = search.get('commodity') ?? undefined;
  return (
    <MarketPage
      initialOpen={!!commodityCode}
      queryKey="listings"
      title={t('listings.title')}
      newLabel={t('listings.new')}
      empty={t('listings.empty')}
      list={() => unwrap(api.GET('/api/v1/supply-listings', { params: { query: { limit: 50 } } }))}
      create={(body: NewListing) => unwrap(api.POST('/api/v1/supply-listings', { body }))}
      form={(props) =>
        me.data && (
          <ListingForm
            originRegionCode={me.data.organization.regionCode}
            commodityCode={commodityCode}
            {...props}
          />
        )
      }
      card={(l) => (
        <PostingCard
          testId="listing"
          title={
            l.grade
              ? t('listings.titleWithGrade', { commodity: name(l.commodityCode), grade: l.grade })
              : name(l.commodityCode)
          }
          status={l.status}
          lines={[
            t('listings.remaining', {
              remaining: formatQuantity(l.remainingQuantity, 'kg', language),
              total: formatQuantity(l.quantity, 'kg', language),
            }),
            t('listings.price', { price: formatRupiah(l.pricePerUnit, language) }),
          ]}
          note={t('listings.window', {
            from: formatDayInZone(l.availableFrom, zoneOfRegion(l.originRegionCode), language),
            until: formatDayInZone(l.availableUntil, zoneOfRegion(l.originRegionCode), language),
          })}
          whyNotTo={`/why-not/listing/${l.id}`}
        />
      )}
    />
  );
}
