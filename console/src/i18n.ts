import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { translator, type Locale, type Translate } from './messages';

export { isMessageKey, translator, type Locale, type MessageKey, type Translate } from './messages';

const LOCALE_KEY = 'ouvidor.locale';

/** The saved choice, else the browser's languages (pt* → pt-BR, anything else → en). */
export function initialLocale(): Locale {
  const saved = localStorage.getItem(LOCALE_KEY);
  if (saved === 'pt-BR' || saved === 'en') return saved;
  const langs = navigator.languages?.length ? navigator.languages : [navigator.language];
  for (const l of langs) {
    if (l.toLowerCase().startsWith('pt')) return 'pt-BR';
    if (l.toLowerCase().startsWith('en')) return 'en';
  }
  return 'en';
}

export const saveLocale = (l: Locale): void => localStorage.setItem(LOCALE_KEY, l);

export interface I18n {
  readonly locale: Locale;
  readonly t: Translate;
  readonly formatTime: (iso: string | undefined) => string;
}

export function makeI18n(locale: Locale): I18n {
  const fmt = new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'short' });
  return { locale, t: translator(locale), formatTime: (iso) => (iso ? fmt.format(new Date(iso)) : '') };
}

export const I18nContext = createContext<I18n>(makeI18n('en'));
export const useI18n = (): I18n => useContext(I18nContext);
