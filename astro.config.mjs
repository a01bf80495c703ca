// @ts-check
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';

const simEntry = fileURLToPath(new URL('./src/sim/index.ts', import.meta.url));

export default defineConfig({
  site: 'https://scaling-course.example.org',
  integrations: [
    starlight({
      title: 'One server to ten million users',
      description:
        'An interactive course on scaling a web app on AWS, from one server to ten million users, with a simulator, exercises and real prices.',
      customCss: ['./src/styles/course.css'],
      // The sidebar override adds the reading-progress marks to Starlight's own sidebar.
      components: { Sidebar: './src/components/SidebarWithProgress.astro' },
      // Chapters live in the top-level content/ folder; Starlight only processes asides and
      // heading anchors for folders it is told about.
      markdown: { processedDirs: ['./content'] },
      sidebar: [
        { label: 'Start here', slug: 'index' },
        { slug: 'introduction' },
        {
          label: 'Stages',
          items: [
            { slug: 'chapters/01-prelaunch' },
            { slug: 'chapters/02-launch' },
            { slug: 'chapters/03-split-tiers' },
            { slug: 'chapters/04-second-az' },
            { slug: 'chapters/05-stateless-tier' },
            { slug: 'chapters/06-four-nines' },
            { slug: 'chapters/07-beyond-one-region' },
          ],
        },
        { slug: 'closing' },
      ],
    }),
  ],
  vite: {
    resolve: { alias: { '@course/sim': simEntry } },
    worker: { format: 'es' },
    optimizeDeps: { include: ['@vitest/expect', 'chai'] },
  },
});
