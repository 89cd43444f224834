import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiError, query, type Session } from './api';
import { Badges, customerName } from './badges';
import { useI18n, type MessageKey } from './i18n';
import { useShortcuts } from './keys';
import { linkClick, navigate } from './router';
import { CATEGORIES, CHANNELS, PRIORITIES, SENTIMENTS, STATUSES, type Feedback } from './types';

export interface Filters {
  status: string;
  priority: string;
  sentiment: string;
  category: string;
  channel: string;
  assignee: string;
  language: string;
  q: string;
  sort: string;
}

const EMPTY: Filters = { status: '', priority: '', sentiment: '', category: '', channel: '', assignee: '', language: '', q: '', sort: 'received' };
const VIEWS_KEY = 'ouvidor.views';
const FILTERS_KEY = 'ouvidor.filters';
const PAGE_SIZE = 25;
const POLL_MS = 4000;

interface SavedView {
  name: string;
  filters: Filters;
}

const loadViews = (): SavedView[] => {
  try {
    const v = JSON.parse(localStorage.getItem(VIEWS_KEY) ?? '[]') as unknown;
    return Array.isArray(v) ? (v as SavedView[]).filter((x) => x && typeof x.name === 'string') : [];
  } catch {
    return [];
  }
};

const loadFilters = (): Filters => {
  try {
    return { ...EMPTY, ...(JSON.parse(sessionStorage.getItem(FILTERS_KEY) ?? '{}') as Partial<Filters>) };
  } catch {
    return EMPTY;
  }
};

interface Page {
  items: Feedback[];
  cursor?: string;
}

export function InboxPage({ session: _session }: { session: Session }) {
  const { t, formatTime } = useI18n();
  const [filters, setFilters] = useState<Filters>(loadFilters);
  const [search, setSearch] = useState(filters.q);
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const [page, setPage] = useState<Page | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [selected, setSelected] = useState(0);
  const [views, setViews] = useState<SavedView[]>(loadViews);
  const [viewName, setViewName] = useState('');
  const [updatedAt, setUpdatedAt] = useState<string | undefined>();
  const [fresh, setFresh] = useState<Set<string>>(new Set());
  const known = useRef<Set<string> | undefined>(undefined);
  const searchRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLOListElement>(null);
  const cursor = cursors[cursors.length - 1];

  const load = useCallback(async () => {
    try {
      const res = await api<Page>('GET', `/v1/feedback${query({ ...filters, limit: String(PAGE_SIZE), cursor })}`);
      setPage(res);
      setError(undefined);
      setUpdatedAt(new Date().toISOString());
      if (!cursor) {
        const ids = new Set(res.items.map((i) => i.id));
        if (known.current) setFresh(new Set([...ids].filter((id) => !known.current!.has(id))));
        known.current = ids;
      }
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    }
  }, [filters, cursor]);

  useEffect(() => {
    sessionStorage.setItem(FILTERS_KEY, JSON.stringify(filters));
    known.current = undefined;
  }, [filters]);

  // New items appear without reloading: poll while visible, and refresh when the tab gets focus back.
  useEffect(() => {
    void load();
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') void load();
    }, POLL_MS);
    const onFocus = () => void load();
    addEventListener('focus', onFocus);
    document.addEventListener('visibilitychange', onFocus);
    return () => {
      clearInterval(timer);
      removeEventListener('focus', onFocus);
      document.removeEventListener('visibilitychange', onFocus);
    };
  }, [load]);

  const items = page?.items ?? [];
  const focusRow = (i: number) => {
    const n = Math.max(0, Math.min(items.length - 1, i));
    setSelected(n);
    listRef.current?.querySelectorAll<HTMLAnchorElement>('a.row')[n]?.focus();
  };

  useShortcuts({
    // The first j/k (focus not on a row yet) lands on the selected row itself.
    j: (e) => focusRow((e.target as HTMLElement).classList?.contains('row') ? selected + 1 : selected),
    k: (e) => focusRow((e.target as HTMLElement).classList?.contains('row') ? selected - 1 : selected),
    ArrowDown: (e) => {
      if ((e.target as HTMLElement).classList?.contains('row')) {
        e.preventDefault();
        focusRow(selected + 1);
      }
    },
    ArrowUp: (e) => {
      if ((e.target as HTMLElement).classList?.contains('row')) {
        e.preventDefault();
        focusRow(selected - 1);
      }
    },
    Enter: (e) => {
      const item = items[selected];
      if (item && !(e.target as HTMLElement).closest('a,button')) navigate(`/items/${item.id}`);
    },
    '/': (e) => {
      e.preventDefault();
      searchRef.current?.focus();
    },
    Escape: (e) => {
      if (e.target === searchRef.current) searchRef.current?.blur();
    },
  });

  const set = (patch: Partial<Filters>) => {
    setFilters((f) => ({ ...f, ...patch }));
    setCursors([undefined]);
    setSelected(0);
  };

  const saveView = (e: Event) => {
    e.preventDefault();
    const name = viewName.trim();
    if (!name) return;
    const next = [...views.filter((v) => v.name !== name), { name, filters }];
    localStorage.setItem(VIEWS_KEY, JSON.stringify(next));
    setViews(next);
    setViewName('');
  };
  const deleteView = (name: string) => {
    const next = views.filter((v) => v.name !== name);
    localStorage.setItem(VIEWS_KEY, JSON.stringify(next));
    setViews(next);
  };

  const select = (key: keyof Filters, label: MessageKey, options: readonly string[], optionLabel: (o: string) => string, any: MessageKey = 'filter.any') => (
    <label class="filter">
      <span>{t(label)}</span>
      <select value={filters[key]} onChange={(e) => set({ [key]: e.currentTarget.value })} data-filter={key}>
        <option value="">{t(any)}</option>
        {options.map((o) => (
          <option key={o} value={o}>{optionLabel(o)}</option>
        ))}
      </select>
    </label>
  );

  return (
    <section class="inbox" aria-labelledby="inbox-title">
      <div class="inbox-head">
        <h1 id="inbox-title">{t('inbox.title')}</h1>
        <p class="muted" aria-live="polite">
          {fresh.size > 0 ? <span class="new-count">{t('inbox.newItems', { n: fresh.size })} · </span> : null}
          {updatedAt && t('inbox.updated', { time: formatTime(updatedAt) })}
        </p>
      </div>
      <form
        class="filters"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          set({ q: search.trim() });
        }}
      >
        <label class="filter search">
          <span>{t('inbox.search')}</span>
          <input ref={searchRef} type="search" value={search} placeholder={t('inbox.searchPlaceholder')} onInput={(e) => setSearch(e.currentTarget.value)} data-testid="search" />
        </label>
        {select('status', 'filter.status', STATUSES, (s) => t(`status.${s}` as MessageKey), 'filter.open')}
        {select('priority', 'filter.priority', PRIORITIES, (s) => t(`priority.${s}` as MessageKey))}
        {select('sentiment', 'filter.sentiment', SENTIMENTS, (s) => t(`sentiment.${s}` as MessageKey))}
        {select('category', 'filter.category', CATEGORIES, (s) => t(`category.${s}` as MessageKey))}
        {select('channel', 'filter.channel', CHANNELS, (s) => t(`channel.${s}` as MessageKey))}
        {select('assignee', 'filter.assignee', ['me', 'none'], (s) => t(s === 'me' ? 'filter.me' : 'filter.none'))}
        {select('language', 'filter.language', ['pt', 'en', 'es'], (s) => s)}
        <label class="filter">
          <span>{t('inbox.sort')}</span>
          <select value={filters.sort} onChange={(e) => set({ sort: e.currentTarget.value })} data-filter="sort">
            <option value="received">{t('inbox.sort.received')}</option>
            <option value="due">{t('inbox.sort.due')}</option>
            <option value="priority">{t('inbox.sort.priority')}</option>
          </select>
        </label>
        <button type="submit">{t('inbox.search')}</button>
        <button
          type="button"
          class="link"
          onClick={() => {
            setSearch('');
            set(EMPTY);
          }}
        >
          {t('filter.clear')}
        </button>
      </form>

      <div class="views">
        <h2 class="small">{t('views.title')}</h2>
        <ul>
          {views.map((v) => (
            <li key={v.name}>
              <button type="button" class="chip" onClick={() => { setSearch(v.filters.q); set({ ...EMPTY, ...v.filters }); }}>{v.name}</button>
              <button type="button" class="chip-x" aria-label={t('views.delete', { name: v.name })} onClick={() => deleteView(v.name)}>×</button>
            </li>
          ))}
        </ul>
        <form onSubmit={saveView} class="save-view">
          <label>
            <span class="sr-only">{t('views.name')}</span>
            <input value={viewName} placeholder={t('views.name')} onInput={(e) => setViewName(e.currentTarget.value)} />
          </label>
          <button type="submit">{t('views.save')}</button>
        </form>
      </div>

      {error && <p class="error" role="alert">{t('error.generic', { message: error })}</p>}
      {!page && !error && <p>{t('inbox.loading')}</p>}
      {page && items.length === 0 && <p class="muted">{t('inbox.empty')}</p>}
      <ol class="items" ref={listRef} data-testid="inbox-list">
        {items.map((item, i) => (
          <li key={item.id} class={`${i === selected ? 'selected' : ''} ${fresh.has(item.id) ? 'fresh' : ''}`}>
            <a class="row" href={`/items/${item.id}`} data-id={item.id} onClick={linkClick(`/items/${item.id}`)} onFocus={() => setSelected(i)} aria-current={i === selected ? 'true' : undefined}>
              <span class="who">{customerName(item.customer) ?? t('item.unknownCustomer')}</span>
              <time class="when" dateTime={item.receivedAt}>{formatTime(item.receivedAt)}</time>
              <span class="excerpt">{item.subject ? `${item.subject} — ` : ''}{item.text.slice(0, 240)}</span>
              <Badges item={item} />
              {item.assignee && <span class="assignee">→ {item.assignee}</span>}
            </a>
          </li>
        ))}
      </ol>
      <nav class="pager" aria-label="pagination">
        <button type="button" disabled={cursors.length <= 1} onClick={() => { setCursors((c) => c.slice(0, -1)); setSelected(0); }}>{t('inbox.prev')}</button>
        <button type="button" disabled={!page?.cursor} onClick={() => { setCursors((c) => [...c, page?.cursor]); setSelected(0); }}>{t('inbox.next')}</button>
      </nav>
    </section>
  );
}
