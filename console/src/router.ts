import { useEffect, useState } from 'preact/hooks';

export type Route = { page: 'login' } | { page: 'inbox' } | { page: 'item'; id: string } | { page: 'dashboard'; search: string };

export function parseRoute(path: string, search = ''): Route {
  if (path === '/login') return { page: 'login' };
  if (path === '/dashboard' || path === '/dashboard/') return { page: 'dashboard', search };
  const item = /^\/items\/([^/]+)\/?$/.exec(path);
  if (item?.[1]) return { page: 'item', id: decodeURIComponent(item[1]) };
  return { page: 'inbox' };
}

const listeners = new Set<() => void>();

export function navigate(path: string, opts: { replace?: boolean } = {}): void {
  if (opts.replace) history.replaceState(null, '', path);
  else history.pushState(null, '', path);
  listeners.forEach((l) => l());
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location.pathname, location.search));
  useEffect(() => {
    const update = () => setRoute(parseRoute(location.pathname, location.search));
    listeners.add(update);
    addEventListener('popstate', update);
    return () => {
      listeners.delete(update);
      removeEventListener('popstate', update);
    };
  }, []);
  return route;
}

/** Plain left clicks on in-app links navigate without reloading; modified clicks keep the browser's behaviour. */
export function linkClick(path: string) {
  return (e: MouseEvent) => {
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate(path);
  };
}
