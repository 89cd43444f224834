import * as z from 'zod';

/** `POST /v1/local/seed` and `ouvidor seed`: how many items, over how many days, which data set. */
export const SeedRequestSchema = z
  .object({
    items: z.number().int().min(1).max(20_000).default(2000),
    days: z.number().int().min(1).max(365).default(90),
    seed: z.number().int().min(0).max(2 ** 31 - 1).default(1),
  })
  .strict();
export type SeedRequest = z.infer<typeof SeedRequestSchema>;
