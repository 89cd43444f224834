import { convert, type HtmlToTextOptions } from 'html-to-text';

/**
 * HTML mail body to readable plain text: no tags, entities decoded, paragraphs and <br> kept
 * as line breaks, links as `text [url]` (the url alone when it is the text), quoted
 * <blockquote> lines prefixed with "> " so that reply stripping sees them as quotes.
 * No word wrapping: a paragraph stays one line, as the customer typed it.
 */
const OPTIONS: HtmlToTextOptions = {
  wordwrap: false,
  limits: { maxInputLength: 2_000_000 },
  selectors: [
    { selector: 'a', options: { hideLinkHrefIfSameAsText: true, linkBrackets: ['[', ']'] } },
    { selector: 'img', format: 'skip' },
    { selector: 'h1', options: { uppercase: false } },
    { selector: 'h2', options: { uppercase: false } },
    { selector: 'h3', options: { uppercase: false } },
    { selector: 'h4', options: { uppercase: false } },
    { selector: 'h5', options: { uppercase: false } },
    { selector: 'h6', options: { uppercase: false } },
    { selector: 'table', format: 'block' },
    { selector: 'tr', format: 'block' },
    // Layout tables are everywhere in HTML mail: a row is a line, cells are separated by a space.
    { selector: 'td', format: 'inlineSurround', options: { prefix: '', suffix: ' ' } },
    { selector: 'th', format: 'inlineSurround', options: { prefix: '', suffix: ' ' } },
    { selector: 'blockquote', options: { trimEmptyLines: true } },
  ],
};

export function htmlToReadableText(html: string): string {
  return convert(html, OPTIONS);
}

/** The `lang` of the <html> element, when the HTML declares one. */
export function htmlLanguage(html: string): string | undefined {
  const m = /<html\b[^>]{0,500}?\blang\s*=\s*["']?([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8}){0,3})/i.exec(html.slice(0, 5_000));
  return m?.[1];
}
