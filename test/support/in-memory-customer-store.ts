import type { CustomerProfile, Identity } from '../../shared/domain/customer.schema.js';
import type { Feedback } from '../../shared/domain/feedback.schema.js';
import type { UnreachableEmail } from '../../shared/domain/email-suppression.schema.js';
import type { CustomerStore, Page } from '../../shared/ports/customer-store.port.js';

/** CustomerStore with the DynamoDB adapter's semantics (first claim wins), for unit tests. */
export class InMemoryCustomerStore implements CustomerStore {
  readonly identities = new Map<string, string>();
  readonly profiles = new Map<string, CustomerProfile>();
  constructor(private readonly items: () => Iterable<Feedback> = () => []) {}

  async findByIdentity(i: Identity) {
    return this.identities.get(`${i.kind}#${i.value}`);
  }
  readonly claimedBy = new Map<string, string>();
  async claimIdentity(i: Identity, customerId: string, _at?: string, claimedBy?: string) {
    return (await this.claimIdentityFor(i, customerId, '', claimedBy)).owner;
  }
  async claimIdentityFor(i: Identity, customerId: string, _at: string, claimedBy?: string) {
    const key = `${i.kind}#${i.value}`;
    if (!this.identities.has(key)) {
      this.identities.set(key, customerId);
      if (claimedBy) this.claimedBy.set(key, claimedBy);
    }
    return { owner: this.identities.get(key)!, byThisItem: claimedBy !== undefined && this.claimedBy.get(key) === claimedBy };
  }
  async addToProfile(customerId: string, identities: readonly Identity[], name: string | undefined, at: string) {
    const p = this.profiles.get(customerId) ?? { id: customerId, emails: [], phones: [], handles: [], createdAt: at, updatedAt: at };
    const field = { email: 'emails', phone: 'phones', handle: 'handles' } as const;
    for (const i of identities) if (!p[field[i.kind]].includes(i.value)) p[field[i.kind]].push(i.value);
    this.profiles.set(customerId, { ...p, ...(p.name === undefined && name !== undefined && { name }), updatedAt: at });
  }
  async getProfile(id: string) {
    return this.profiles.get(id);
  }
  async markEmailUnreachable(customerId: string, entry: UnreachableEmail) {
    const p = this.profiles.get(customerId);
    if (!p || p.unreachable?.some((u) => u.address === entry.address)) return;
    this.profiles.set(customerId, { ...p, unreachable: [...(p.unreachable ?? []), entry].sort((a, b) => a.address.localeCompare(b.address)) });
  }
  async clearEmailUnreachable(customerId: string, address: string) {
    const p = this.profiles.get(customerId);
    if (!p?.unreachable) return;
    const rest = p.unreachable.filter((u) => u.address !== address);
    const { unreachable: _u, ...base } = p;
    this.profiles.set(customerId, rest.length > 0 ? { ...base, unreachable: rest } : base);
  }
  async listItems(customerId: string, limit: number): Promise<Page<Feedback>> {
    const items = [...this.items()].filter((f) => f.customer.id === customerId).sort((a, b) => b.receivedAt.localeCompare(a.receivedAt));
    return { items: items.slice(0, limit) };
  }
}
