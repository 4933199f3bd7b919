// The shipped models: public/models/index.json lists them (name, role, folder, tokens, recipe), and the notebook
// lists and loads them from it. Pure: parsed with zod, so a damaged manifest says what is wrong.
import { z } from 'zod';
import { GRANULARITIES, type Granularity } from '../verbalise/story.ts';

export const MODEL_ROLES = ['trace-sft', 'direct-sft', 'rl'] as const;

export const ShippedModelSchema = z.object({
  name: z.string().min(1),
  /** `trace-sft`: writes the story, then the answer (the one the notebook opens with); `direct-sft`: its
   * answer-only twin on the same programs and tokens; `rl`: reinforced from the trace model. */
  role: z.enum(MODEL_ROLES),
  /** Folder under the site root holding config.json, tokenizer.json, model.safetensors [, optimizer.safetensors]. */
  path: z.string().regex(/^[\w./-]+\/$/, 'a folder under the site root, ending in /'),
  tokens: z.number().int().nonnegative(),
  /** Programs the run could draw from (its training rows). */
  programs: z.number().int().nonnegative().optional(),
  recipe: z.string(),
  /** How its stories are written (src/verbalise/story.ts): what the Explorer reads them back with. Default: `direct`
   * for a direct-sft model, `detailed` otherwise. */
  story: z.enum(GRANULARITIES).optional(),
  /** Whether the folder has the Adam moments, so training can go on from it. */
  resumable: z.boolean(),
});
export type ShippedModel = z.infer<typeof ShippedModelSchema>;

export const ManifestSchema = z.object({ version: z.literal(1), models: z.array(ShippedModelSchema).min(1) });
export type Manifest = z.infer<typeof ManifestSchema>;

/** The manifest's models, the trace model first; throws a sentence naming the bad field. */
export function readManifest(json: unknown): ShippedModel[] {
  const r = ManifestSchema.safeParse(json);
  if (!r.success) {
    const i = r.error.issues[0]!;
    throw new Error(`models/index.json: ${i.path.join('.') || 'the file'}: ${i.message}`);
  }
  return [...r.data.models].sort((a, b) => MODEL_ROLES.indexOf(a.role) - MODEL_ROLES.indexOf(b.role));
}

/** The granularity a shipped model writes its stories in. */
export function storyOf(m: Pick<ShippedModel, 'role' | 'story'>): Granularity {
  return m.story ?? (m.role === 'direct-sft' ? 'direct' : 'detailed');
}
