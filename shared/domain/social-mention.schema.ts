import * as z from 'zod';

/**
 * A customer's public mention of the brand on a social network, as produced by the social
 * channel's webhook normalizers (`shared/adapters/social/*-webhook.normalizer.ts`).
 *
 * Dedupe key: `(provider, postId)`. `postId` is unique within a provider:
 * - `meta`: the Graph API id of the comment / visitor post / Instagram comment. Facebook ids
 *   always contain an underscore (`<post>_<comment>`, `<page>_<post>`); Instagram ids are plain
 *   digits, so the two platforms never collide.
 * - `x`: the tweet's `id_str`.
 * - `generic`: `<platform>:<tool's postId>`, because one listening tool covers many networks.
 * An edit arrives with the same `postId` and `action: 'edited'`.
 */
export const SocialProviderSchema = z.enum(['meta', 'x', 'generic']);
export type SocialProvider = z.infer<typeof SocialProviderSchema>;

export const SocialActionSchema = z.enum(['add', 'edited', 'remove']);
export type SocialAction = z.infer<typeof SocialActionSchema>;

/** `facebook` / `instagram` for meta, `x` for x, any lowercase network name for generic. */
export const SocialPlatformSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9][a-z0-9._-]*$/, 'lowercase letters, digits, dot, dash or underscore');

export const SocialAuthorSchema = z
  .object({
    /** Platform-scoped user id (page-scoped on Facebook, IG-scoped on Instagram). */
    id: z.string().min(1).max(128),
    /** Public @handle without the `@`. */
    handle: z.string().min(1).max(100),
    name: z.string().min(1).max(200),
  })
  .partial()
  .strict();
export type SocialAuthor = z.infer<typeof SocialAuthorSchema>;

export const SocialMentionSchema = z
  .object({
    provider: SocialProviderSchema,
    platform: SocialPlatformSchema,
    postId: z.string().min(1).max(512),
    /** What this mention answers: the post or comment it replies to, or the media it is on. */
    parentId: z.string().min(1).max(512).optional(),
    author: SocialAuthorSchema,
    text: z.string().min(1).max(20_000),
    url: z.url({ protocol: /^https?$/ }).max(2048).optional(),
    createdAt: z.iso.datetime(),
    action: SocialActionSchema.optional(),
  })
  .strict()
  .superRefine((m, ctx) => {
    const allowed: Record<string, readonly string[] | undefined> = { meta: ['facebook', 'instagram'], x: ['x'] };
    const platforms = allowed[m.provider];
    if (platforms && !platforms.includes(m.platform)) {
      ctx.addIssue({ code: 'custom', path: ['platform'], message: `provider ${m.provider} only has ${platforms.join(', ')}` });
    }
  });
export type SocialMention = z.infer<typeof SocialMentionSchema>;
