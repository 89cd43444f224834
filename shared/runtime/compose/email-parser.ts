import { parseEmail } from '../../adapters/mime-email-parser.adapter.js';
import { capability } from './capability.js';

/** RFC 822 → the parts a feedback item needs (mailparser): only the email channels carry it. */
export const emailParser = capability('parseEmail', () => parseEmail);
