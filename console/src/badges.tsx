import { useI18n } from './i18n';
import { slaDue, type Feedback } from './types';

/** Sentiment, category, channel, priority, status and SLA badges (text, never HTML). */
export function Badges({ item, status = true }: { item: Feedback; status?: boolean }) {
  const { t, formatTime } = useI18n();
  const due = slaDue(item);
  return (
    <span class="badges">
      {status && <span class={`badge status-${item.status}`} data-badge="status">{t(`status.${item.status}`)}</span>}
      {item.priority !== 'normal' && <span class={`badge priority-${item.priority}`} data-badge="priority">{t(`priority.${item.priority}`)}</span>}
      {item.sentiment && <span class={`badge sentiment-${item.sentiment.label}`} data-badge="sentiment">{t(`sentiment.${item.sentiment.label}`)}</span>}
      {item.category && <span class={`badge category`} data-badge="category">{t(`category.${item.category}`)}</span>}
      <span class="badge channel" data-badge="channel">{t(`channel.${item.channel}`)}</span>
      {item.language && <span class="badge lang" data-badge="language">{item.language}</span>}
      {due && (
        <span class={`badge sla ${due.overdue ? 'sla-overdue' : ''}`} data-badge="sla">
          <time dateTime={due.dueAt}>{due.overdue ? t('sla.overdue', { time: formatTime(due.dueAt) }) : t('sla.due', { time: formatTime(due.dueAt) })}</time>
        </span>
      )}
      {item.labels.map((l) => (
        <span key={l} class="badge label" data-badge="label">#{l}</span>
      ))}
    </span>
  );
}

export const customerName = (c: Feedback['customer']): string | undefined => c.name ?? c.email ?? (c.handle && `@${c.handle}`) ?? c.phone;
