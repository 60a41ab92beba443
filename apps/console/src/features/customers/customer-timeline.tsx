import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSentinel } from '../../app/use-sentinel';
import { CrmEventForm } from './crm-event-form';
import { TimelineItem } from './timeline-item';
import { useTimeline } from './use-timeline';

interface CustomerTimelineProps {
  customerId: string;
  activeConversationId: string | null;
  onOpenConversation(conversationId: string): void;
}

export function CustomerTimeline({ customerId, activeConversationId, onOpenConversation }: CustomerTimelineProps) {
  const { t } = useTranslation();
  const timeline = useTimeline(customerId);
  const [formOpen, setFormOpen] = useState(false);
  const sentinel = useSentinel(timeline.loadMore, Boolean(timeline.nextCursor) && !timeline.loading && !timeline.loadingMore);

  return (
    <section className="panel-section panel-section--timeline">
      <div className="panel-section__header">
        <h3 className="panel-section__title">{t('timeline.title')}</h3>
        <button className="button button--small" aria-expanded={formOpen} data-testid="crm-event-open" onClick={() => setFormOpen((o) => !o)}>
          {formOpen ? t('common.cancel') : t('timeline.addEvent')}
        </button>
      </div>
      {formOpen && <CrmEventForm onSubmit={timeline.addEvent} onDone={() => setFormOpen(false)} />}
      <ol className="timeline" data-testid="timeline">
        {timeline.items.map((event) => (
          <TimelineItem
            key={event.id}
            event={event}
            inActiveConversation={Boolean(event.conversationId) && event.conversationId === activeConversationId}
            onOpenConversation={onOpenConversation}
          />
        ))}
        {timeline.loading && <li className="timeline__status">{t('common.loading')}</li>}
        {!timeline.loading && timeline.items.length === 0 && !timeline.error && <li className="timeline__status">{t('timeline.empty')}</li>}
        {timeline.error && <li className="timeline__status form-error">{t('timeline.loadFailed')}</li>}
        {timeline.loadingMore && <li className="timeline__status">{t('common.loading')}</li>}
        {timeline.nextCursor && !timeline.loading && <li ref={sentinel} className="list-sentinel" aria-hidden="true" />}
      </ol>
    </section>
  );
}
