import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiError, query, type Session } from './api';
import { Badges, customerName } from './badges';
import { useI18n, type MessageKey } from './i18n';
import { useShortcuts } from './keys';
import { linkClick, navigate } from './router';
import { STATUSES, type CannedReply, type CustomerView, type FeedbackDetails, type Status } from './types';

type Changes = { status?: Status; assignee?: string | null; labels?: { add?: string[]; remove?: string[] } };

/** `{name}` in a canned reply is the customer's first name (empty when unknown). */
const fillCanned = (text: string, name: string | undefined): string => text.replace(/\{name\}/g, name?.split(/\s+/)[0] ?? '').replace(/ ,/g, ',');

export function ItemPage({ id, session }: { id: string; session: Session }) {
  const { t, formatTime, locale } = useI18n();
  const [item, setItem] = useState<FeedbackDetails | undefined>();
  const [missing, setMissing] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const [status, setStatus] = useState<MessageKey | undefined>();
  const [history, setHistory] = useState<CustomerView | undefined>();
  const [canned, setCanned] = useState<CannedReply[]>([]);
  const [reply, setReply] = useState('');
  const [cannedId, setCannedId] = useState('');
  const [note, setNote] = useState('');
  const [label, setLabel] = useState('');
  const [busy, setBusy] = useState(false);
  const replyRef = useRef<HTMLTextAreaElement>(null);
  const noteRef = useRef<HTMLTextAreaElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);

  const load = useCallback(async () => {
    try {
      const fb = await api<FeedbackDetails>('GET', `/v1/feedback/${encodeURIComponent(id)}`);
      setItem(fb);
      setError(undefined);
      return fb;
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) setMissing(true);
      else setError(e instanceof Error ? e.message : String(e));
      return undefined;
    }
  }, [id]);

  useEffect(() => {
    void load().then((fb) => {
      headingRef.current?.focus();
      if (fb?.customer.id) {
        api<CustomerView>('GET', `/v1/customers/${encodeURIComponent(fb.customer.id)}`).then(setHistory, () => setHistory(undefined));
      }
    });
  }, [load]);

  useEffect(() => {
    api<{ items: CannedReply[] } | CannedReply[]>('GET', `/v1/canned-replies${query({ locale })}`).then(
      (r) => setCanned(Array.isArray(r) ? r : r.items ?? []),
      () => setCanned([]),
    );
  }, [locale]);

  const run = async (fn: () => Promise<unknown>, done: MessageKey) => {
    setBusy(true);
    setStatus(undefined);
    try {
      await fn();
      await load();
      setError(undefined);
      setStatus(done);
      return true;
    } catch (e) {
      if (e instanceof ApiError && (e.status === 409 || e.status === 412)) {
        await load();
        setStatus('item.conflict');
      } else setError(e instanceof Error ? e.message : String(e));
      return false;
    } finally {
      setBusy(false);
    }
  };

  const patch = (changes: Changes, done: MessageKey) =>
    item && run(() => api('PATCH', `/v1/feedback/${encodeURIComponent(item.id)}`, changes, { 'if-match': String(item.version) }), done);

  const assignMe = () => item && item.assignee !== session.user.sub && patch({ assignee: session.user.sub }, 'item.assigned');
  const resolve = () => item && item.status !== 'resolved' && patch({ status: 'resolved' }, 'item.resolved');
  const sendReply = async () => {
    if (!item || !reply.trim()) return;
    const ok = await run(() => api('POST', `/v1/feedback/${encodeURIComponent(item.id)}/replies`, { text: reply, ...(cannedId && { cannedReplyId: cannedId }) }), 'item.replySent');
    if (ok) {
      setReply('');
      setCannedId('');
    }
  };
  const addNote = async () => {
    if (!item || !note.trim()) return;
    if (await run(() => api('POST', `/v1/feedback/${encodeURIComponent(item.id)}/notes`, { text: note }), 'item.noteAdded')) setNote('');
  };

  useShortcuts({
    r: (e) => {
      e.preventDefault();
      replyRef.current?.focus();
    },
    n: (e) => {
      e.preventDefault();
      noteRef.current?.focus();
    },
    a: () => void assignMe(),
    e: () => void resolve(),
    Escape: (e) => {
      const el = e.target as HTMLElement;
      if (el.tagName === 'TEXTAREA' || el.tagName === 'INPUT' || el.tagName === 'SELECT') {
        el.blur();
        headingRef.current?.focus();
      } else navigate('/');
    },
  });

  const submitOnCtrlEnter = (fn: () => void) => (e: KeyboardEvent) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      fn();
    }
  };

  if (missing) return <p class="error" role="alert">{t('item.notFound')}</p>;
  if (!item) return <p>{error ? t('error.generic', { message: error }) : t('item.loading')}</p>;
  const who = customerName(item.customer) ?? t('item.unknownCustomer');
  const others = history?.items.filter((i) => i.id !== item.id) ?? [];

  return (
    <article class="item" aria-labelledby="item-title" data-id={item.id}>
      <p>
        <a href="/" onClick={linkClick('/')}>← {t('item.back')}</a>
      </p>
      <h1 id="item-title" tabIndex={-1} ref={headingRef}>
        {item.subject ?? who}
      </h1>
      <Badges item={item} />
      <p class="live" role="status" aria-live="polite" data-testid="item-status">{status ? t(status) : ''}</p>
      {error && <p class="error" role="alert">{t('error.generic', { message: error })}</p>}

      <div class="item-grid">
        <div class="main-col">
          <section aria-labelledby="conv-title">
            <h2 id="conv-title">{t('item.conversation')}</h2>
            <ol class="conversation">
              <li class="msg inbound original">
                <header>
                  <strong>{who}</strong> · <span>{t('item.original')}</span> · <time dateTime={item.receivedAt}>{formatTime(item.receivedAt)}</time>
                </header>
                {item.rating && <p class="rating">{t('item.rating', { type: item.rating.type.toUpperCase(), score: item.rating.score })}</p>}
                <p class="text" data-testid="original-text">{item.text}</p>
              </li>
              {item.messages.map((m) => (
                <li key={m.messageId} class={`msg ${m.direction}`} data-direction={m.direction}>
                  <header>
                    <strong>{m.direction === 'outbound' ? t('item.outbound') : t('item.inbound')}</strong>
                    {m.from ? ` · ${m.from}` : ''} · <time dateTime={m.at}>{formatTime(m.at)}</time>
                  </header>
                  <p class="text">{m.text}</p>
                </li>
              ))}
            </ol>
          </section>

          <section aria-labelledby="reply-title" class="composer">
            <h2 id="reply-title">
              <label for="reply-text">{t('item.reply')}</label>
            </h2>
            {canned.length > 0 && (
              <label class="filter">
                <span>{t('item.canned')}</span>
                <select
                  value={cannedId}
                  data-testid="canned"
                  onChange={(e) => {
                    const c = canned.find((x) => x.id === e.currentTarget.value);
                    setCannedId(c?.id ?? '');
                    if (c) setReply(fillCanned(c.text ?? c.body ?? '', item.customer.name));
                  }}
                >
                  <option value="">{t('item.cannedNone')}</option>
                  {canned.map((c) => (
                    <option key={c.id} value={c.id}>{c.title ?? c.name ?? c.id}</option>
                  ))}
                </select>
              </label>
            )}
            <textarea id="reply-text" ref={replyRef} rows={5} value={reply} onInput={(e) => setReply(e.currentTarget.value)} onKeyDown={submitOnCtrlEnter(() => void sendReply())} />
            <button type="button" disabled={busy || !reply.trim()} onClick={() => void sendReply()}>{t('item.send')}</button>
          </section>

          <section aria-labelledby="note-title" class="composer">
            <h2 id="note-title">
              <label for="note-text">{t('item.note')}</label>
            </h2>
            <textarea id="note-text" ref={noteRef} rows={3} value={note} onInput={(e) => setNote(e.currentTarget.value)} onKeyDown={submitOnCtrlEnter(() => void addNote())} />
            <button type="button" disabled={busy || !note.trim()} onClick={() => void addNote()}>{t('item.addNote')}</button>
          </section>

          <section aria-labelledby="timeline-title">
            <h2 id="timeline-title">{t('item.timeline')}</h2>
            <ol class="timeline" data-testid="timeline">
              {item.timeline.map((e) => (
                <li key={e.key} data-type={e.type}>
                  <time dateTime={e.at}>{formatTime(e.at)}</time> <span class="actor">{e.actor}</span> <span>{e.summary}</span>
                  {e.type === 'note' && typeof e.detail?.text === 'string' && <p class="text note">{e.detail.text}</p>}
                </li>
              ))}
            </ol>
          </section>
        </div>

        <aside class="side-col">
          <section aria-labelledby="details-title">
            <h2 id="details-title">{t('item.details')}</h2>
            <dl class="details">
              <dt>{t('item.customer')}</dt>
              <dd data-testid="customer">{who}</dd>
              {(history?.profile.unreachable?.length ?? 0) > 0 && (
                <>
                  <dt>{t('item.unreachable')}</dt>
                  {history!.profile.unreachable!.map((u) => (
                    <dd key={u.address} class="unreachable" role="status" data-testid="unreachable">
                      {t(u.reason === 'complained' ? 'item.unreachable.complained' : 'item.unreachable.bounced', { address: u.address, at: formatTime(u.at) })}{' '}
                      <button
                        type="button"
                        disabled={busy}
                        data-action="clear-unreachable"
                        onClick={() =>
                          void run(async () => {
                            const path = `/v1/customers/${encodeURIComponent(history!.profile.id)}`;
                            await api('DELETE', `${path}/unreachable/${encodeURIComponent(u.address)}`);
                            setHistory(await api<CustomerView>('GET', path));
                          }, 'item.unreachable.cleared')
                        }
                      >
                        {t('item.unreachable.clear', { address: u.address })}
                      </button>
                    </dd>
                  ))}
                </>
              )}
              <dt>{t('item.assignee')}</dt>
              <dd data-testid="assignee">{item.assignee ?? t('item.unassigned')}</dd>
              <dt>{t('filter.status')}</dt>
              <dd data-testid="status">{t(`status.${item.status}`)}</dd>
              {item.keyPhrases.length > 0 && (
                <>
                  <dt>{t('item.keyPhrases')}</dt>
                  <dd>{item.keyPhrases.join(', ')}</dd>
                </>
              )}
            </dl>
            <div class="actions">
              <button type="button" disabled={busy || item.assignee === session.user.sub} onClick={() => void assignMe()} data-action="assign">{t('item.assignMe')}</button>
              {item.status === 'resolved' || item.status === 'closed' ? (
                <button type="button" disabled={busy} onClick={() => void patch({ status: 'open' }, 'item.saved')}>{t('item.reopen')}</button>
              ) : (
                <button type="button" disabled={busy} onClick={() => void resolve()} data-action="resolve">{t('item.resolve')}</button>
              )}
              <label class="filter">
                <span>{t('item.status')}</span>
                <select value={item.status} disabled={busy} onChange={(e) => void patch({ status: e.currentTarget.value as Status }, 'item.saved')}>
                  {STATUSES.map((s) => (
                    <option key={s} value={s}>{t(`status.${s}`)}</option>
                  ))}
                </select>
              </label>
            </div>
          </section>

          <section aria-labelledby="labels-title">
            <h2 id="labels-title">{t('item.labels')}</h2>
            <ul class="labels">
              {item.labels.map((l) => (
                <li key={l}>
                  <span>#{l}</span>{' '}
                  <button type="button" class="chip-x" aria-label={t('item.removeLabel', { label: l })} onClick={() => void patch({ labels: { remove: [l] } }, 'item.saved')}>×</button>
                </li>
              ))}
            </ul>
            <form
              onSubmit={(e) => {
                e.preventDefault();
                const l = label.trim();
                if (l) void patch({ labels: { add: [l] } }, 'item.saved')?.then(() => setLabel(''));
              }}
            >
              <label>
                <span class="sr-only">{t('item.addLabel')}</span>
                <input value={label} placeholder={t('item.addLabel')} onInput={(e) => setLabel(e.currentTarget.value)} maxLength={64} />
              </label>
              <button type="submit" disabled={busy}>{t('item.add')}</button>
            </form>
          </section>

          <section aria-labelledby="history-title">
            <h2 id="history-title">{t('item.history')}</h2>
            {others.length === 0 ? (
              <p class="muted">{t('item.historyEmpty')}</p>
            ) : (
              <ol class="history">
                {others.map((o) => (
                  <li key={o.id}>
                    <a href={`/items/${o.id}`} onClick={linkClick(`/items/${o.id}`)}>
                      <time dateTime={o.receivedAt}>{formatTime(o.receivedAt)}</time> · {t(`channel.${o.channel}`)} · {o.text.slice(0, 80)}
                    </a>
                  </li>
                ))}
              </ol>
            )}
          </section>
        </aside>
      </div>
    </article>
  );
}
