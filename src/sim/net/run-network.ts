/**
 * The network model's event loop: requests travel from users through DNS, a load balancer or an
 * Elastic IP, a web instance, a cache and a database, and back. Every hop is an event; every
 * station is a FIFO queue in front of its vCPUs. Failures from the scenario's timeline take
 * stations down; load balancers and Route 53 notice through health checks; RDS fails over to
 * its standby.
 *
 * The steps live by concept: `routing.ts` (DNS and load balancers), `queueing.ts` (stations),
 * `data-tier.ts` (sessions, caches, databases, static files) and `failures.ts` (the timeline,
 * health checks, Auto Scaling). This file draws arrivals, dispatches events and closes the run.
 */
import { SimBudgetError } from '../errors.ts';
import { afterService, afterTable, serveFromEdge, toData, toDatabase } from './data-tier.ts';
import {
  applyTimeline,
  dnsHealthCheck,
  finishFailover,
  healthCheck,
  instanceReady,
  tick,
} from './failures.ts';
import {
  E_ARRIVAL,
  E_AT_STATION,
  E_DNS_HEALTH,
  E_DONE,
  E_FAILOVER_DONE,
  E_HEALTH,
  E_INSTANCE_READY,
  E_RESPONSE,
  E_TICK,
  E_TIMELINE,
  P_CACHE_BACK,
  P_SESSION_BACK,
  P_TABLE,
  P_TO_ENTRY,
  R_TIMEOUT,
} from './net-output.ts';
import type { NetworkInput, NetworkOutput } from './net-output.ts';
import { NetState } from './net-state.ts';
import { arriveAt, finishService } from './queueing.ts';
import { onEntry, sendToEntry } from './routing.ts';

export { NET_REASONS } from './net-output.ts';
export type { NetworkInput, NetworkOutput, TimelineAction } from './net-output.ts';

/** Next arrival after `from`: Poisson at the current users' rate, restarted at each step. */
function nextArrival(n: NetState, from: number): number {
  const steps = n.steps;
  if (steps.length === 0) return from + n.arrivalRng.exponential(n.meanGap);
  let t = from;
  for (;;) {
    const change = n.stepIndex < steps.length ? steps[n.stepIndex]!.atSeconds : Infinity;
    const gap =
      n.currentUsers > 0
        ? n.arrivalRng.exponential(n.sc.thinkTimeSeconds / n.currentUsers)
        : Infinity;
    if (t + gap < change) return t + gap;
    if (change === Infinity) return Infinity;
    t = change;
    n.currentUsers = steps[n.stepIndex]!.users;
    n.stepIndex++;
  }
}

/** A user sends a request: draw who, what and which key, then route it. */
function arrive(n: NetState): void {
  const activeUsers = n.steps.length === 0 ? n.users : Math.max(1, n.currentUsers);
  const next = nextArrival(n, n.now);
  if (next < n.end) n.queue.push(next, E_ARRIVAL);
  const counted = n.now >= n.start;
  const s = n.slots.acquire(n.now, counted);
  const req = n.req;
  req.ensure(s);
  req.dead[s] = 0;
  req.pending[s] = 0;
  req.web[s] = -1;
  req.station[s] = -1;
  req.user[s] = n.mixRng.int(activeUsers);
  req.write[s] = n.mixRng.next() < n.w.writeShare ? 1 : 0;
  req.key[s] = n.zipf.sample(n.mixRng);
  req.static[s] = 0;
  const second = Math.floor(n.now);
  if (counted) {
    n.out.total++;
    n.out.areas[n.userArea[req.user[s]!]!]!.requests++;
    if (second < n.seconds) n.out.series.requests[second]! += 1;
  }
  if (n.staticZipf !== null && n.staticRng.next() < n.w.staticShare) {
    if (n.topo.staticDistribution >= 0) {
      serveFromEdge(n, s, n.staticZipf.sample(n.staticRng));
      return;
    }
    req.static[s] = 1;
  }
  sendToEntry(n, s, counted);
}

/** The user receives the answer: a success, or a timeout when it came too late. */
function receive(n: NetState, slot: number): void {
  const slots = n.slots;
  const out = n.out;
  if (slots.counted[slot] === 1) {
    const elapsed = n.now - slots.createdAt[slot]!;
    const second = Math.floor(slots.createdAt[slot]!);
    if (elapsed > n.timeout) {
      out.byReason[R_TIMEOUT]! += 1;
      if (second < n.seconds) out.series.failed[second]! += 1;
    } else {
      out.ok++;
      if (n.req.static[slot] === 1) out.okStaticFromWeb++;
      else if (n.req.static[slot] === 2) out.okStaticFromEdge++;
      out.latency.recordMs(elapsed * 1000);
      n.secondLatency.recordMs(elapsed * 1000);
      if (second < n.seconds) out.series.ok[second]! += 1;
      const area = out.areas[n.userArea[n.req.user[slot]!]!]!;
      area.ok++;
      area.latency.recordMs(elapsed * 1000);
      if (n.req.static[slot] !== 2) {
        const region = out.regions[n.topo.entryRegions[n.req.entry[slot]!]!]!;
        region.ok++;
        region.latency.recordMs(elapsed * 1000);
      }
    }
  }
  slots.release(slot);
}

/** An event for request `slot`: it reached a station, finished service, or got its answer. */
function onRequestEvent(n: NetState, slot: number, kind: number): void {
  n.req.pending[slot] = 0;
  if (n.req.dead[slot] === 1) {
    n.slots.release(slot);
    return;
  }
  if (kind === E_AT_STATION) {
    const p = n.req.phase[slot]!;
    if (p === P_TO_ENTRY) onEntry(n, slot);
    else if (p === P_SESSION_BACK) toData(n, slot);
    else if (p === P_CACHE_BACK) toDatabase(n, slot);
    else if (p === P_TABLE) afterTable(n, slot);
    else arriveAt(n, slot, n.req.station[slot]!);
  } else if (kind === E_DONE) {
    finishService(n, n.req.station[slot]!);
    afterService(n, slot);
  } else {
    receive(n, slot);
  }
}

/** Runs the network model to completion. */
export function runNetwork(input: NetworkInput): NetworkOutput {
  const { maxEvents, onProgress } = input;
  const n = new NetState(input);
  const { queue, out, end } = n;

  const first = nextArrival(n, 0);
  if (first < end) queue.push(first, E_ARRIVAL);
  n.timeline.forEach((action, i) => queue.push(action.atSeconds, (i << 4) | E_TIMELINE));
  n.topo.lbs.forEach((lb, i) => queue.push(lb.healthCheckIntervalSeconds, (i << 4) | E_HEALTH));
  const dns = n.topo.dns;
  if (
    dns?.routing === 'failover' ||
    (dns?.routing === 'latency' && dns.healthCheckIntervalSeconds > 0)
  ) {
    queue.push(dns.healthCheckIntervalSeconds, E_DNS_HEALTH);
  }
  queue.push(0, E_TICK);
  const cutoff = end + n.timeout;
  let nextProgress = 0.01;

  while (queue.size > 0) {
    const t = queue.peekTime();
    if (t > cutoff) break;
    const payload = queue.pop();
    n.now = t;
    if (++out.events > maxEvents) throw new SimBudgetError(maxEvents, t);
    if (onProgress !== undefined && t >= nextProgress * end && t < end) {
      onProgress(t / end);
      nextProgress = Math.floor((t / end) * 100 + 1) / 100;
    }
    const kind = payload & 15;
    const slot = payload >>> 4;

    if (kind === E_ARRIVAL) arrive(n);
    else if (kind === E_AT_STATION || kind === E_DONE || kind === E_RESPONSE) {
      onRequestEvent(n, slot, kind);
    } else if (kind === E_TIMELINE) applyTimeline(n, n.timeline[slot]!);
    else if (kind === E_TICK) tick(n, slot);
    else if (kind === E_HEALTH) {
      if (t < end) healthCheck(n, slot);
    } else if (kind === E_DNS_HEALTH) {
      if (t < end) dnsHealthCheck(n);
    } else if (kind === E_INSTANCE_READY) instanceReady(n, slot);
    else if (kind === E_FAILOVER_DONE) finishFailover(n, slot);
  }

  closeRun(n);
  onProgress?.(1);
  return out;
}

/** Requests still in flight have waited past their timeout; close every time integral. */
function closeRun(n: NetState): void {
  const { slots, out, st } = n;
  for (let slot = 0; slot < n.req.cap; slot++) {
    if (slots.active[slot] !== 1 || n.req.dead[slot] === 1 || slots.counted[slot] !== 1) continue;
    out.byReason[R_TIMEOUT]! += 1;
    const second = Math.floor(slots.createdAt[slot]!);
    if (second < n.seconds) out.series.failed[second]! += 1;
  }
  const last = Math.max(n.now, n.end);
  for (let s = 0; s < st.count; s++) {
    st.account(s, last, n.start, n.end);
    const saved = n.now;
    n.now = last;
    n.accountInFlight(s);
    n.now = saved;
  }
  n.scaling.finish(last);
}
