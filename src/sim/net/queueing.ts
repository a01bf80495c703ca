/** Stations as FIFO queues in front of their servers: arrive, wait, be served, move on. */
import { P_DB, P_WEB, R_INSTANCE_DOWN, R_QUEUE_FULL, E_DONE } from './net-output.ts';
import type { NetState } from './net-state.ts';

/** Starts serving request `slot` at station `s` for an exponential time of mean `demand` s. */
function startService(n: NetState, s: number, slot: number, demandSeconds: number): void {
  const st = n.st;
  st.account(s, n.now, n.start, n.end);
  st.busy[s]! += 1;
  const service = n.serviceRng.exponential(demandSeconds);
  const arrivedAt = n.req.arrivedAt[slot]!;
  if (arrivedAt >= n.start && arrivedAt < n.end) {
    st.waitSum[s]! += n.now - arrivedAt;
    st.waitCount[s]! += 1;
    st.serviceSum[s]! += service;
  }
  n.schedule(n.now + service, slot, E_DONE);
}

/** Mean CPU seconds the request needs at the station it is on. */
function demandOf(n: NetState, slot: number): number {
  const p = n.req.phase[slot]!;
  if (p === P_WEB) {
    if (n.req.static[slot] === 1) return n.staticCpu;
    const web = n.topo.webs[n.req.web[slot]!]!;
    return web.db < 0 && web.table < 0 ? n.webCpuLocal : n.webCpuSplit;
  }
  if (p === P_DB) return n.dbCpu;
  return n.cacheCpu;
}

/** The request reaches station `s`; it waits, is served, or is turned away. */
export function arriveAt(n: NetState, slot: number, s: number): void {
  const st = n.st;
  n.req.station[slot] = s;
  n.req.arrivedAt[slot] = n.now;
  if (n.now >= n.start && n.now < n.end) st.arrivals[s]! += 1;
  if (st.up[s] === 0) {
    n.fail(slot, R_INSTANCE_DOWN);
    return;
  }
  if (st.busy[s]! < st.servers[s]!) startService(n, s, slot, demandOf(n, slot));
  else if (st.queues[s]!.size >= n.w.maxQueueLength) n.fail(slot, R_QUEUE_FULL);
  else st.queues[s]!.push(slot);
}

/** A server at station `s` is free: it takes the next live request from the queue. */
export function finishService(n: NetState, s: number): void {
  const st = n.st;
  st.account(s, n.now, n.start, n.end);
  st.busy[s]! -= 1;
  if (n.now >= n.start && n.now < n.end) st.served[s]! += 1;
  const waiting = st.queues[s]!;
  while (waiting.size > 0 && st.busy[s]! < st.servers[s]!) {
    const next = waiting.shift();
    if (n.req.dead[next] === 1) continue;
    startService(n, s, next, demandOf(n, next));
  }
}
