import { readFileSync } from 'node:fs';
import { z } from 'zod';

const Prices = z.record(z.string(), z.number().nonnegative());

const ServiceSchema = z
  .object({ source: z.url(), asOf: z.string().regex(/^\d{4}-\d{2}/), note: z.string().optional(), prices: z.record(z.string(), Prices) })
  .strict();

/** `config/aws-pricing.json`: list prices per service and region, each service with its source and date. */
export const PricingSchema = z
  .object({
    $comment: z.string().optional(),
    currency: z.literal('USD'),
    writtenOn: z.string(),
    verified: z.boolean(),
    fallbackRegion: z.string(),
    services: z.object({
      apiGateway: ServiceSchema,
      lambda: ServiceSchema,
      sqs: ServiceSchema,
      dynamodb: ServiceSchema,
      eventBridge: ServiceSchema,
      comprehend: ServiceSchema,
      ses: ServiceSchema,
      sns: ServiceSchema,
      s3: ServiceSchema,
      cloudWatch: ServiceSchema,
      xray: ServiceSchema,
      secretsManager: ServiceSchema,
    }),
  })
  .strict();
export type Pricing = z.infer<typeof PricingSchema>;
export type ServiceName = keyof Pricing['services'];

export const PRICING_FILE = new URL('../../config/aws-pricing.json', import.meta.url);

export function loadPricing(file: URL | string = PRICING_FILE): Pricing {
  return PricingSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
}

/** Prices of one service in a region, or in the fallback region when the service has none there (`fallback: true`). */
export function pricesIn(pricing: Pricing, service: ServiceName, region: string): { prices: Record<string, number>; region: string; fallback: boolean } {
  const byRegion = pricing.services[service].prices;
  const own = byRegion[region];
  if (own) return { prices: own, region, fallback: false };
  const fb = byRegion[pricing.fallbackRegion];
  if (!fb) throw new Error(`config/aws-pricing.json: ${service} has no prices for ${region} nor ${pricing.fallbackRegion}`);
  return { prices: fb, region: pricing.fallbackRegion, fallback: true };
}

/** One named price; a missing one is a bug in the pricing file, not a zero. */
export function price(prices: Record<string, number>, name: string, service: string): number {
  const value = prices[name];
  if (value === undefined) throw new Error(`config/aws-pricing.json: ${service} has no price '${name}'`);
  return value;
}
