import type { SurveyType } from '../domain/survey.schema.js';

/** What a survey link is bound to. */
export interface SurveyLinkClaims {
  readonly surveyId: string;
  readonly type: SurveyType;
}

export type SurveyTokenCheck =
  | { readonly status: 'valid'; readonly claims: SurveyLinkClaims }
  /** Authentic (the signature holds) but past its expiry. */
  | { readonly status: 'expired'; readonly claims: SurveyLinkClaims }
  /** Malformed, tampered with, signed with another key or missing its claims. */
  | { readonly status: 'invalid' };

/** Signs and checks the tokens of one-click survey links. */
export interface SurveyTokens {
  issue(claims: SurveyLinkClaims, expiresAt: Date): Promise<string>;
  verify(token: string): Promise<SurveyTokenCheck>;
}
