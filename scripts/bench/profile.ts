/**
 * `npm run bench -- --profile <case> [customers]`: runs one case under `node --cpu-prof` and
 * prints the functions with the most self time. The `.cpuprofile` stays in a temporary folder
 * for Chrome DevTools (its path is printed).
 */
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { spawnSpeed } from './child.ts';
import { formatTable } from './table.ts';

/** The parts of V8's `.cpuprofile` format that the summary reads. */
interface CpuProfile {
  nodes: {
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number };
    hitCount?: number;
  }[];
  samples: number[];
}

/** Profiles `name` and returns the summary as text. */
export function profileCase(name: string, customers: number, top = 20): string {
  const dir = mkdtempSync(join(tmpdir(), 'sim-bench-prof-'));
  spawnSpeed(name, customers, ['--cpu-prof', `--cpu-prof-dir=${dir}`]);
  const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
  if (file === undefined) throw new Error(`No .cpuprofile written to \`${dir}\``);
  const profile = JSON.parse(readFileSync(join(dir, file), 'utf8')) as CpuProfile;
  return `${summarise(profile, top)}\n\nprofile: ${join(dir, file)}`;
}

/** Self-time share per function (a function's samples, wherever it was called from). */
function summarise(profile: CpuProfile, top: number): string {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfSamples = new Map<string, number>();
  for (const id of profile.samples) {
    const frame = byId.get(id)?.callFrame;
    if (frame === undefined) continue;
    const key = describeFrame(frame);
    selfSamples.set(key, (selfSamples.get(key) ?? 0) + 1);
  }
  const total = profile.samples.length;
  const rows = [...selfSamples.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([fn, n]) => [fn, `${((n / total) * 100).toFixed(1)} %`]);
  return formatTable(['function (file:line)', 'self time'], rows);
}

function describeFrame(frame: CpuProfile['nodes'][number]['callFrame']): string {
  const name = frame.functionName === '' ? '(anonymous)' : frame.functionName;
  if (frame.url === '') return name;
  const path = frame.url.startsWith('file://') ? new URL(frame.url).pathname : frame.url;
  return `${name} (${relative(process.cwd(), path)}:${frame.lineNumber + 1})`;
}
