/**
 * Valence of emojis and emoticons (variation selectors stripped). Shared by all
 * languages. 👏 and 🙃 double as sarcasm cues, see `SARCASM_EMOJIS`.
 */

const EMOJI_VALENCES: ReadonlyArray<readonly [string, number]> = [
  ['😍', 3], ['🥰', 3], ['😘', 2.5], ['🤩', 3], ['😊', 2.2], ['☺', 2], ['🙂', 1.2], ['😀', 2], ['😃', 2.2],
  ['😄', 2.2], ['😁', 2.2], ['😆', 1.8], ['😂', 0.8], ['🤣', 0.8], ['😅', 0.2], ['😉', 1], ['😎', 1.8],
  ['🤗', 2.2], ['😋', 2.2], ['🤤', 2], ['😇', 2], ['🥳', 2.5], ['🎉', 2.2], ['🎊', 2], ['👏', 1.8], ['🙌', 2.2],
  ['👍', 2], ['👌', 2], ['💪', 1.5], ['🙏', 1.2], ['❤', 2.8], ['💕', 2.8], ['💖', 2.8], ['💗', 2.8], ['💓', 2.5],
  ['💞', 2.5], ['💜', 2.5], ['💙', 2.5], ['💚', 2.5], ['💛', 2.5], ['🧡', 2.5], ['🤍', 2.2], ['♥', 2.5],
  ['😻', 2.8], ['✨', 1.2], ['🌟', 2], ['⭐', 1.8], ['🔥', 1.6], ['💯', 2.2], ['🏆', 2], ['🥇', 2], ['✅', 1],
  ['😡', -3.2], ['🤬', -3.5], ['😠', -3], ['😤', -2.5], ['👿', -3], ['😒', -2], ['🙄', -2], ['😑', -1.5],
  ['😐', -0.8], ['😕', -1.5], ['😟', -1.8], ['🙁', -1.8], ['☹', -2], ['😞', -2.2], ['😔', -1.8], ['😢', -2.2],
  ['😭', -1.8], ['😩', -2.2], ['😫', -2.2], ['😖', -2.2], ['😣', -2], ['😰', -2], ['😱', -1.8], ['🤢', -3],
  ['🤮', -3.2], ['💩', -3], ['👎', -2.8], ['💔', -2.5], ['🤡', -2.2], ['😬', -1.2], ['🤦', -2], ['🤦‍♀', -2],
  ['🤦‍♂', -2], ['🤷', -0.5], ['😪', -1.2], ['😴', -0.8], ['🥵', -1], ['🥶', -1], ['🐌', -1.5], ['🐢', -1.2],
  ['⚠', -1], ['❌', -1.8], ['🚫', -1.5], ['😳', -0.5], ['🙃', -0.3], ['😏', -0.3],
  [':)', 1.8], [':-)', 1.8], ['=)', 1.8], [':D', 2.2], [':-D', 2.2], [';)', 1], ['<3', 2.8], [':(', -2],
  [':-(', -2], ['=(', -2], [':/', -1.2], [':-/', -1.2], [':P', 0.5], [':p', 0.5],
];

export const EMOJI_LEXICON: ReadonlyMap<string, number> = new Map(EMOJI_VALENCES);

/** Emojis that, next to negative content, mark the positive words as sarcastic. */
export const SARCASM_EMOJIS: ReadonlySet<string> = new Set(['👏', '🤡', '😏']);
/** Emojis that mark the positive words around them as sarcastic even without other negative words. */
export const STRONG_SARCASM_EMOJIS: ReadonlySet<string> = new Set(['🙃']);

/** Valence of an emoji token (skin tones and joiners ignored). */
export function emojiValence(token: string): number {
  const direct = EMOJI_LEXICON.get(token);
  if (direct !== undefined) return direct;
  const base = String.fromCodePoint(token.codePointAt(0) ?? 0);
  return EMOJI_LEXICON.get(base) ?? 0;
}
