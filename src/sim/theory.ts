/**
 * Closed-form queueing results, used to validate the simulator and by later chapters.
 * Notation: arrival rate λ, service rate μ per server, c servers, offered load a = λ/μ (Erlangs),
 * utilisation ρ = a/c. Rates and times may use any unit, as long as they agree.
 */

/** Results for an M/M/c queue (Poisson arrivals, exponential service, c servers, FIFO). */
export interface QueueMetrics {
  /** Utilisation of each server, 0..1. */
  rho: number;
  /** Probability an arrival has to wait (Erlang C). */
  pWait: number;
  /** Mean time in queue before service. */
  wq: number;
  /** Mean time in system (queue + service). */
  w: number;
  /** Mean number waiting. */
  lq: number;
  /** Mean number in system. */
  l: number;
}

/**
 * Erlang C: the probability that an arrival waits in an M/M/c queue with offered load `a`
 * Erlangs. Computed with the stable Erlang B recurrence, so large `c` does not overflow.
 */
export function erlangC(c: number, a: number): number {
  if (!Number.isInteger(c) || c < 1) throw new RangeError(`c must be a positive integer, got ${c}`);
  if (!(a >= 0) || a >= c) throw new RangeError(`offered load a must be in [0, c), got ${a}`);
  let b = 1; // Erlang B with 0 servers
  for (let k = 1; k <= c; k++) b = (a * b) / (k + a * b);
  const rho = a / c;
  return b / (1 - rho + rho * b);
}

/** M/M/c steady-state metrics for arrival rate `lambda`, per-server rate `mu`, `c` servers. */
export function mmc(lambda: number, mu: number, c: number): QueueMetrics {
  const a = lambda / mu;
  const pWait = erlangC(c, a);
  const wq = pWait / (c * mu - lambda);
  const w = wq + 1 / mu;
  return { rho: a / c, pWait, wq, w, lq: lambda * wq, l: lambda * w };
}

/** M/M/1 steady-state metrics (the c = 1 case, in closed form). */
export function mm1(lambda: number, mu: number): QueueMetrics {
  if (!(lambda >= 0) || lambda >= mu)
    throw new RangeError(`need 0 <= lambda < mu, got ${lambda}, ${mu}`);
  const rho = lambda / mu;
  const wq = rho / (mu - lambda);
  const w = 1 / (mu - lambda);
  return { rho, pWait: rho, wq, w, lq: lambda * wq, l: rho / (1 - rho) };
}
