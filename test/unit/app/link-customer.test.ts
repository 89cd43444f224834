import { describe, expect, it } from 'vitest';
import { linkCustomer } from '../../../shared/app/link-customer.use-case.js';
import { InMemoryCustomerStore } from '../../support/in-memory-customer-store.js';

const at = new Date('2026-11-28T12:00:00.000Z');

/** Counts the store's calls, and can fail the next profile write (a crash after the claim). */
function counted() {
  const store = new InMemoryCustomerStore();
  const calls: string[] = [];
  let failProfile = false;
  const claimFor = store.claimIdentityFor.bind(store);
  const add = store.addToProfile.bind(store);
  const find = store.findByIdentity.bind(store);
  store.claimIdentityFor = async (...a) => (calls.push('claim'), claimFor(...a));
  store.findByIdentity = async (...a) => (calls.push('find'), find(...a));
  store.addToProfile = async (...a) => {
    calls.push('profile');
    if (failProfile) {
      failProfile = false;
      throw new Error('store down');
    }
    return add(...a);
  };
  return { store, calls, failNextProfile: () => void (failProfile = true) };
}

describe('linking an item to its customer', () => {
  it('claims a new identity first (no read before it) and creates the profile: two store calls', async () => {
    const { store, calls } = counted();
    const c = await linkCustomer(store, { email: 'Nova@Example.com' }, at, 'ITEM1');
    expect(calls).toEqual(['claim', 'profile']);
    expect(await store.getProfile(c.id!)).toMatchObject({ id: c.id, emails: ['nova@example.com'] });
  });

  it('joins a returning customer with the refused claim alone, and adds a name the profile lacks', async () => {
    const { store, calls } = counted();
    const first = await linkCustomer(store, { email: 'ana@example.com' }, at, 'ITEM1');
    calls.length = 0;
    expect((await linkCustomer(store, { email: 'ana@example.com' }, at, 'ITEM2')).id).toBe(first.id);
    expect(calls).toEqual(['claim']);
    await linkCustomer(store, { email: 'ana@example.com', name: 'Ana' }, at, 'ITEM3');
    expect(await store.getProfile(first.id!)).toMatchObject({ name: 'Ana' });
  });

  it('creates the profile on the retry of an item whose first attempt died after claiming', async () => {
    const { store, failNextProfile } = counted();
    failNextProfile();
    await expect(linkCustomer(store, { email: 'bia@example.com' }, at, 'ITEM1')).rejects.toThrow('store down');
    const again = await linkCustomer(store, { email: 'bia@example.com' }, at, 'ITEM1');
    expect(await store.getProfile(again.id!)).toMatchObject({ emails: ['bia@example.com'] });
  });

  it('keeps the first known profile for an item with several identities', async () => {
    const { store } = counted();
    const phoneFirst = await linkCustomer(store, { phone: '+55 11 98765-4321' }, at, 'ITEM1');
    const both = await linkCustomer(store, { email: 'caio@example.com', phone: '+55 11 98765-4321' }, at, 'ITEM2');
    expect(both.id).toBe(phoneFirst.id);
    expect(await store.getProfile(both.id!)).toMatchObject({ emails: ['caio@example.com'] });
  });
});
