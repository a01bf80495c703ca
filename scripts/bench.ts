/**
 * Quick throughput check of the simulator: events per second on this machine.
 * Run with `npm run bench`.
 * Machine noise is ±20–30 % on shared VMs: compare runs made in one process, not absolute times.
 */
import { Stack, simulate } from '../src/sim/index.ts';

const stack = new Stack('bench');
const web = stack.instance('web', { instanceType: 'r5.xlarge' });
const ip = stack.elasticIp('ip', { instance: web });
stack.dnsRecord('www', { name: 'www.example.com', target: ip });

const cases = [
  { title: 'light load (20 rps, 10 min)', users: 200, durationSeconds: 600 },
  { title: 'busy server (90 rps, 10 min)', users: 900, durationSeconds: 600 },
  { title: 'fast requests (20 000 rps, 60 s)', users: 200_000, durationSeconds: 60, cpuMs: 0.15 },
];

for (const c of cases) {
  let best = Infinity;
  let events = 0;
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    const r = simulate(
      stack,
      {
        users: c.users,
        durationSeconds: c.durationSeconds,
        workload: { cpuMsPerRequest: c.cpuMs ?? 40, memoryMiBPerInFlightRequest: 0.01 },
      },
      { seed: i + 1 },
    );
    best = Math.min(best, performance.now() - t0);
    events = r.events;
  }
  const rate = (events / best) * 1000;
  process.stdout.write(
    `${c.title}: ${events} events in ${best.toFixed(0)} ms = ${(rate / 1e6).toFixed(2)} M events/s\n`,
  );
}
