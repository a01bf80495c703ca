/**
 * The v1 request model: Poisson arrivals, resolver caching, one instance as `servers` parallel
 * workers with a FIFO queue, memory and queue limits, client timeouts. Hot-path state lives in
 * typed arrays indexed by a request slot, recycled through a free list, so a run allocates
 * nothing per request.
 */
import { SimBudgetError } from '../errors.ts';
import { EventQueue } from '../engine/event-queue.ts';
import { LatencyHistogram } from '../engine/histogram.ts';
import { Rng } from '../engine/rng.ts';
import { IntRing, RequestSlots } from './request-slots.ts';

/** Inputs of one run of the model, in seconds and MiB. */
export interface ModelInput {
  arrivalRatePerSecond: number;
  durationSeconds: number;
  warmupSeconds: number;
  timeoutSeconds: number;
  rttSeconds: number;
  /** Probability that a lookup misses every cache and reaches Route 53. */
  dnsMissProbability: number;
  /** False when no DNS record leads to an instance: every request fails `no-route`. */
  hasRoute: boolean;
  servers: number;
  memoryMiB: number;
  baseMemoryMiB: number;
  memoryMiBPerInFlight: number;
  maxQueueLength: number;
  meanServiceSeconds: number;
  seed: number;
  maxEvents: number;
  onProgress?: (fraction: number) => void;
}

/** Raw counters of one run; `simulate` turns them into `SimResults`. */
export interface ModelOutput {
  total: number;
  ok: number;
  timeout: number;
  queueFull: number;
  outOfMemory: number;
  noRoute: number;
  latency: LatencyHistogram;
  arrivalsAtInstance: number;
  served: number;
  busyArea: number;
  inFlightArea: number;
  peakInFlight: number;
  waitSum: number;
  waitCount: number;
  serviceSum: number;
  dnsLookups: number;
  dnsQueries: number;
  events: number;
}

const ARRIVAL = 0;
const AT_INSTANCE = 1;
const SERVICE_DONE = 2;
const RESPONSE = 3;

/** Runs the model to completion and returns its counters. */
export function runSingleServer(input: ModelInput): ModelOutput {
  const out: ModelOutput = {
    total: 0,
    ok: 0,
    timeout: 0,
    queueFull: 0,
    outOfMemory: 0,
    noRoute: 0,
    latency: new LatencyHistogram(),
    arrivalsAtInstance: 0,
    served: 0,
    busyArea: 0,
    inFlightArea: 0,
    peakInFlight: 0,
    waitSum: 0,
    waitCount: 0,
    serviceSum: 0,
    dnsLookups: 0,
    dnsQueries: 0,
    events: 0,
  };

  // Separate streams, so that changing one part of a stack leaves the others' draws alone.
  const arrivalRng = new Rng(input.seed, 1);
  const serviceRng = new Rng(input.seed, 2);
  const dnsRng = new Rng(input.seed, 3);

  const { durationSeconds: end, warmupSeconds: start, timeoutSeconds, rttSeconds } = input;
  const halfRtt = rttSeconds / 2;
  const meanGap = input.arrivalRatePerSecond > 0 ? 1 / input.arrivalRatePerSecond : Infinity;
  const maxInFlightByMemory =
    input.memoryMiBPerInFlight > 0
      ? Math.floor((input.memoryMiB - input.baseMemoryMiB) / input.memoryMiBPerInFlight)
      : input.memoryMiB >= input.baseMemoryMiB
        ? Infinity
        : -1;

  const queue = new EventQueue(1024);
  const slots = new RequestSlots(1024);
  const waiting = new IntRing(1024);
  let busy = 0;
  let inFlight = 0;
  let lastT = 0;
  let now = 0;
  let nextProgress = 0.01;

  const accumulate = (t: number): void => {
    const a = lastT < start ? start : lastT;
    const b = t > end ? end : t;
    if (b > a) {
      out.busyArea += busy * (b - a);
      out.inFlightArea += inFlight * (b - a);
    }
    lastT = t;
  };

  const startService = (slot: number): void => {
    busy++;
    const service = serviceRng.exponential(input.meanServiceSeconds);
    if (slots.countedAtInstance[slot] === 1) {
      out.waitSum += now - slots.atInstanceAt[slot]!;
      out.serviceSum += service;
      out.waitCount++;
    }
    queue.push(now + service, slot * 4 + SERVICE_DONE);
  };

  const first = arrivalRng.exponential(meanGap);
  if (first < end) queue.push(first, ARRIVAL);
  const cutoff = end + timeoutSeconds;

  while (queue.size > 0) {
    const t = queue.peekTime();
    if (t > cutoff) break;
    const payload = queue.pop();
    now = t;
    if (++out.events > input.maxEvents) throw new SimBudgetError(input.maxEvents, now);
    if (input.onProgress !== undefined && now >= nextProgress * end && now < end) {
      input.onProgress(now / end);
      nextProgress = Math.floor((now / end) * 100 + 1) / 100;
    }
    accumulate(now);
    const kind = payload & 3;
    const slot = payload >>> 2;

    if (kind === ARRIVAL) {
      const next = now + arrivalRng.exponential(meanGap);
      if (next < end) queue.push(next, ARRIVAL);
      const counted = now >= start;
      if (counted) out.total++;
      if (!input.hasRoute) {
        if (counted) out.noRoute++;
        continue;
      }
      let delay = halfRtt;
      if (counted) out.dnsLookups++;
      if (dnsRng.next() < input.dnsMissProbability) {
        delay += rttSeconds;
        if (counted) out.dnsQueries++;
      }
      const s = slots.acquire(now, counted);
      queue.push(now + delay, s * 4 + AT_INSTANCE);
    } else if (kind === AT_INSTANCE) {
      const counted = slots.counted[slot] === 1;
      const inWindow = now >= start && now < end;
      if (inWindow) out.arrivalsAtInstance++;
      if (busy >= input.servers && waiting.size >= input.maxQueueLength) {
        if (counted) out.queueFull++;
        slots.release(slot);
        continue;
      }
      if (inFlight + 1 > maxInFlightByMemory) {
        if (counted) out.outOfMemory++;
        slots.release(slot);
        continue;
      }
      inFlight++;
      if (inFlight > out.peakInFlight && inWindow) out.peakInFlight = inFlight;
      slots.atInstanceAt[slot] = now;
      slots.countedAtInstance[slot] = inWindow ? 1 : 0;
      if (busy < input.servers) startService(slot);
      else waiting.push(slot);
    } else if (kind === SERVICE_DONE) {
      busy--;
      inFlight--;
      if (slots.counted[slot] === 1) out.served++;
      if (waiting.size > 0) startService(waiting.shift());
      queue.push(now + halfRtt, slot * 4 + RESPONSE);
    } else {
      if (slots.counted[slot] === 1) {
        const elapsed = now - slots.createdAt[slot]!;
        if (elapsed > timeoutSeconds) out.timeout++;
        else {
          out.ok++;
          out.latency.recordMs(elapsed * 1000);
        }
      }
      slots.release(slot);
    }
  }

  accumulate(Math.max(now, end));
  // Whatever is still in flight was sent before `end` and has waited past its timeout.
  out.timeout += slots.countActiveCounted();
  input.onProgress?.(1);
  return out;
}
