/** mulberry32: a small seeded PRNG, so every run of a property-style test sees the same "random" data (the seed generator's). */
export { mulberry32 as rng } from '../../local/seed/seed-random.js';
