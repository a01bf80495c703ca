/**
 * How a request finds a web server: DNS (a resolver cache, then Route 53's answer), then a load
 * balancer or the instance itself.
 */
import {
  P_TO_ENTRY,
  P_WEB,
  R_INSTANCE_DOWN,
  R_NO_ROUTE,
  R_NO_TARGET,
  R_OUT_OF_MEMORY,
  R_SESSION_LOST,
  E_AT_STATION,
} from './net-output.ts';
import type { NetState } from './net-state.ts';
import { arriveAt } from './queueing.ts';
import type { EntryDef } from './topology.ts';

/**
 * Sends a new request on its way to the entry point: half the round trip between the user's
 * area and the answer's Region, plus a full DNS round trip when the user's resolver has no
 * cached answer and must ask Route 53.
 *
 * A simple record keeps the v1 model: a lookup misses with the probability a Poisson user has
 * of finding the cached answer expired, thinkTime / (thinkTime + TTL), with no per-user state.
 * A failover, weighted or latency record needs to know which answer each resolver holds, so
 * each user's resolver caches Route 53's answer for the TTL.
 */
export function sendToEntry(n: NetState, slot: number, counted: boolean): void {
  const dns = n.topo.dns;
  const user = n.req.user[slot]!;
  const dnsHalfRtt = n.areas.dnsHalfRtt[n.userArea[user]!]!;
  let lookup = 0;
  n.req.entry[slot] = 0;
  if (dns !== undefined && dns.routing !== 'simple') {
    if (counted) n.out.dnsLookups++;
    if (n.now >= n.resolverUntil[user]!) {
      lookup = 2 * dnsHalfRtt;
      const answer = answerQuery(n, user);
      n.resolverAnswer[user] = answer;
      n.resolverUntil[user] = n.now + dns.ttlSeconds;
      if (counted) {
        n.out.dnsQueries++;
        n.out.dns.answers[answer]! += 1;
      }
    }
    n.req.entry[slot] = n.resolverAnswer[user]!;
  } else if (n.topo.entries[0]!.kind !== 'none') {
    if (counted) n.out.dnsLookups++;
    if (n.dnsRng.next() < n.dnsMiss) {
      lookup = 2 * dnsHalfRtt;
      if (counted) {
        n.out.dnsQueries++;
        n.out.dns.answers[0]! += 1;
      }
    }
  }
  if (counted) n.out.regions[n.topo.entryRegions[n.req.entry[slot]!]!]!.requests++;
  let delay = n.userHalfRtt(slot);
  if (lookup > 0) delay += lookup;
  n.schedule(n.now + delay, slot, E_AT_STATION);
  n.req.phase[slot] = P_TO_ENTRY;
}

/**
 * Route 53's answer to one query from `user`, as an index into `topo.entries`. Failover: the
 * primary while its health check passes, else the secondary. Weighted: a target drawn with
 * probability weight / total (validation keeps the total above 0). Latency: the answer in the
 * Region with the lowest round trip from the user's area, skipping answers whose health check
 * failed; when none is healthy, Route 53 treats them all as healthy and answers the nearest.
 */
function answerQuery(n: NetState, user: number): number {
  const dns = n.topo.dns!;
  if (dns.routing === 'failover') return n.primaryHealthy ? 0 : 1;
  if (dns.routing === 'latency') {
    const count = n.topo.entries.length;
    const base = n.userArea[user]! * count;
    const preference = n.areas.preference;
    if (dns.healthCheckIntervalSeconds === 0) return preference[base]!;
    for (let k = 0; k < count; k++) {
      const entry = preference[base + k]!;
      if (n.entryHealthy[entry] === 1) return entry;
    }
    return preference[base]!;
  }
  const weights = dns.weights;
  let u = n.routingRng.next() * dns.totalWeight;
  for (let i = 0; i < weights.length; i++) {
    u -= weights[i]!;
    if (u < 0) return i;
  }
  return weights.length - 1;
}

/** Whether an entry can answer: its instance is up, or its load balancer has a target up. */
export function entryIsUp(n: NetState, entry: EntryDef): boolean {
  if (entry.kind === 'web') return n.st.up[n.topo.webs[entry.index]!.station] === 1;
  if (entry.kind === 'none') return false;
  const lb = n.topo.lbs[entry.index]!;
  for (const web of lb.targets) {
    if (n.active[web] === 1 && n.st.up[n.topo.webs[web]!.station] === 1) return true;
  }
  return false;
}

/**
 * The load balancer's choice for a user: the instance holding the user's session if there is
 * one, else the learner's policy or the configured algorithm over the targets in service.
 * Returns a web index, -1 when no target is in service, or -2 when the user's session was on an
 * instance the load balancer no longer uses.
 */
function pickTarget(n: NetState, lbIndex: number, user: number): number {
  const lb = n.topo.lbs[lbIndex]!;
  const healthy = n.lbHealthy[lbIndex]!;
  const active = n.active;
  const sticky = n.stickyWeb[user]!;
  if (sticky >= 0) {
    const position = lb.targets.indexOf(sticky);
    if (position >= 0 && healthy[position] === 1 && active[sticky] === 1) return sticky;
    n.stickyWeb[user] = -1;
    return -2;
  }
  if (n.policies.hasLoadBalancer(lbIndex)) {
    return n.policies.chooseTarget(lbIndex, user, n.now, healthy, active, n.outstanding);
  }
  const count = lb.targets.length;
  const first = n.lbNext[lbIndex]!;
  n.lbNext[lbIndex] = (first + 1) % count;
  let best = -1;
  for (let k = 0; k < count; k++) {
    const i = (first + k) % count;
    const web = lb.targets[i]!;
    if (healthy[i] === 0 || active[web] === 0) continue;
    if (!lb.leastOutstanding) {
      // Continue after the chosen target, so a target that is out of service (or an idle group
      // slot) does not hand its turn to its neighbour, and round robin stays even.
      n.lbNext[lbIndex] = (i + 1) % count;
      return web;
    }
    if (best < 0 || n.outstanding[web]! < n.outstanding[best]!) best = web;
  }
  return best;
}

/** The request reaches web instance `web`: it takes memory there, then queues for a worker. */
function enterWeb(n: NetState, slot: number, web: number): void {
  const s = n.topo.webs[web]!.station;
  const st = n.st;
  if (st.up[s] === 0) {
    n.fail(slot, R_INSTANCE_DOWN);
    return;
  }
  if (st.inFlight[s]! + 1 > n.defs[s]!.maxInFlight) {
    n.fail(slot, R_OUT_OF_MEMORY);
    return;
  }
  n.accountInFlight(s);
  st.inFlight[s]! += 1;
  if (st.inFlight[s]! > n.out.peakInFlight[s]! && n.now >= n.start && n.now < n.end)
    n.out.peakInFlight[s] = st.inFlight[s]!;
  n.outstanding[web]! += 1;
  n.req.web[slot] = web;
  n.req.phase[slot] = P_WEB;
  arriveAt(n, slot, s);
}

/** The request reaches the entry its DNS answer named. */
export function onEntry(n: NetState, slot: number): void {
  const entry = n.topo.entries[n.req.entry[slot]!]!;
  const user = n.req.user[slot]!;
  if (entry.kind === 'none') {
    n.fail(slot, R_NO_ROUTE);
    return;
  }
  if (entry.kind === 'web') {
    enterWeb(n, slot, entry.index);
    return;
  }
  n.out.lbRequests[entry.index]! += 1;
  const web = pickTarget(n, entry.index, user);
  if (web === -2) {
    n.fail(slot, R_SESSION_LOST);
    return;
  }
  if (web < 0) {
    n.fail(slot, R_NO_TARGET);
    return;
  }
  const wiring = n.topo.webs[web]!;
  if (wiring.sessions < 0 && wiring.sessionTable < 0) n.stickyWeb[user] = web;
  enterWeb(n, slot, web);
}
