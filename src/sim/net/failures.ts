/**
 * The run's timeline: injected failures and recoveries, load balancer and Route 53 health
 * checks, RDS failover, and the once-a-second tick that closes the per-second series and drives
 * Auto Scaling.
 */
import { AWS_BEHAVIOUR } from '../catalog/aws-behaviour.ts';
import { LatencyHistogram } from '../engine/histogram.ts';
import {
  E_DNS_HEALTH,
  E_FAILOVER_DONE,
  E_HEALTH,
  E_INSTANCE_READY,
  E_TICK,
  R_INSTANCE_DOWN,
} from './net-output.ts';
import type { TimelineAction } from './net-output.ts';
import type { NetState } from './net-state.ts';
import { entryIsUp } from './routing.ts';

const FAILOVER = AWS_BEHAVIOUR.rdsMultiAzInstanceFailoverSeconds.value;

/** Station `s` stops: every request queued or in service there, or holding memory there, fails. */
function takeDown(n: NetState, s: number): void {
  const st = n.st;
  const req = n.req;
  st.account(s, n.now, n.start, n.end);
  st.up[s] = 0;
  for (let slot = 0; slot < req.cap; slot++) {
    if (n.slots.active[slot] !== 1 || req.dead[slot] === 1) continue;
    const web = req.web[slot]!;
    const onThisWeb = web >= 0 && n.topo.webs[web]!.station === s;
    if (req.station[slot] === s || onThisWeb) n.fail(slot, R_INSTANCE_DOWN);
  }
  st.busy[s] = 0;
  while (st.queues[s]!.size > 0) st.queues[s]!.shift();
}

/**
 * RDS starts promoting the standby of database `d`. The standby has every committed write
 * (synchronous replication). RDS documents Multi-AZ failover as typically 60 to 120 seconds:
 * the time is drawn uniformly from that range.
 */
function startFailover(n: NetState, d: number): void {
  const seconds =
    FAILOVER.minSeconds + n.failoverRng.next() * (FAILOVER.maxSeconds - FAILOVER.minSeconds);
  n.dbDown[d] = 0;
  n.dbFailingOverUntil[d] = n.now + seconds;
  n.out.dbs[d]!.failovers.push({ atSeconds: n.now, durationSeconds: seconds });
  n.queue.push(n.now + seconds, (d << 4) | E_FAILOVER_DONE);
}

/** Applies one failure or recovery from the scenario. */
export function applyTimeline(n: NetState, action: TimelineAction): void {
  const topo = n.topo;
  if (action.action === 'down') for (const s of action.targets) takeDown(n, s);
  else if (action.action === 'up') for (const s of action.targets) n.st.up[s] = 1;
  else if (action.action === 'group-crash') {
    for (const g of action.targets) {
      const web = n.scaling.firstInService(g);
      if (web < 0) continue;
      n.scaling.crashed[web] = 1;
      takeDown(n, topo.webs[web]!.station);
    }
  } else if (action.action === 'cache-clear') {
    for (const c of action.targets) {
      n.out.caches[c]!.evictions += n.caches[c]!.size;
      n.caches[c]!.clear();
      n.cacheEpoch[c]! += 1;
    }
  } else if (action.action === 'region-down' || action.action === 'region-up') {
    const down = action.action === 'region-down';
    for (const r of action.targets) {
      n.regionDown[r] = down ? 1 : 0;
      for (let s = 0; s < n.defs.length; s++) {
        if (n.defs[s]!.region !== r) continue;
        if (down) takeDown(n, s);
        else n.st.up[s] = 1;
      }
    }
  } else if (action.action === 'db-fail') {
    for (const d of action.targets) {
      const db = topo.dbs[d]!;
      takeDown(n, db.primary);
      n.dbDownSince[d] = n.now;
      // Without a policy RDS fails over at once; with one, the policy decides on each tick.
      if (db.multiAz && !n.policies.hasDatabase(d)) startFailover(n, d);
      else n.dbDown[d] = 1;
    }
  } else {
    for (const d of action.targets) {
      n.dbDown[d] = 0;
      n.st.up[topo.dbs[d]!.primary] = 1;
    }
  }
}

/** A failover finished: the promoted standby serves as the primary. */
export function finishFailover(n: NetState, d: number): void {
  n.st.up[n.topo.dbs[d]!.primary] = 1;
}

/** One round of load balancer `lbIndex`'s health checks; schedules the next. */
export function healthCheck(n: NetState, lbIndex: number): void {
  const lb = n.topo.lbs[lbIndex]!;
  const failed = n.lbFailedChecks[lbIndex]!;
  const healthy = n.lbHealthy[lbIndex]!;
  for (let i = 0; i < lb.targets.length; i++) {
    const s = n.topo.webs[lb.targets[i]!]!.station;
    if (n.st.up[s] === 1) {
      failed[i] = 0;
      healthy[i] = 1;
    } else if (++failed[i]! >= lb.unhealthyThreshold) {
      healthy[i] = 0;
    }
  }
  n.queue.push(n.now + lb.healthCheckIntervalSeconds, (lbIndex << 4) | E_HEALTH);
}

/**
 * One Route 53 health check of a failover record's primary. Its status changes after
 * `failureThreshold` checks in a row disagree with it (Route 53 uses one threshold both ways).
 */
export function dnsHealthCheck(n: NetState): void {
  const dns = n.topo.dns!;
  if (dns.routing === 'latency') {
    latencyHealthCheck(n);
    return;
  }
  const up = entryIsUp(n, n.topo.entries[0]!);
  if (up) {
    n.dnsFailedChecks = 0;
    if (!n.primaryHealthy && ++n.dnsPassedChecks >= dns.failureThreshold) {
      n.primaryHealthy = true;
      n.out.dns.statusChanges.push({ atSeconds: n.now, healthy: true });
    }
  } else {
    n.dnsPassedChecks = 0;
    if (n.primaryHealthy && ++n.dnsFailedChecks >= dns.failureThreshold) {
      n.primaryHealthy = false;
      n.out.dns.statusChanges.push({ atSeconds: n.now, healthy: false });
    }
  }
  n.queue.push(n.now + dns.healthCheckIntervalSeconds, E_DNS_HEALTH);
}

/** One round of a latency record's health checks, one per answer, as for a failover primary. */
function latencyHealthCheck(n: NetState): void {
  const dns = n.topo.dns!;
  for (let e = 0; e < n.topo.entries.length; e++) {
    const healthy = n.entryHealthy[e] === 1;
    if (entryIsUp(n, n.topo.entries[e]!)) {
      n.entryFailedChecks[e] = 0;
      if (!healthy && ++n.entryPassedChecks[e]! >= dns.failureThreshold) {
        n.entryHealthy[e] = 1;
        n.out.dns.statusChanges.push({ atSeconds: n.now, healthy: true, entry: e });
      }
    } else {
      n.entryPassedChecks[e] = 0;
      if (healthy && ++n.entryFailedChecks[e]! >= dns.failureThreshold) {
        n.entryHealthy[e] = 0;
        n.out.dns.statusChanges.push({ atSeconds: n.now, healthy: false, entry: e });
      }
    }
  }
  n.queue.push(n.now + dns.healthCheckIntervalSeconds, E_DNS_HEALTH);
}

/** Asks each database's failover policy, once a second, whether to promote the standby now. */
function consultFailoverPolicies(n: NetState): void {
  for (let d = 0; d < n.topo.dbs.length; d++) {
    if (!n.policies.hasDatabase(d) || n.now < n.dbFailingOverUntil[d]!) continue;
    const down = n.dbDown[d] === 1;
    const since = down ? n.now - n.dbDownSince[d]! : 0;
    if (n.policies.shouldFailOver(d, since, !down, n.now)) {
      if (!down) takeDown(n, n.topo.dbs[d]!.primary);
      startFailover(n, d);
    }
  }
}

/** Closes simulated second `second - 1`: series, Auto Scaling, policies; schedules the next tick. */
export function tick(n: NetState, second: number): void {
  const index = second - 1;
  const st = n.st;
  const out = n.out;
  if (index >= 0 && index < n.seconds) {
    for (let s = 0; s < st.count; s++) {
      st.account(s, n.now, n.start, n.end);
      out.series.utilisation[s]![index] = st.busyArea[s]! / st.servers[s]!;
      st.busyArea[s] = 0;
    }
    out.series.p50[index] = n.secondLatency.percentileMs(0.5);
    out.series.p95[index] = n.secondLatency.percentileMs(0.95);
    out.series.p99[index] = n.secondLatency.percentileMs(0.99);
    n.secondLatency = new LatencyHistogram();
  }
  if (n.topo.groups.length > 0) autoScale(n, second);
  if (n.policies.databaseCount > 0 && second > 0 && n.now < n.end) consultFailoverPolicies(n);
  if (second < n.seconds) n.queue.push(second + 1, ((second + 1) << 4) | E_TICK);
}

/** Feeds the second that just ended to the groups; decides at each period's end. */
function autoScale(n: NetState, second: number): void {
  const index = second - 1;
  const topo = n.topo;
  if (index >= 0 && index < n.seconds) {
    n.scaling.recordSecond(second, (web) => {
      const s = topo.webs[web]!.station;
      return (n.out.series.utilisation[s]![index]! * n.st.servers[s]!) / n.defs[s]!.vcpus;
    });
  }
  if (second > 0 && second < n.end && second % n.sc.scalingPeriodSeconds === 0) {
    const launch = (web: number): void => {
      n.queue.push(n.now + n.sc.instanceLaunchSeconds, (web << 4) | E_INSTANCE_READY);
    };
    const isUp = (web: number): boolean => n.st.up[topo.webs[web]!.station] === 1;
    const revive = (web: number): void => {
      n.st.up[topo.webs[web]!.station] = 1;
    };
    for (let g = 0; g < topo.groups.length; g++) {
      const rule = n.policies.hasGroup(g)
        ? (current: number, cpu: number) => n.policies.desiredCapacity(g, current, cpu, n.now)
        : undefined;
      n.scaling.decide(g, n.now, launch, isUp, revive, rule);
    }
  }
}

/** A launched instance enters service; the load balancers register it as healthy. */
export function instanceReady(n: NetState, web: number): void {
  if (!n.scaling.ready(web, n.now)) return;
  n.topo.lbs.forEach((lb, i) => {
    const position = lb.targets.indexOf(web);
    if (position < 0) return;
    n.lbHealthy[i]![position] = 1;
    n.lbFailedChecks[i]![position] = 0;
  });
}
