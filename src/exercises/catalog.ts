/**
 * The exercises the site shows, read from `exercises/<id>/` at build time. Only the statement,
 * the starter and the metadata are read here; solutions and hidden checks never reach the site.
 */
import type { MarkdownInstance } from 'astro';
import { z } from 'zod';

const metaSchema = z.object({
  id: z.string(),
  stage: z.number().int().min(1).max(7),
  title: z.string(),
  kind: z.enum(['architecture', 'policy', 'function']),
  /** Bumped when the starter changes, so saved work from an older starter is recognised. */
  version: z.number().int().min(1),
  /** How long one Run may take in the page before the worker is stopped. */
  timeoutMs: z.number().int().positive().default(10_000),
  hints: z.array(z.string()).default([]),
});

export type ExerciseMeta = z.infer<typeof metaSchema>;

const metas = import.meta.glob<unknown>('../../exercises/*/meta.json', {
  eager: true,
  import: 'default',
});
const readmes = import.meta.glob<MarkdownInstance<Record<string, unknown>>>(
  '../../exercises/*/README.md',
  {
    eager: true,
  },
);
const starters = import.meta.glob<string>('../../exercises/*/starter.ts', {
  eager: true,
  query: '?raw',
  import: 'default',
});

export interface SiteExercise {
  meta: ExerciseMeta;
  starter: string;
  Content: MarkdownInstance<Record<string, unknown>>['Content'];
}

export async function getExercise(id: string): Promise<SiteExercise> {
  const folder = `../../exercises/${id}`;
  const rawMeta = metas[`${folder}/meta.json`];
  const readme = readmes[`${folder}/README.md`];
  const starter = starters[`${folder}/starter.ts`];
  if (rawMeta === undefined || readme === undefined || starter === undefined) {
    throw new Error(
      `The exercise \`${id}\` needs meta.json, README.md and starter.ts in exercises/${id}/. Check the id in the chapter.`,
    );
  }
  const parsed = metaSchema.safeParse(rawMeta);
  if (!parsed.success) {
    throw new Error(`exercises/${id}/meta.json is invalid: ${z.prettifyError(parsed.error)}`);
  }
  if (parsed.data.id !== id) {
    throw new Error(
      `exercises/${id}/meta.json says its id is \`${parsed.data.id}\`; it must be \`${id}\`.`,
    );
  }
  return { meta: parsed.data, starter, Content: readme.Content };
}
