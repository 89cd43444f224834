import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { t } from '../../../shared/domain/i18n.js';
import { publicBaseUrl } from '../../../shared/runtime/survey-http.js';
import {
  surveyAnsweredPage,
  surveyErrorPage,
  surveyHtml,
  surveyInvalidAnswerPage,
  surveyLocale,
  surveyQuestionPage,
} from '../../../shared/runtime/survey.page.js';

const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig-_nature';
const links = (page: string) => [...page.matchAll(/<a href="([^"]+)"/g)].map((m) => m[1]);

describe('survey pages', () => {
  it('asks the NPS question in Portuguese with eleven labelled score links', () => {
    const page = surveyQuestionPage('pt-BR', 'nps', TOKEN);
    expect(page).toContain('lang="pt-BR"');
    expect(page).toContain(t('pt-BR', 'survey.question.nps'));
    expect(links(page)).toEqual(Array.from({ length: 11 }, (_, n) => `${TOKEN}?score=${n}`));
    expect(page).toContain('aria-label="Nota 7 de 10"');
    expect(page).toContain('aria-labelledby="question"');
    expect(page).toContain('0 = nada provável');
  });

  it('asks the CSAT question in English with five score links', () => {
    const page = surveyQuestionPage('en', 'csat', TOKEN);
    expect(page).toContain('lang="en"');
    expect(page).toContain('how satisfied are you');
    expect(links(page)).toEqual([1, 2, 3, 4, 5].map((n) => `${TOKEN}?score=${n}`));
    expect(page).toContain('aria-label="Score 5 out of 5"');
  });

  it('thanks and invites a comment with an accessible form posting the score to the link', () => {
    for (const [locale, thanks, label] of [
      ['pt-BR', 'Obrigado pela sua resposta!', 'Comentário (opcional)'],
      ['en', 'Thank you for your answer!', 'Comment (optional)'],
    ] as const) {
      const page = surveyAnsweredPage(locale, 'nps', TOKEN, 3, false);
      expect(page).toContain(thanks);
      expect(page).toContain(`<form method="post" action="${TOKEN}">`);
      expect(page).toContain('<input type="hidden" name="score" value="3">');
      expect(page).toContain(`<label for="comment">${label}</label>`);
      expect(page).toMatch(/<textarea id="comment" name="comment"[^>]*maxlength="5000"[^>]*aria-describedby="comment-hint"/);
      expect(page).toContain(locale === 'pt-BR' ? 'Até 5.000 caracteres.' : 'Up to 5,000 characters.');
      expect(page).toContain('aria-current="true">3</a>');
    }
    const commented = surveyAnsweredPage('pt-BR', 'nps', TOKEN, 9, true);
    expect(commented).toContain('Recebemos o seu comentário');
    expect(commented).not.toContain('<form');
  });

  it('escapes everything it interpolates: the token and the customer comment', () => {
    const evil = '"><script>alert(1)</script>';
    const question = surveyQuestionPage('pt-BR', 'nps', evil);
    expect(question).not.toContain('<script>');
    const invalid = surveyInvalidAnswerPage('en', 'nps', TOKEN, ['comment'], { score: 6, comment: `</textarea><img src=x onerror="alert('x')">` });
    expect(invalid).not.toContain('<img');
    expect(invalid).toContain('&lt;/textarea&gt;&lt;img src=x onerror=&quot;alert(&#39;x&#39;)&quot;&gt;</textarea>');
    expect(invalid).toContain('The comment can be at most 5,000 characters long.');
    expect(invalid).toContain('role="alert"');
  });

  it('explains a bad score with the range and offers the scale again', () => {
    const page = surveyInvalidAnswerPage('pt-BR', 'csat', TOKEN, ['score']);
    expect(page).toContain('Escolha uma nota de 1 a 5.');
    expect(links(page)).toHaveLength(5);
  });

  it('says the link expired in the customer language, or in both when unknown', () => {
    expect(surveyErrorPage('expired', 'en')).toContain('This survey link has expired');
    expect(surveyErrorPage('expired', 'en')).not.toContain('expirou');
    const both = surveyErrorPage('expired', undefined);
    expect(both).toContain('Este link de pesquisa expirou');
    expect(both).toContain('<section lang="en"><h1>This survey link has expired');
    expect(surveyErrorPage('notFound', 'pt-BR')).toContain('Link de pesquisa inválido');
  });

  it('serves pages with a strict CSP, no caching and no referrer', () => {
    const res = surveyHtml(200, '<p>x</p>');
    expect(res.headers).toMatchObject({
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': expect.stringContaining("default-src 'none'"),
      'cache-control': 'no-store',
      'referrer-policy': 'no-referrer',
    });
    expect(String(res.headers?.['content-security-policy'])).toContain("form-action 'self'");
  });

  it('uses the survey language, else the browser, else Portuguese', () => {
    expect(surveyLocale('en', 'pt-BR')).toBe('en');
    expect(surveyLocale(undefined, 'en-US,en;q=0.9')).toBe('en');
    expect(surveyLocale(undefined, undefined)).toBe('pt-BR');
  });
});

describe('public base of survey links', () => {
  const event = (domainName: string) => ({ requestContext: { domainName }, headers: {} }) as unknown as APIGatewayProxyEventV2;
  it('prefers OUVIDOR_PUBLIC_URL, else derives it from the request', () => {
    expect(publicBaseUrl(event('abc.execute-api.us-east-1.amazonaws.com'), 'https://feedback.example.com/')).toBe('https://feedback.example.com');
    expect(publicBaseUrl(event('abc.execute-api.us-east-1.amazonaws.com'), undefined)).toBe('https://abc.execute-api.us-east-1.amazonaws.com');
    expect(publicBaseUrl(event('localhost:3000'), undefined)).toBe('http://localhost:3000');
    expect(publicBaseUrl(event('127.0.0.1:41234'), undefined)).toBe('http://127.0.0.1:41234');
  });
});
