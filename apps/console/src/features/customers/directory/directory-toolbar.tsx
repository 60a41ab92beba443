import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CUSTOMER_SORTS, type Channel, type CustomerSort, CHANNELS } from '@parley/contracts';
import { useDebouncedValue } from '../../search/use-debounced-value';
import type { DirectoryListing } from './directory-listing';
import { useCustomerSegments, useCustomerTags } from './use-customer-directory';

const TYPING_DELAY_MS = 200;

interface DirectoryToolbarProps {
  listing: DirectoryListing;
  onChange(next: DirectoryListing): void;
}

/** Search, sort and filters of the customer directory; a segment (saved view) replaces them while chosen. */
export function DirectoryToolbar({ listing, onChange }: DirectoryToolbarProps) {
  const { t } = useTranslation();
  const tags = useCustomerTags();
  const segments = useCustomerSegments();
  const [text, setText] = useState(listing.query);
  const settled = useDebouncedValue(text, TYPING_DELAY_MS);
  useEffect(() => {
    if (settled !== listing.query) onChange({ ...listing, query: settled });
    // Only the settled text drives the listing; the rest of it changes through the controls below.
  }, [settled]);
  const bySegment = !!listing.segmentId;

  return (
    <div className="directory-toolbar" data-testid="directory-toolbar">
      <input
        className="input directory-toolbar__search"
        type="search"
        value={text}
        disabled={bySegment}
        placeholder={t('directory.searchPlaceholder')}
        aria-label={t('directory.searchLabel')}
        data-testid="directory-search"
        onChange={(e) => setText(e.target.value)}
      />
      <label className="directory-toolbar__field">
        <span className="small muted">{t('directory.sort')}</span>
        <select className="input" value={listing.sort} disabled={bySegment} data-testid="directory-sort" onChange={(e) => onChange({ ...listing, sort: e.target.value as CustomerSort })}>
          {CUSTOMER_SORTS.map((sort) => (
            <option key={sort} value={sort}>
              {t(`directory.sorts.${sort}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="directory-toolbar__field">
        <span className="small muted">{t('directory.channel')}</span>
        <select className="input" value={listing.channel} disabled={bySegment} data-testid="directory-channel" onChange={(e) => onChange({ ...listing, channel: e.target.value as Channel | '' })}>
          <option value="">{t('directory.any')}</option>
          {CHANNELS.map((channel) => (
            <option key={channel} value={channel}>
              {t(`channel.${channel}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="directory-toolbar__field">
        <span className="small muted">{t('directory.tag')}</span>
        <select className="input" value={listing.tag} disabled={bySegment} data-testid="directory-tag" onChange={(e) => onChange({ ...listing, tag: e.target.value })}>
          <option value="">{t('directory.any')}</option>
          {tags.map(({ tag, customers }) => (
            <option key={tag} value={tag}>
              {`${tag} (${customers})`}
            </option>
          ))}
        </select>
      </label>
      {segments.length > 0 && (
        <label className="directory-toolbar__field">
          <span className="small muted">{t('directory.segment')}</span>
          <select className="input" value={listing.segmentId} data-testid="directory-segment" onChange={(e) => onChange({ ...listing, segmentId: e.target.value })}>
            <option value="">{t('directory.allCustomers')}</option>
            {segments.map((segment) => (
              <option key={segment.id} value={segment.id}>
                {segment.name}
              </option>
            ))}
          </select>
        </label>
      )}
    </div>
  );
}
