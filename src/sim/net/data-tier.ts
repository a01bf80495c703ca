/**
 * What a request does after the web server's CPU work: its session lookup, then a cache-aside
 * read or a write through to the database (RDS, a database on EC2, or DynamoDB), and back. Also
 * static files served from a CloudFront edge.
 */
import { AWS_BEHAVIOUR } from '../catalog/aws-behaviour.ts';
import { mix32 } from '../engine/rng.ts';
import {
  P_CACHE_BACK,
  P_CACHE_GET,
  P_DB,
  P_SESSION,
  P_SESSION_BACK,
  P_TABLE,
  P_WEB,
  R_FAILOVER,
  R_INSTANCE_DOWN,
  R_SESSION_LOST,
  R_THROTTLED,
  E_AT_STATION,
  E_RESPONSE,
} from './net-output.ts';
import type { NetState } from './net-state.ts';

const PARTITION_READS = AWS_BEHAVIOUR.dynamoDbPartitionMaxReadUnitsPerSecond.value;
const PARTITION_WRITES = AWS_BEHAVIOUR.dynamoDbPartitionMaxWriteUnitsPerSecond.value;

/** After the web server's CPU work: sessions, then data. */
function afterWeb(n: NetState, slot: number): void {
  const req = n.req;
  if (req.static[slot] === 1) {
    // A static file needs neither the session nor the data tier.
    n.respond(slot, 0);
    return;
  }
  const web = n.topo.webs[req.web[slot]!]!;
  if (web.sessionTable >= 0) {
    // Session items are keyed by user, in their own key space (odd hashes) next to the data.
    const t = web.sessionTable;
    if (n.regionDown[n.topo.tables[t]!.replicaRegions[web.sessionReplica]!] === 1) {
      n.fail(slot, R_INSTANCE_DOWN);
      return;
    }
    if (n.slots.counted[slot] === 1) n.out.tables[t]!.sessionLookups++;
    if (!useTableUnit(n, t, web.sessionReplica, req.user[slot]! * 2 + 1, false, slot)) {
      n.fail(slot, R_THROTTLED);
      return;
    }
    req.phase[slot] = P_SESSION_BACK;
    req.station[slot] = web.station;
    n.schedule(n.now + (n.tableSeconds + web.sessionRttSeconds), slot, E_AT_STATION);
    return;
  }
  if (web.sessions >= 0) {
    const c = n.topo.caches[web.sessions]!;
    req.phase[slot] = P_SESSION;
    n.schedule(n.now + n.hop(web.station, c.station), slot, E_AT_STATION);
    req.station[slot] = c.station;
    return;
  }
  toData(n, slot);
}

/** From the web server to the data: the cache first for a read, else the database. */
export function toData(n: NetState, slot: number): void {
  const req = n.req;
  const web = n.topo.webs[req.web[slot]!]!;
  if (web.db < 0 && web.table < 0) {
    // The database runs on this instance: its share of the work was part of the web CPU time.
    n.respond(slot, 0);
    return;
  }
  if (req.write[slot] === 0 && web.cache >= 0) {
    const c = n.topo.caches[web.cache]!;
    req.phase[slot] = P_CACHE_GET;
    req.station[slot] = c.station;
    n.schedule(n.now + n.hop(web.station, c.station), slot, E_AT_STATION);
    return;
  }
  toDatabase(n, slot);
}

/**
 * Takes one read or write unit from the partition `key` hashes to in `replica` (each replica of
 * a global table has its own), or returns false when the partition has used its documented
 * per-second budget (the request is throttled).
 */
function useTableUnit(
  n: NetState,
  t: number,
  replica: number,
  key: number,
  write: boolean,
  slot: number,
): boolean {
  const partitions = n.topo.tables[t]!.partitions;
  const p = n.tableFirst[t]! + replica * partitions + (mix32(key) % partitions);
  const second = Math.floor(n.now);
  if (n.partitionSecond[p] !== second) {
    n.partitionSecond[p] = second;
    n.partitionReads[p] = 0;
    n.partitionWrites[p] = 0;
  }
  const stats = n.out.tables[t]!;
  const counted = n.slots.counted[slot] === 1;
  const measured = n.now >= n.start && n.now < n.end;
  if (write) {
    if (n.partitionWrites[p]! >= PARTITION_WRITES) {
      if (counted) stats.throttledWrites++;
      return false;
    }
    const used = ++n.partitionWrites[p]!;
    if (measured && used > stats.peakPartitionWrites) stats.peakPartitionWrites = used;
  } else {
    if (n.partitionReads[p]! >= PARTITION_READS) {
      if (counted) stats.throttledReads++;
      return false;
    }
    const used = ++n.partitionReads[p]!;
    if (measured && used > stats.peakPartitionReads) stats.peakPartitionReads = used;
  }
  return true;
}

/**
 * A data read or write in a DynamoDB table: one unit of the replica the app uses, then
 * `dynamoMsPerOp` of latency (plus the round trip to another Region when the app's Region has
 * no replica). A read of a key written in another Region less than the global table's lag ago
 * may miss that write: it is counted as stale.
 */
function toTable(n: NetState, slot: number): void {
  const req = n.req;
  const web = n.topo.webs[req.web[slot]!]!;
  const t = web.table;
  const table = n.topo.tables[t]!;
  const region = table.replicaRegions[web.tableReplica]!;
  const write = req.write[slot] === 1;
  if (n.regionDown[region] === 1) {
    n.fail(slot, R_INSTANCE_DOWN);
    return;
  }
  if (!useTableUnit(n, t, web.tableReplica, req.key[slot]! * 2, write, slot)) {
    n.fail(slot, R_THROTTLED);
    return;
  }
  if (n.slots.counted[slot] === 1) {
    const stats = n.out.tables[t]!;
    if (write) stats.writes++;
    else {
      stats.reads++;
      const key = req.key[slot]!;
      const writtenIn = table.lagSeconds > 0 ? n.lastWriteRegion[key]! : -1;
      if (writtenIn >= 0 && writtenIn !== region && n.lastWriteAt[key]! > n.now - table.lagSeconds)
        stats.staleReads++;
    }
  }
  req.phase[slot] = P_TABLE;
  req.station[slot] = web.station;
  n.schedule(n.now + (n.tableSeconds + web.tableRttSeconds), slot, E_AT_STATION);
}

/** Back from DynamoDB: a write invalidates the cached row, a read fills the cache. */
export function afterTable(n: NetState, slot: number): void {
  const web = n.topo.webs[n.req.web[slot]!]!;
  const key = n.req.key[slot]!;
  if (n.req.write[slot] === 1) {
    n.lastWriteAt[key] = n.now;
    if (n.lastWriteRegion.length > 0) {
      n.lastWriteRegion[key] = n.topo.tables[web.table]!.replicaRegions[web.tableReplica]!;
    }
    if (web.cache >= 0) n.caches[web.cache]!.delete(key);
  } else if (web.cache >= 0) fillCache(n, web.cache, key);
  n.respond(slot, 0);
}

/** Cache-aside fill after a read: the row goes in the cache unless the learner's policy says no. */
function fillCache(n: NetState, c: number, key: number): void {
  const cache = n.caches[c]!;
  if (n.policies.hasCache(c) && !n.policies.shouldCache(c, key, n.now, cache.size)) {
    n.out.caches[c]!.skipped++;
    return;
  }
  cache.set(key, n.now);
}

/** To the database: a replica for a read when there is one up, else the primary. */
export function toDatabase(n: NetState, slot: number): void {
  const req = n.req;
  const web = n.topo.webs[req.web[slot]!]!;
  if (web.table >= 0) {
    toTable(n, slot);
    return;
  }
  const dbIndex = web.db;
  const db = n.topo.dbs[dbIndex]!;
  const stats = n.out.dbs[dbIndex]!;
  const counted = n.slots.counted[slot] === 1;
  req.phase[slot] = P_DB;
  let target = db.primary;
  if (req.write[slot] === 0 && db.replicas.length > 0) {
    for (let k = 0; k < db.replicas.length; k++) {
      const candidate = db.replicas[(n.replicaNext[dbIndex]! + k) % db.replicas.length]!;
      if (n.st.up[candidate] === 1) {
        target = candidate;
        break;
      }
    }
    n.replicaNext[dbIndex] = (n.replicaNext[dbIndex]! + 1) % db.replicas.length;
  }
  if (target === db.primary && n.now < n.dbFailingOverUntil[dbIndex]!) {
    n.fail(slot, R_FAILOVER);
    return;
  }
  if (target === db.primary && n.dbDown[dbIndex] === 1) {
    n.fail(slot, R_INSTANCE_DOWN);
    return;
  }
  if (counted) {
    if (req.write[slot] === 1) stats.writes++;
    else stats.reads++;
    if (target !== db.primary) {
      stats.replicaReads++;
      if (n.lastWriteAt[req.key[slot]!]! > n.now - db.replicaLagSeconds) stats.staleReads++;
    }
  }
  req.station[slot] = target;
  n.schedule(n.now + n.hop(web.station, target), slot, E_AT_STATION);
}

/** Service finished at the station the request is on: move it to its next step. */
export function afterService(n: NetState, slot: number): void {
  const req = n.req;
  const p = req.phase[slot]!;
  if (p === P_WEB) {
    afterWeb(n, slot);
    return;
  }
  const web = n.topo.webs[req.web[slot]!]!;
  const s = req.station[slot]!;
  const back = n.hop(s, web.station);
  if (p === P_SESSION) {
    const c = web.sessions;
    const user = req.user[slot]!;
    n.out.caches[c]!.sessionLookups++;
    if (n.sessionEpoch[user]! >= 0 && n.sessionEpoch[user] !== n.cacheEpoch[c]) {
      // The cache that held this user's session was lost: the user must log in again.
      n.sessionEpoch[user] = n.cacheEpoch[c]!;
      n.fail(slot, R_SESSION_LOST);
      return;
    }
    n.sessionEpoch[user] = n.cacheEpoch[c]!;
    n.schedule(n.now + back, slot, E_AT_STATION);
    req.station[slot] = web.station;
    req.phase[slot] = P_SESSION_BACK;
    return;
  }
  if (p === P_CACHE_GET) {
    const c = web.cache;
    const stats = n.out.caches[c]!;
    const hit = n.caches[c]!.get(req.key[slot]!, n.now);
    if (n.slots.counted[slot] === 1) {
      if (hit) stats.hits++;
      else stats.misses++;
    }
    if (hit) {
      n.respond(slot, back);
      return;
    }
    // Cache-aside: read the database, then put the row in the cache.
    n.schedule(n.now + back, slot, E_AT_STATION);
    req.station[slot] = web.station;
    req.phase[slot] = P_CACHE_BACK;
    return;
  }
  // P_DB
  const dbIndex = web.db;
  const db = n.topo.dbs[dbIndex]!;
  const key = req.key[slot]!;
  if (req.write[slot] === 1) {
    const commitWait = db.multiAz
      ? n.defs[db.primary]!.az === db.standbyAz
        ? n.sameAz
        : n.crossAz
      : 0;
    n.lastWriteAt[key] = n.now + commitWait;
    if (n.slots.counted[slot] === 1) n.out.dbs[dbIndex]!.committedWrites++;
    if (web.cache >= 0) n.caches[web.cache]!.delete(key);
    n.respond(slot, back + commitWait);
    return;
  }
  if (web.cache >= 0) fillCache(n, web.cache, key);
  n.respond(slot, back);
}

/**
 * A static file fetched through the distribution: the user's round trip to the edge, plus an
 * origin fetch from S3 when the edge cache misses (the file is then cached there).
 */
export function serveFromEdge(n: NetState, slot: number, file: number): void {
  const d = n.topo.staticDistribution;
  const stats = n.out.distributions[d]!;
  const edge = n.edgeCaches[d]!;
  const hit = edge.get(file, n.now);
  if (!hit) edge.set(file, n.now);
  if (n.slots.counted[slot] === 1) {
    stats.requests++;
    if (hit) stats.edgeHits++;
    else stats.originFetches++;
  }
  n.req.static[slot] = 2;
  n.schedule(n.now + n.edgeSeconds + (hit ? 0 : n.originSeconds), slot, E_RESPONSE);
}
