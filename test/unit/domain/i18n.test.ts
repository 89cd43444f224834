import { describe, expect, it } from 'vitest';
import { escapeHtml, localeFromAcceptLanguage, localeOf, t } from '../../../shared/domain/i18n.js';
import { thankYouPage } from '../../../shared/runtime/thank-you.page.js';

describe('i18n', () => {
  it('chooses the locale from a language or an Accept-Language header', () => {
    expect(localeOf('pt')).toBe('pt-BR');
    expect(localeOf('en')).toBe('en');
    expect(localeOf('es')).toBe('en');
    expect(localeFromAcceptLanguage('fr-FR,en;q=0.5,pt-BR;q=0.9')).toBe('pt-BR');
    expect(localeFromAcceptLanguage('de')).toBeUndefined();
  });

  it('fills variables in both languages', () => {
    expect(t('pt-BR', 'thanks.body', { id: 'X1' })).toContain('protocolo X1');
    expect(t('en', 'thanks.body', { id: 'X1' })).toContain('reference X1');
  });

  it('escapes HTML', () => {
    expect(escapeHtml(`<img src=x onerror="alert('1')">&`)).toBe('&lt;img src=x onerror=&quot;alert(&#39;1&#39;)&quot;&gt;&amp;');
  });

  it('renders the thank-you page in the customer language', () => {
    expect(thankYouPage('01J', 'pt', undefined)).toContain('Obrigado pela sua opinião!');
    expect(thankYouPage('01J', undefined, 'en-US,en;q=0.9')).toContain('Thank you for your feedback!');
    expect(thankYouPage('01J', undefined, undefined)).toContain('lang="pt-BR"');
  });
});
