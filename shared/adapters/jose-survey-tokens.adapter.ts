import { errors, jwtVerify, SignJWT, type JWTPayload } from 'jose';
import { FeedbackIdSchema } from '../domain/feedback.schema.js';
import { SurveyTypeSchema } from '../domain/survey.schema.js';
import type { Clock } from '../ports/clock.port.js';
import type { SurveyLinkClaims, SurveyTokenCheck, SurveyTokens } from '../ports/survey-token.port.js';

export const SURVEY_TOKEN_ISSUER = 'ouvidor';
export const SURVEY_TOKEN_AUDIENCE = 'ouvidor-survey';
/** The claim binding the survey type (`nps` | `csat`). */
const TYPE_CLAIM = 'svt';

const claimsOf = (p: JWTPayload): SurveyLinkClaims | undefined => {
  const id = FeedbackIdSchema.safeParse(p.sub);
  const type = SurveyTypeSchema.safeParse(p[TYPE_CLAIM]);
  return id.success && type.success ? { surveyId: id.data, type: type.data } : undefined;
};

/**
 * Survey links signed with HS256 and the `surveySigningKey` secret: subject = survey id, `svt` =
 * type, `exp` = the survey's expiry. The key is loaded on first use (Secrets Manager is async) and
 * kept; a failed load is retried on the next call.
 */
export class JoseSurveyTokens implements SurveyTokens {
  private key: Promise<Uint8Array> | undefined;
  constructor(private readonly loadKey: () => Promise<string>, private readonly clock: Clock) {}

  private signingKey(): Promise<Uint8Array> {
    this.key ??= this.loadKey().then(
      (k) => new TextEncoder().encode(k),
      (e: unknown) => {
        this.key = undefined;
        throw e;
      },
    );
    return this.key;
  }

  async issue(claims: SurveyLinkClaims, expiresAt: Date): Promise<string> {
    return new SignJWT({ [TYPE_CLAIM]: claims.type })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(claims.surveyId)
      .setIssuer(SURVEY_TOKEN_ISSUER)
      .setAudience(SURVEY_TOKEN_AUDIENCE)
      .setIssuedAt(Math.floor(this.clock.now().getTime() / 1000))
      .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
      .sign(await this.signingKey());
  }

  async verify(token: string): Promise<SurveyTokenCheck> {
    const key = await this.signingKey();
    try {
      const { payload } = await jwtVerify(token, key, {
        algorithms: ['HS256'],
        issuer: SURVEY_TOKEN_ISSUER,
        audience: SURVEY_TOKEN_AUDIENCE,
        requiredClaims: ['sub', 'exp', TYPE_CLAIM],
        currentDate: this.clock.now(),
      });
      const claims = claimsOf(payload);
      return claims ? { status: 'valid', claims } : { status: 'invalid' };
    } catch (e) {
      // jose checks the signature, issuer and audience before the expiry: an expired error means
      // an authentic link of ours.
      if (e instanceof errors.JWTExpired) {
        const claims = claimsOf(e.payload);
        if (claims) return { status: 'expired', claims };
      }
      return { status: 'invalid' };
    }
  }
}
