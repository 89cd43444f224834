/**
 * K-way merge of sorted index partitions into one page, with a position per partition so the
 * next page resumes each partition where this one stopped. Partitions are ordered by `group`
 * first (e.g. priority rank, urgent first), then by sort key in `order`; a later group is only
 * read once every earlier one is exhausted.
 */
export interface Partition {
  /** The partition key value (also the cursor's key for this partition). */
  readonly key: string;
  readonly group: number;
}

export interface FetchedPage<T> {
  readonly items: ReadonlyArray<{ readonly sk: string; readonly value: T }>;
  /** The sort key of the last item evaluated, when the partition may have more beyond it. */
  readonly next?: string;
}

/** Reads a partition after a sort key (exclusive; undefined: from the start). */
export type FetchPartition<T> = (partition: Partition, after: string | undefined, limit: number) => Promise<FetchedPage<T>>;

/** Per partition: absent = not started, a sort key = consumed up to it, null = exhausted. */
export type Positions = Record<string, string | null>;

export interface MergeOptions<T> {
  readonly order: 'asc' | 'desc';
  readonly limit: number;
  /** Items per read (DynamoDB `Limit`: evaluated before filters). */
  readonly readSize: number;
  /** Reads per page at most; a page may come back short (with a cursor) when filters reject a lot. */
  readonly maxReads: number;
  /** In-process filter (e.g. free text) applied to what the index returns. */
  readonly accept?: (value: T) => boolean;
}

interface State<T> {
  readonly p: Partition;
  pos: string | undefined;
  scanned: string | undefined;
  buf: Array<{ sk: string; value: T }>;
  more: boolean;
}

export async function mergePartitions<T>(
  partitions: readonly Partition[],
  positions: Positions,
  fetch: FetchPartition<T>,
  opts: MergeOptions<T>,
): Promise<{ items: T[]; positions: Positions; done: boolean }> {
  const states: State<T>[] = partitions
    .filter((p) => positions[p.key] !== null)
    .map((p) => ({ p, pos: positions[p.key] ?? undefined, scanned: positions[p.key] ?? undefined, buf: [], more: true }));
  const cmp = (a: string, b: string) => (opts.order === 'asc' ? a.localeCompare(b) : b.localeCompare(a));
  const live = (s: State<T>) => s.buf.length > 0 || s.more;
  const out: T[] = [];
  let reads = 0;
  let starved = false;
  while (out.length < opts.limit) {
    const group = Math.min(...states.filter(live).map((s) => s.p.group));
    if (!Number.isFinite(group)) break;
    const current = states.filter((s) => s.p.group === group);
    let empty = current.filter((s) => s.buf.length === 0 && s.more);
    while (empty.length > 0) {
      if (reads + empty.length > opts.maxReads) {
        starved = true;
        break;
      }
      reads += empty.length;
      await Promise.all(
        empty.map(async (s) => {
          const page = await fetch(s.p, s.scanned, opts.readSize);
          s.buf = page.items.filter((i) => !opts.accept || opts.accept(i.value));
          if (page.next === undefined) s.more = false;
          else s.scanned = page.next;
        }),
      );
      empty = current.filter((s) => s.buf.length === 0 && s.more);
    }
    if (starved) break;
    let best: State<T> | undefined;
    for (const s of current) if (s.buf[0] && (!best || cmp(s.buf[0].sk, best.buf[0]!.sk) < 0)) best = s;
    if (!best) continue; // the whole group is exhausted: the next one
    const head = best.buf.shift()!;
    best.pos = head.sk;
    out.push(head.value);
  }
  const next: Positions = { ...positions };
  for (const s of states) {
    if (!live(s)) next[s.p.key] = null;
    else if (s.buf.length === 0 && s.scanned !== undefined) next[s.p.key] = s.scanned;
    else if (s.pos !== undefined) next[s.p.key] = s.pos;
  }
  return { items: out, positions: next, done: states.every((s) => !live(s)) };
}
