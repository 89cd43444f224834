import type { AddressObject, Attachment, HeaderLines } from 'mailparser';
import type { EmailAddress, EmailAttachment } from '../../domain/email.schema.js';

/** Raw value of the first header named `name` (lower case), unfolded; undefined when absent. */
export function headerValue(lines: HeaderLines, name: string): string | undefined {
  const line = lines.find((l) => l.key === name)?.line;
  if (line === undefined) return undefined;
  const colon = line.indexOf(':');
  return line.slice(colon + 1).replace(/\r?\n[ \t]+/g, ' ').trim();
}

/** Message ids without angle brackets, in order, duplicates dropped. */
export function messageIds(value: string | readonly string[] | undefined): string[] {
  const joined = typeof value === 'string' ? value : (value ?? []).join(' ');
  const bracketed = [...joined.matchAll(/<([^<>\s]{1,998})>/g)].map((m) => m[1] ?? '');
  const ids = bracketed.length > 0 ? bracketed : joined.split(/\s+/);
  return [...new Set(ids.map((id) => id.trim()).filter((id) => id !== ''))];
}

/** Local part kept as written, domain lower-cased: the address we can answer. */
function normalizeAddress(address: string): string {
  const at = address.lastIndexOf('@');
  return at < 0 ? address.trim() : `${address.slice(0, at).trim()}@${address.slice(at + 1).trim().toLowerCase()}`;
}

const isAddress = (a: string): boolean => /^[^\s@]{1,64}@[^\s@]{1,253}$/.test(a) && a.length <= 254;

/** Every mailbox of an address header, groups flattened; entries without a usable address dropped. */
export function mailboxes(header: AddressObject | AddressObject[] | undefined): EmailAddress[] {
  const objects = header === undefined ? [] : Array.isArray(header) ? header : [header];
  const flat = objects.flatMap((o) => o.value).flatMap((v) => (v.group ? v.group : [v]));
  return flat.flatMap((v) => {
    const address = normalizeAddress(v.address ?? '');
    if (!isAddress(address)) return [];
    const name = v.name.trim().slice(0, 200);
    return [name === '' ? { address } : { address, name }];
  });
}

const EXTENSIONS: Record<string, string> = {
  'application/pdf': 'pdf',
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'text/plain': 'txt',
  'text/html': 'html',
  'text/calendar': 'ics',
  'message/rfc822': 'eml',
  'text/rfc822-headers': 'txt',
  'message/delivery-status': 'txt',
  'message/disposition-notification': 'txt',
};

/** Attachments, inline images included (flagged), with a copy of their bytes. */
export function toAttachments(attachments: readonly Attachment[]): EmailAttachment[] {
  return attachments.map((a, i) => {
    const contentType = a.contentType.toLowerCase();
    const filename = a.filename?.trim() || `attachment-${i + 1}.${EXTENSIONS[contentType] ?? 'bin'}`;
    const contentId = a.contentId ? messageIds(a.contentId)[0] : undefined;
    // A copy: mailparser's Buffers may be views of a larger pooled ArrayBuffer.
    const content = new Uint8Array(a.content);
    return {
      filename: filename.slice(0, 255),
      contentType,
      size: content.byteLength,
      ...(contentId ? { contentId } : {}),
      inline: a.contentDisposition === 'inline' || (a.related === true && contentId !== undefined),
      content,
    };
  });
}

/** Canonical language tags from Content-Language and the HTML `lang`, e.g. `pt-BR`. */
export function languageTags(values: ReadonlyArray<string | undefined>): string[] {
  const tags = values.flatMap((v) => (v ?? '').split(',')).map((t) => t.trim().replace(/_/g, '-'));
  const canonical = tags.flatMap((t) => {
    if (!/^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8}){0,3}$/.test(t)) return [];
    try {
      return Intl.getCanonicalLocales(t);
    } catch {
      return [];
    }
  });
  return [...new Set(canonical)];
}
