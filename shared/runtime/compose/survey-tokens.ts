import { JoseSurveyTokens } from '../../adapters/jose-survey-tokens.adapter.js';
import { systemClock } from '../../ports/clock.port.js';
import { appSecrets } from '../secrets.js';
import { capability } from './capability.js';

/** Signs and checks survey links; the key (from `appSecrets()`) is loaded on first use. */
export const surveyTokens = capability('surveyTokens', () => new JoseSurveyTokens(async () => (await appSecrets()).surveySigningKey, systemClock));
