/** Encrypted object storage (S3): raw emails, attachments, originals, transcripts. */
export interface ObjectStore {
  put(key: string, body: string | Uint8Array, contentType: string): Promise<void>;
  /** undefined when there is no such object. */
  get(key: string): Promise<Uint8Array | undefined>;
}
