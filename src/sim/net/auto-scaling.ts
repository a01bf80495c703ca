/**
 * Auto Scaling groups in the network model. Each group owns `max` pre-allocated web slots; a
 * slot is free, launching or in service. Every scaling period the target tracking policy sets
 * desired = ceil(instances × CPU / target) within [min, max], where "instances" and "CPU" are
 * the in-service instances past their warm-up and their average CPU over the period. The group
 * also notices crashed instances at each decision and launches replacements.
 *
 * A simplification: scale-in takes an instance out of the load balancer at once and stops its
 * bill; requests it already holds still finish (connection draining without a delay).
 */
import type { Topology } from './topology.ts';

const FREE = 0;
const LAUNCHING = 1;
const IN_SERVICE = 2;

/** One change of a group's size. */
export interface ScalingActivity {
  /** Simulated second of the decision. */
  atSeconds: number;
  /** Instances in service or launching before and after. */
  from: number;
  to: number;
  reason: 'scale-out' | 'scale-in' | 'replace-unhealthy';
}

export class AutoScaling {
  /** Per web: 1 while the load balancer may send it requests (always 1 outside groups). */
  readonly active: Uint8Array;
  /** Per web: free, launching or in service (groups only). */
  readonly state: Uint8Array;
  /** Per web: when it entered service. */
  readonly serviceSince: Float64Array;
  /** Per web: 1 when it crashed and waits for the group to notice. */
  readonly crashed: Uint8Array;
  /** Per group: CPU utilisation summed over measured instance-seconds this period, and their count. */
  readonly cpuSum: Float64Array;
  readonly cpuCount: Float64Array;
  /** Per group: instances running (launching or in service) now, and integrated over the window. */
  readonly running: Int32Array;
  readonly runningArea: Float64Array;
  readonly cpuWindowSum: Float64Array;
  readonly cpuWindowCount: Float64Array;
  readonly activities: ScalingActivity[][];
  /** Per group, per second: instances in service at the end of the second. */
  readonly inService: Float64Array[];
  readonly topo: Topology;
  readonly window: { start: number; end: number };
  #lastChange: Float64Array;
  #period: number;

  constructor(
    topo: Topology,
    seconds: number,
    window: { start: number; end: number },
    periodSeconds: number,
  ) {
    this.topo = topo;
    this.window = window;
    this.#period = periodSeconds;
    const webs = topo.webs.length;
    const groups = topo.groups.length;
    this.active = new Uint8Array(webs).fill(1);
    this.state = new Uint8Array(webs);
    this.serviceSince = new Float64Array(webs);
    this.crashed = new Uint8Array(webs);
    this.cpuSum = new Float64Array(groups);
    this.cpuCount = new Float64Array(groups);
    this.running = new Int32Array(groups);
    this.runningArea = new Float64Array(groups);
    this.cpuWindowSum = new Float64Array(groups);
    this.cpuWindowCount = new Float64Array(groups);
    this.activities = topo.groups.map(() => []);
    this.inService = topo.groups.map(() => new Float64Array(seconds));
    this.#lastChange = new Float64Array(groups);
    topo.groups.forEach((group, g) => {
      group.webs.forEach((web, i) => {
        const on = i < group.desired;
        this.active[web] = on ? 1 : 0;
        this.state[web] = on ? IN_SERVICE : FREE;
        this.serviceSince[web] = -Infinity;
      });
      this.running[g] = group.desired;
    });
  }

  /** Adds running instance-time up to `now` before the count changes. */
  #account(g: number, now: number): void {
    const a = Math.max(this.#lastChange[g]!, this.window.start);
    const b = Math.min(now, this.window.end);
    if (b > a) this.runningArea[g]! += this.running[g]! * (b - a);
    this.#lastChange[g] = now;
  }

  /** Records one second of CPU (0..1) for every in-service web of every group. */
  recordSecond(second: number, cpuOf: (web: number) => number): void {
    this.topo.groups.forEach((group, g) => {
      let serving = 0;
      for (const web of group.webs) {
        if (this.state[web] !== IN_SERVICE) continue;
        serving++;
        if (this.crashed[web] === 1) continue;
        const cpu = cpuOf(web);
        if (second - 1 >= this.serviceSince[web]! + group.warmupSeconds) {
          this.cpuSum[g]! += cpu;
          this.cpuCount[g]! += 1;
        }
        if (second - 1 >= this.window.start && second <= this.window.end) {
          this.cpuWindowSum[g]! += cpu;
          this.cpuWindowCount[g]! += 1;
        }
      }
      const series = this.inService[g]!;
      if (second - 1 >= 0 && second - 1 < series.length) series[second - 1] = serving;
    });
  }

  /**
   * One decision of group `g` at `now`: retire crashed instances, then launch or terminate to
   * reach the desired capacity. `launch` schedules a web's start; `isUp` says whether a slot's
   * zone can take a new instance. `rule`, when given, replaces target tracking: it gets the
   * instances running and their average CPU and returns the desired capacity.
   */
  decide(
    g: number,
    now: number,
    launch: (web: number) => void,
    isUp: (web: number) => boolean,
    revive: (web: number) => void,
    rule?: (current: number, cpu: number) => number,
  ): void {
    const group = this.topo.groups[g]!;
    this.#account(g, now);
    let replaced = 0;
    for (const web of group.webs) {
      if (this.state[web] === FREE || isUp(web)) continue;
      // An unhealthy instance: the group terminates it and launches a replacement below.
      this.state[web] = FREE;
      this.active[web] = 0;
      this.running[g]! -= 1;
      replaced++;
      if (this.crashed[web] === 1) {
        this.crashed[web] = 0;
        revive(web); // the slot stands for a new instance from now on
      }
    }
    let inService = 0;
    let launching = 0;
    for (const web of group.webs) {
      if (this.state[web] === IN_SERVICE) inService++;
      else if (this.state[web] === LAUNCHING) launching++;
    }
    const before = inService + launching + replaced;
    let desired = before;
    if (this.cpuCount[g]! > 0) {
      // Instances measured over the period × their average CPU = the load in instance units.
      const load = this.cpuSum[g]! / this.cpuCount[g]!;
      const measured = this.cpuCount[g]! / this.#period;
      desired =
        rule === undefined
          ? Math.ceil((measured * load) / group.targetCpu - 1e-9)
          : rule(inService + launching, load);
    }
    desired = Math.min(group.max, Math.max(group.min, desired));
    this.cpuSum[g] = 0;
    this.cpuCount[g] = 0;

    let total = inService + launching;
    while (total < desired) {
      const web = this.#pickFree(g, isUp);
      if (web < 0) break;
      this.state[web] = LAUNCHING;
      this.running[g]! += 1;
      launch(web);
      total++;
    }
    while (total > desired) {
      const web = this.#pickVictim(g);
      if (web < 0) break;
      this.state[web] = FREE;
      this.active[web] = 0;
      this.running[g]! -= 1;
      total--;
    }
    if (total !== before || replaced > 0) {
      const reason =
        total > before ? 'scale-out' : total < before ? 'scale-in' : 'replace-unhealthy';
      this.activities[g]!.push({ atSeconds: now, from: before, to: total, reason });
    }
  }

  /** A launched instance is ready: it enters service. */
  ready(web: number, now: number): boolean {
    if (this.state[web] !== LAUNCHING) return false;
    this.state[web] = IN_SERVICE;
    this.active[web] = 1;
    this.serviceSince[web] = now;
    return true;
  }

  /** The first in-service instance of group `g`, to crash; -1 when none. */
  firstInService(g: number): number {
    for (const web of this.topo.groups[g]!.webs) {
      if (this.state[web] === IN_SERVICE && this.crashed[web] === 0) return web;
    }
    return -1;
  }

  /** Closes the running-time integral at the end of the run. */
  finish(now: number): void {
    this.topo.groups.forEach((_, g) => this.#account(g, now));
  }

  /** A free slot in the zone with the fewest running instances (lowest index on ties). */
  #pickFree(g: number, isUp: (web: number) => boolean): number {
    const webs = this.topo.groups[g]!.webs;
    const perAz = this.#runningPerAz(g);
    let best = -1;
    let bestCount = Infinity;
    for (const web of webs) {
      if (this.state[web] !== FREE || !isUp(web)) continue;
      const count = perAz.get(this.#azOf(web)) ?? 0;
      if (count < bestCount) {
        best = web;
        bestCount = count;
      }
    }
    return best;
  }

  /** A launching instance if any (newest first), else one in service in the fullest zone. */
  #pickVictim(g: number): number {
    const webs = this.topo.groups[g]!.webs;
    for (let i = webs.length - 1; i >= 0; i--) {
      if (this.state[webs[i]!] === LAUNCHING) return webs[i]!;
    }
    const perAz = this.#runningPerAz(g);
    let best = -1;
    let bestCount = -1;
    for (let i = webs.length - 1; i >= 0; i--) {
      const web = webs[i]!;
      if (this.state[web] !== IN_SERVICE) continue;
      const count = perAz.get(this.#azOf(web)) ?? 0;
      if (count > bestCount) {
        best = web;
        bestCount = count;
      }
    }
    return best;
  }

  #runningPerAz(g: number): Map<string, number> {
    const perAz = new Map<string, number>();
    for (const web of this.topo.groups[g]!.webs) {
      if (this.state[web] === FREE) continue;
      const az = this.#azOf(web);
      perAz.set(az, (perAz.get(az) ?? 0) + 1);
    }
    return perAz;
  }

  #azOf(web: number): string {
    return this.topo.stations[this.topo.webs[web]!.station]!.az;
  }
}
